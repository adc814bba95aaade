package dev.lipsync.sdk.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Duration START = Duration.ofMillis(500);
    private static final Duration CAP = Duration.ofSeconds(8);
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-04-07T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void backoffDoublesFromHalfASecondUpToEightSeconds() {
        assertEquals(Duration.ofMillis(500), RetryPolicy.backoff(0, START, CAP, 0));
        assertEquals(Duration.ofMillis(1000), RetryPolicy.backoff(1, START, CAP, 0));
        assertEquals(Duration.ofMillis(2000), RetryPolicy.backoff(2, START, CAP, 0));
        assertEquals(Duration.ofMillis(4000), RetryPolicy.backoff(3, START, CAP, 0));
        assertEquals(Duration.ofMillis(8000), RetryPolicy.backoff(4, START, CAP, 0));
        assertEquals(Duration.ofMillis(8000), RetryPolicy.backoff(60, START, CAP, 0));
    }

    @Test
    void jitterShortensTheWaitByAtMostAQuarter() {
        assertEquals(Duration.ofMillis(375), RetryPolicy.backoff(0, START, CAP, 1.0));
        assertEquals(Duration.ofMillis(875), RetryPolicy.backoff(1, START, CAP, 0.5));
        assertEquals(Duration.ofMillis(6000), RetryPolicy.backoff(9, START, CAP, 1.0));
    }

    @Test
    void onlyConnectionLevelAndServerStatusesAreRetried() {
        for (int s : new int[] {408, 409, 429, 500, 502, 503, 504, 599}) {
            assertTrue(RetryPolicy.isRetryableStatus(s), "status " + s);
        }
        for (int s : new int[] {200, 301, 400, 401, 403, 404, 412, 413, 422}) {
            assertFalse(RetryPolicy.isRetryableStatus(s), "status " + s);
        }
    }

    @Test
    void retryAfterWinsOverBackoffButNotBeyondAMinute() {
        assertEquals(Optional.of(Duration.ofSeconds(3)),
                RetryPolicy.delayBeforeRetry(0, Optional.of(Duration.ofSeconds(3)), START, CAP, 0));
        assertEquals(Optional.of(Duration.ofSeconds(60)),
                RetryPolicy.delayBeforeRetry(0, Optional.of(Duration.ofSeconds(60)), START, CAP, 0));
        assertEquals(Optional.empty(), RetryPolicy.delayBeforeRetry(0, Optional.of(Duration.ofSeconds(61)), START, CAP, 0));
        assertEquals(Optional.of(Duration.ofMillis(1000)), RetryPolicy.delayBeforeRetry(1, Optional.empty(), START, CAP, 0));
    }

    @Test
    void retryAfterReadsSecondsDatesAndMilliseconds() {
        assertEquals(Optional.of(Duration.ofSeconds(2)), RetryAfter.parse("2", NOW));
        assertEquals(Optional.of(Duration.ofMillis(1500)), RetryAfter.parse(" 1.5 ", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("-4", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Tue, 07 Apr 2026 10:00:30 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Tue, 07 Apr 2026 09:00:00 GMT", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("", NOW));

        HttpHeaders both = HttpHeaders.of(Map.of("Retry-After", List.of("9"), "retry-after-ms", List.of("250")), (a, b) -> true);
        assertEquals(Optional.of(Duration.ofMillis(250)), RetryAfter.parse(both, NOW));
        HttpHeaders none = HttpHeaders.of(Map.of(), (a, b) -> true);
        assertEquals(Optional.empty(), RetryAfter.parse(none, NOW));
    }

    @Test
    void pathSegmentsKeepOnlyUnreservedCharacters() {
        assertEquals("6f82a2d8-a6d4-4e8a-a0fa-e8b09823a2d8", PathSegments.encode("6f82a2d8-a6d4-4e8a-a0fa-e8b09823a2d8"));
        assertEquals("a%20b%2Fc%3F%C3%BC~", PathSegments.encode("a b/c?ü~"));
    }
}
