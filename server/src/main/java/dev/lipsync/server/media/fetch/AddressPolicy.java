package dev.lipsync.server.media.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which addresses the server may fetch customer media from. Everything that is not plainly on
 * the public internet is refused: loopback, private, carrier-grade NAT, link-local (including
 * the cloud metadata service at 169.254.169.254 and fd00:ec2::254), multicast, broadcast,
 * unspecified and reserved ranges, and IPv6 forms that embed one of those IPv4 addresses
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4).
 *
 * <p>An operator allow-list can open specific internal targets: CIDRs or single addresses
 * ({@code 10.1.2.0/24}, {@code 127.0.0.1}) and exact host names ({@code media.internal}).
 */
public final class AddressPolicy {

    private static final List<Cidr> FORBIDDEN = List.of(
            // IPv4
            Cidr.parse("0.0.0.0/8"),          // "this network", unspecified
            Cidr.parse("10.0.0.0/8"),         // private
            Cidr.parse("100.64.0.0/10"),      // carrier-grade NAT
            Cidr.parse("127.0.0.0/8"),        // loopback
            Cidr.parse("169.254.0.0/16"),     // link-local, cloud metadata 169.254.169.254
            Cidr.parse("172.16.0.0/12"),      // private
            Cidr.parse("192.0.0.0/24"),       // IETF protocol assignments (incl. 192.0.0.192 metadata on some clouds)
            Cidr.parse("192.0.2.0/24"),       // documentation
            Cidr.parse("192.88.99.0/24"),     // 6to4 relay anycast
            Cidr.parse("192.168.0.0/16"),     // private
            Cidr.parse("198.18.0.0/15"),      // benchmarking
            Cidr.parse("198.51.100.0/24"),    // documentation
            Cidr.parse("203.0.113.0/24"),     // documentation
            Cidr.parse("224.0.0.0/4"),        // multicast
            Cidr.parse("240.0.0.0/4"),        // reserved, incl. broadcast 255.255.255.255
            // IPv6
            Cidr.parse("::/128"),             // unspecified
            Cidr.parse("::1/128"),            // loopback
            Cidr.parse("100::/64"),           // discard-only
            Cidr.parse("2001:db8::/32"),      // documentation
            Cidr.parse("fc00::/7"),           // unique local, incl. fd00:ec2::254 (AWS metadata)
            Cidr.parse("fe80::/10"),          // link-local
            Cidr.parse("fec0::/10"),          // site-local (deprecated)
            Cidr.parse("ff00::/8"));          // multicast

    // built from bytes: Java parses "::ffff:0:0" into the IPv4 address 0.0.0.0
    private static final Cidr IPV4_MAPPED = new Cidr(
            new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}, 96);
    private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final List<Cidr> allowedNetworks;
    private final Set<String> allowedHosts;

    private AddressPolicy(List<Cidr> allowedNetworks, Set<String> allowedHosts) {
        this.allowedNetworks = List.copyOf(allowedNetworks);
        this.allowedHosts = Set.copyOf(allowedHosts);
    }

    /** Public internet only, no exceptions. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(List.of(), Set.of());
    }

    /**
     * Public internet plus the operator's allow-list entries: each a CIDR, a literal address or
     * an exact host name (case-insensitive).
     */
    public static AddressPolicy allowing(List<String> allowList) {
        List<Cidr> networks = new ArrayList<>();
        Set<String> hosts = new TreeSet<>();
        for (String raw : allowList) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String addressPart = entry.contains("/") ? entry.substring(0, entry.indexOf('/')) : entry;
            if (Cidr.isIpLiteral(addressPart)) {
                networks.add(Cidr.parse(entry));
            } else {
                hosts.add(entry.toLowerCase(Locale.ROOT));
            }
        }
        return new AddressPolicy(networks, hosts);
    }

    /** True when the operator allow-listed this host name, so any address it resolves to is permitted. */
    public boolean isAllowedHost(String host) {
        return allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** True when the server may connect to {@code address}. */
    public boolean permits(InetAddress address) {
        for (Cidr allowed : allowedNetworks) {
            if (allowed.contains(address)) {
                return true;
            }
        }
        return !isNonPublic(address);
    }

    /** True for any address outside the public internet, ignoring the allow-list. */
    static boolean isNonPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        for (Cidr cidr : FORBIDDEN) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        if (address instanceof Inet6Address) {
            InetAddress embedded = embeddedIpv4(address.getAddress());
            return embedded != null && isNonPublic(embedded);
        }
        return false;
    }

    /** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), or null. */
    static InetAddress embeddedIpv4(byte[] v6) {
        byte[] v4 = new byte[4];
        if (IPV4_MAPPED.contains(v6) || IPV4_COMPATIBLE.contains(v6) || NAT64.contains(v6)) {
            System.arraycopy(v6, 12, v4, 0, 4);
        } else if (SIX_TO_FOUR.contains(v6)) {
            System.arraycopy(v6, 2, v4, 0, 4);
        } else {
            return null;
        }
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
