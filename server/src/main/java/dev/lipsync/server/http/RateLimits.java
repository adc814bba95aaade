package dev.lipsync.server.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lipsync.server.accounts.Caller;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.UUID;

/**
 * Per-API-key rate limits, one token bucket per key and class: generation (both generate
 * endpoints together) and reads. Over the limit: 429 with Retry-After in whole seconds.
 * Buckets live in this process; several server processes each allow the full rate.
 */
final class RateLimits {

    enum Kind { GENERATE, READ }

    private record BucketId(UUID keyId, Kind kind) {
    }

    private final int generatePerMinute;
    private final int readPerMinute;
    private final Cache<BucketId, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

    RateLimits(int generatePerMinute, int readPerMinute) {
        this.generatePerMinute = generatePerMinute;
        this.readPerMinute = readPerMinute;
    }

    void check(Caller caller, Kind kind) {
        Bucket bucket = buckets.get(new BucketId(caller.keyId(), kind), id -> newBucket(kind));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw ApiError.rateLimited(seconds);
        }
    }

    private Bucket newBucket(Kind kind) {
        int perMinute = kind == Kind.GENERATE ? generatePerMinute : readPerMinute;
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
    }
}
