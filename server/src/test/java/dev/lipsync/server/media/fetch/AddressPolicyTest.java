package dev.lipsync.server.media.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByAddress(Cidr.literalBytes(literal));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "100.64.0.1", "100.127.255.254", "169.254.169.254", "169.254.0.1", "224.0.0.1",
            "239.255.255.250", "255.255.255.255", "0.0.0.0", "0.1.2.3", "192.0.0.192", "198.18.0.1",
            "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1", "fec0::1",
            "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:a9fe:a9fe::1", "::127.0.0.1"})
    void refusesNonPublicAddresses(String literal) throws Exception {
        assertFalse(AddressPolicy.publicOnly().permits(ip(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "100.63.255.255",
            "192.169.0.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "64:ff9b::808:808"})
    void permitsPublicAddresses(String literal) throws Exception {
        assertTrue(AddressPolicy.publicOnly().permits(ip(literal)), literal);
    }

    @Test
    void refusesIpv4MappedIpv6FormsOfInternalAddresses() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        // Java turns ::ffff:a.b.c.d into an Inet4Address; the raw 16-byte form is checked too
        assertEquals("169.254.169.254", AddressPolicy.embeddedIpv4(mapped).getHostAddress());
        assertFalse(AddressPolicy.publicOnly().permits(InetAddress.getByAddress(mapped)));
        assertFalse(AddressPolicy.publicOnly().permits(InetAddress.getByName("::ffff:10.0.0.1")));
    }

    @Test
    void allowListOpensExactlyTheListedNetworksAndHosts() throws Exception {
        AddressPolicy policy = AddressPolicy.allowing(List.of("127.0.0.1", "10.1.0.0/16", " Media.Internal "));
        assertTrue(policy.permits(ip("127.0.0.1")));
        assertFalse(policy.permits(ip("127.0.0.2")));
        assertTrue(policy.permits(ip("10.1.200.3")));
        assertFalse(policy.permits(ip("10.2.0.1")));
        assertFalse(policy.permits(ip("169.254.169.254")));
        assertTrue(policy.isAllowedHost("media.internal"));
        assertFalse(policy.isAllowedHost("other.internal"));
    }

    @Test
    void cidrMatchesPrefixBitsOnly() {
        Cidr cgnat = Cidr.parse("100.64.0.0/10");
        assertTrue(cgnat.contains(new byte[] {100, 64, 0, 0}));
        assertTrue(cgnat.contains(new byte[] {100, 127, (byte) 255, (byte) 255}));
        assertFalse(cgnat.contains(new byte[] {100, (byte) 128, 0, 0}));
        assertFalse(cgnat.contains(new byte[] {100, 63, (byte) 255, (byte) 255}));
        assertFalse(cgnat.contains(new byte[16]), "an IPv6 address is never inside an IPv4 network");
    }
}
