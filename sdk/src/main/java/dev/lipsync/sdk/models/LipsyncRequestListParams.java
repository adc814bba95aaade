package dev.lipsync.sdk.models;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Query of {@code GET /v1/lipsync/requests}: {@code limit} (≥ 1, server default 20, max 100), {@code offset} (≥ 0), {@code reference_id}. */
public final class LipsyncRequestListParams {
    private final Long limit;
    private final Long offset;
    private final String referenceId;

    private LipsyncRequestListParams(Builder b) {
        if (b.limit != null && b.limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (b.offset != null && b.offset < 0) {
            throw new IllegalArgumentException("offset must be at least 0");
        }
        this.limit = b.limit;
        this.offset = b.offset;
        this.referenceId = b.referenceId;
    }

    public static LipsyncRequestListParams none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.limit = limit;
        b.offset = offset;
        b.referenceId = referenceId;
        return b;
    }

    public OptionalLong limit() {
        return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    public OptionalLong offset() {
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    public Optional<String> referenceId() {
        return Optional.ofNullable(referenceId);
    }

    /** The query string's parameters, in a stable order. */
    public Map<String, String> toQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        if (limit != null) {
            q.put("limit", Long.toString(limit));
        }
        if (offset != null) {
            q.put("offset", Long.toString(offset));
        }
        if (referenceId != null) {
            q.put("reference_id", referenceId);
        }
        return q;
    }

    @Override
    public String toString() {
        return "LipsyncRequestListParams" + toQuery();
    }

    public static final class Builder {
        private Long limit;
        private Long offset;
        private String referenceId;

        private Builder() {
        }

        public Builder limit(long limit) {
            this.limit = limit;
            return this;
        }

        public Builder offset(long offset) {
            this.offset = offset;
            return this;
        }

        public Builder referenceId(String referenceId) {
            this.referenceId = referenceId;
            return this;
        }

        public LipsyncRequestListParams build() {
            return new LipsyncRequestListParams(this);
        }
    }
}
