package dev.lipsync.server.media.fetch;

import java.nio.file.Path;

/** What a fetch produced: the file, or a failure with a message a customer can act on. */
public sealed interface FetchOutcome {

    /** The body was written completely to {@code file}. */
    record Fetched(Path file, long bytes, String contentType) implements FetchOutcome { }

    /** Nothing usable was fetched; {@code message} is customer-readable and becomes the request's error_message. */
    record Failed(Failure failure, String message) implements FetchOutcome { }

    enum Failure {
        NOT_ACCESSIBLE, FORBIDDEN_ADDRESS, TOO_LARGE, TOO_SLOW, TOO_MANY_REDIRECTS, UNSUPPORTED_URL, EMPTY
    }

    static Failed failed(Failure failure, MediaKind kind, long maxBytes) {
        String what = kind.label();
        String message = switch (failure) {
            case NOT_ACCESSIBLE -> what + " URL is not accessible";
            case FORBIDDEN_ADDRESS -> what + " URL points to a forbidden address";
            case TOO_LARGE -> what + " is larger than the " + megabytes(maxBytes) + " MB limit";
            case TOO_SLOW -> what + " URL took too long to download";
            case TOO_MANY_REDIRECTS -> what + " URL redirects too many times";
            case UNSUPPORTED_URL -> what + " URL must be an http or https URL";
            case EMPTY -> what + " URL returned an empty file";
        };
        return new Failed(failure, message);
    }

    private static String megabytes(long bytes) {
        long mb = bytes / (1024 * 1024);
        return mb > 0 ? Long.toString(mb) : String.format(java.util.Locale.ROOT, "%.2f", bytes / (1024.0 * 1024.0));
    }
}
