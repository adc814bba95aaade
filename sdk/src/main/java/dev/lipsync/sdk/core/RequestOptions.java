package dev.lipsync.sdk.core;

import dev.lipsync.sdk.core.http.TransferListener;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Per-call overrides: timeout, retries, the Idempotency-Key to send, and an upload progress listener. */
public final class RequestOptions {
    private static final RequestOptions NONE = builder().build();

    private final Duration timeout;
    private final Integer maxRetries;
    private final String idempotencyKey;
    private final TransferListener uploadListener;

    private RequestOptions(Builder b) {
        this.timeout = b.timeout;
        this.maxRetries = b.maxRetries;
        this.idempotencyKey = b.idempotencyKey;
        this.uploadListener = b.uploadListener;
    }

    public static RequestOptions none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    public OptionalInt maxRetries() {
        return maxRetries == null ? OptionalInt.empty() : OptionalInt.of(maxRetries);
    }

    /** The key to send on a POST; when absent the SDK makes a random one per call (the same on each retry). */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    public TransferListener uploadListener() {
        return uploadListener == null ? TransferListener.NONE : uploadListener;
    }

    public static final class Builder {
        private Duration timeout;
        private Integer maxRetries;
        private String idempotencyKey;
        private TransferListener uploadListener;

        private Builder() {
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0");
            }
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public Builder uploadListener(TransferListener uploadListener) {
            this.uploadListener = uploadListener;
            return this;
        }

        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
