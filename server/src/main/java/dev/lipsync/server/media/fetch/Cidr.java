package dev.lipsync.server.media.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 network (address + prefix length); {@code 10.0.0.0/8}, {@code fc00::/7}, or a bare address. */
public record Cidr(byte[] network, int prefixLength) {

    public Cidr {
        network = network.clone();
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range");
        }
    }

    /** Parses {@code a.b.c.d/n}, {@code x:y::z/n} or a bare literal address (a single host). */
    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        if (!isIpLiteral(addressPart)) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + text);
        }
        byte[] bytes = literalBytes(addressPart);
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1));
        return new Cidr(bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    /** True for a literal IPv4 (dotted quad) or IPv6 address, never triggering a DNS lookup. */
    static boolean isIpLiteral(String host) {
        String h = stripBrackets(host);
        if (h.contains(":")) {
            return h.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.]+)?");
        }
        return h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** The bytes of a literal address; only call after {@link #isIpLiteral}, so no DNS is involved. */
    static byte[] literalBytes(String literal) {
        try {
            // For a literal, InetAddress.getByName parses without any lookup.
            return InetAddress.getByName(stripBrackets(literal)).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && prefixLength == other.prefixLength && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            return Arrays.toString(network) + "/" + prefixLength;
        }
    }
}
