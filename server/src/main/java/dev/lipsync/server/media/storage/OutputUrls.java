package dev.lipsync.server.media.storage;

import java.util.Optional;

/**
 * Turns a completed request's output object key into the absolute URL handed out as
 * {@code output_url} (signed and expiring where the implementation supports it).
 */
@FunctionalInterface
public interface OutputUrls {

    Optional<String> urlFor(String outputKey);

    /** Until outputs are served: no URL. */
    OutputUrls NONE = key -> Optional.empty();
}
