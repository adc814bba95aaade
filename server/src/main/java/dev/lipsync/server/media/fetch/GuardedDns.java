package dev.lipsync.server.media.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import okhttp3.Dns;

/**
 * Resolves a host and hands OkHttp only addresses the policy permits; OkHttp then connects to
 * exactly these addresses, so there is no second lookup an attacker's DNS could answer
 * differently (no rebinding gap). If any address of a host is refused the whole host is:
 * a name that mixes public and internal addresses is not a name we want to talk to.
 */
final class GuardedDns implements Dns {

    /** The system resolver, swappable in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final AddressPolicy policy;
    private final Resolver resolver;

    GuardedDns(AddressPolicy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = Arrays.asList(resolver.resolve(hostname));
        if (addresses.isEmpty()) {
            throw new UnknownHostException(hostname);
        }
        if (policy.isAllowedHost(hostname)) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (!policy.permits(address)) {
                throw new ForbiddenAddressException(hostname + " resolves to " + address.getHostAddress());
            }
        }
        return addresses;
    }
}
