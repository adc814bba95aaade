package dev.lipsync.server.media.fetch;

import java.time.Duration;

/**
 * Bounds on one remote fetch.
 *
 * @param maxBytes     largest body accepted; the download is aborted past it
 * @param connectTimeout per TCP/TLS connection
 * @param readTimeout  longest silence while reading
 * @param totalTimeout the whole fetch, all redirects and the body included
 * @param maxRedirects redirects followed before giving up
 */
public record FetchLimits(long maxBytes, Duration connectTimeout, Duration readTimeout, Duration totalTimeout,
                          int maxRedirects) {

    public static FetchLimits defaults() {
        return new FetchLimits(500L * 1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(10), 5);
    }

    public FetchLimits withMaxBytes(long bytes) {
        return new FetchLimits(bytes, connectTimeout, readTimeout, totalTimeout, maxRedirects);
    }
}
