package dev.lipsync.sdk.models;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lipsync.sdk.errors.InvalidResponseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * A lip sync request as the server reports it. Times are kept as the server sent them (RFC 3339 UTC)
 * and parsed on access; fields the SDK does not know are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class LipsyncRequest {
    @JsonProperty("id")
    private final String id;
    @JsonProperty("reference_id")
    private final String referenceId;
    @JsonProperty("status")
    private final LipsyncRequestStatus status;
    @JsonProperty("created_at")
    private final String createdAt;
    @JsonProperty("started_at")
    private final String startedAt;
    @JsonProperty("finished_at")
    private final String finishedAt;
    @JsonProperty("output_url")
    private final String outputUrl;
    @JsonProperty("error_message")
    private final String errorMessage;

    @JsonCreator
    LipsyncRequest(@JsonProperty("id") String id, @JsonProperty("reference_id") String referenceId,
                   @JsonProperty("status") LipsyncRequestStatus status, @JsonProperty("created_at") String createdAt,
                   @JsonProperty("started_at") String startedAt, @JsonProperty("finished_at") String finishedAt,
                   @JsonProperty("output_url") String outputUrl, @JsonProperty("error_message") String errorMessage) {
        if (id == null || status == null) {
            throw new InvalidResponseException("lip sync request without " + (id == null ? "id" : "status"), null);
        }
        this.id = id;
        this.referenceId = referenceId;
        this.status = status;
        this.createdAt = createdAt;
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.outputUrl = outputUrl;
        this.errorMessage = errorMessage;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.referenceId = referenceId;
        b.status = status;
        b.createdAt = createdAt;
        b.startedAt = startedAt;
        b.finishedAt = finishedAt;
        b.outputUrl = outputUrl;
        b.errorMessage = errorMessage;
        return b;
    }

    /** The request's UUID. */
    public String id() {
        return id;
    }

    public Optional<String> referenceId() {
        return Optional.ofNullable(referenceId);
    }

    public LipsyncRequestStatus status() {
        return status;
    }

    /** Creation time; throws {@link InvalidResponseException} if the server sent none or an unreadable one. */
    public Instant createdAt() {
        return time("created_at", createdAt).orElseThrow(
                () -> new InvalidResponseException("lip sync request " + id + " has no created_at", null));
    }

    public Optional<Instant> startedAt() {
        return time("started_at", startedAt);
    }

    public Optional<Instant> finishedAt() {
        return time("finished_at", finishedAt);
    }

    /** Where to fetch the MP4; present only when {@code completed}. */
    public Optional<String> outputUrl() {
        return Optional.ofNullable(outputUrl);
    }

    /** Why it failed, in words a customer can act on; present only when {@code failed}. */
    public Optional<String> errorMessage() {
        return Optional.ofNullable(errorMessage);
    }

    private Optional<Instant> time(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new InvalidResponseException(field + " of lip sync request " + id + " is not an RFC 3339 time: " + value, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LipsyncRequest r && r.id.equals(id) && Objects.equals(r.referenceId, referenceId)
                && r.status.equals(status) && Objects.equals(r.createdAt, createdAt)
                && Objects.equals(r.startedAt, startedAt) && Objects.equals(r.finishedAt, finishedAt)
                && Objects.equals(r.outputUrl, outputUrl) && Objects.equals(r.errorMessage, errorMessage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, referenceId, status, createdAt, startedAt, finishedAt, outputUrl, errorMessage);
    }

    @Override
    public String toString() {
        return "LipsyncRequest{id=" + id + ", referenceId=" + referenceId + ", status=" + status + ", createdAt="
                + createdAt + ", startedAt=" + startedAt + ", finishedAt=" + finishedAt + ", outputUrl=" + outputUrl
                + ", errorMessage=" + errorMessage + "}";
    }

    public static final class Builder {
        private String id;
        private String referenceId;
        private LipsyncRequestStatus status;
        private String createdAt;
        private String startedAt;
        private String finishedAt;
        private String outputUrl;
        private String errorMessage;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder referenceId(String referenceId) {
            this.referenceId = referenceId;
            return this;
        }

        public Builder status(LipsyncRequestStatus status) {
            this.status = status;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt == null ? null : createdAt.toString();
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt == null ? null : startedAt.toString();
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt == null ? null : finishedAt.toString();
            return this;
        }

        public Builder outputUrl(String outputUrl) {
            this.outputUrl = outputUrl;
            return this;
        }

        public Builder errorMessage(String errorMessage) {
            this.errorMessage = errorMessage;
            return this;
        }

        public LipsyncRequest build() {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
            return new LipsyncRequest(id, referenceId, status, createdAt, startedAt, finishedAt, outputUrl, errorMessage);
        }
    }
}
