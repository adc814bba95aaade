package dev.lipsync.server.http;

/**
 * An answer other than success: an HTTP status and the customer-facing {@code error} string.
 * Thrown by handlers; {@link Errors} writes it as {@code {"error": "..."}}.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final Long retryAfterSeconds;

    public ApiError(int status, String message) {
        this(status, message, null);
    }

    private ApiError(int status, String message, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    public static ApiError rateLimited(long retryAfterSeconds) {
        return new ApiError(429, "rate limit exceeded", retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    /** Seconds for the Retry-After header, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
