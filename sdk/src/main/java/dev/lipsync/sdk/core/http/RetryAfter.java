package dev.lipsync.sdk.core.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads how long a server asked us to wait: {@code retry-after-ms}, or {@code Retry-After} in seconds or as an HTTP date. */
public final class RetryAfter {
    private RetryAfter() {
    }

    public static Optional<Duration> parse(HttpHeaders headers, Clock clock) {
        Optional<Duration> millis = headers.firstValue("retry-after-ms").flatMap(v -> number(v, 1));
        if (millis.isPresent()) {
            return millis;
        }
        return headers.firstValue("retry-after").flatMap(v -> parse(v, clock));
    }

    /** One {@code Retry-After} value: delta-seconds (decimals tolerated) or an IMF-fixdate; negative waits become zero. */
    public static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Optional<Duration> seconds = number(value, 1000);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> number(String value, long millisPerUnit) {
        try {
            double n = Double.parseDouble(value.trim());
            if (Double.isNaN(n) || Double.isInfinite(n)) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(Math.max(0, Math.round(n * millisPerUnit))));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
