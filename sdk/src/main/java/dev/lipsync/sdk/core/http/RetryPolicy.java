package dev.lipsync.sdk.core.http;

import java.time.Duration;
import java.util.Optional;

/**
 * When to retry and how long to wait first. Pure functions, so the numbers can be tested.
 * Retried: connection errors and timeouts, 408, 409, 429 and every 5xx; never another 4xx.
 */
public final class RetryPolicy {
    /** A server asking for a longer wait than this gets no retry: the caller sees the error and decides. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private RetryPolicy() {
    }

    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
    }

    /**
     * Exponential backoff: {@code initial * 2^retriesDone}, capped at {@code max}, then shortened by up to
     * 25 % at random ({@code random01} in [0, 1)) so that many clients do not retry in lock step.
     */
    public static Duration backoff(int retriesDone, Duration initial, Duration max, double random01) {
        double base = initial.toNanos() * Math.pow(2, Math.min(retriesDone, 30));
        double capped = Math.min(base, max.toNanos());
        double jittered = capped * (1.0 - 0.25 * random01);
        return Duration.ofNanos((long) jittered);
    }

    /**
     * The wait before the next attempt: the server's {@code Retry-After} when it gave one (up to
     * {@link #MAX_RETRY_AFTER}), else the backoff. Empty when the server asked for more than that: do not retry.
     */
    public static Optional<Duration> delayBeforeRetry(int retriesDone, Optional<Duration> retryAfter,
                                                      Duration initial, Duration max, double random01) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.compareTo(MAX_RETRY_AFTER) > 0 ? Optional.empty() : Optional.of(asked);
        }
        return Optional.of(backoff(retriesDone, initial, max, random01));
    }
}
