package dev.lipsync.server.media.fetch;

import java.net.UnknownHostException;

/**
 * A host resolved to (or a connection reached) an address the {@link AddressPolicy} refuses.
 * Extends {@link UnknownHostException} because that is what OkHttp's DNS contract may throw.
 */
final class ForbiddenAddressException extends UnknownHostException {
    ForbiddenAddressException(String detail) {
        super(detail);
    }
}
