package dev.lipsync.sdk.errors;

import dev.lipsync.sdk.core.http.RetryAfter;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/** Too many requests for this key (HTTP 429); thrown once the SDK's retries are used up. */
public final class RateLimitException extends ChamelaionServiceException {
    public RateLimitException(String error, HttpHeaders headers, String body) {
        super(429, error, headers, body);
    }

    /** How long the server asked the client to wait, from {@code Retry-After}. */
    public Optional<Duration> retryAfter() {
        return RetryAfter.parse(headers(), java.time.Clock.systemUTC());
    }
}
