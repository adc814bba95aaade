package dev.lipsync.sdk.models;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lipsync.sdk.errors.InvalidResponseException;
import java.util.Objects;

/** The answer to a generate call: {@code {"status": "success", "request_id": "<uuid>"}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class LipsyncGenerate {
    @JsonProperty("status")
    private final LipsyncGenerateStatus status;
    @JsonProperty("request_id")
    private final String requestId;

    @JsonCreator
    LipsyncGenerate(@JsonProperty("status") LipsyncGenerateStatus status, @JsonProperty("request_id") String requestId) {
        if (requestId == null) {
            throw new InvalidResponseException("generate answer has no request_id", null);
        }
        this.status = status;
        this.requestId = requestId;
    }

    public static LipsyncGenerate of(LipsyncGenerateStatus status, String requestId) {
        return new LipsyncGenerate(status, requestId);
    }

    /** Identifier of the created request; poll it with {@code requests().get(id)}. */
    public String requestId() {
        return requestId;
    }

    public LipsyncGenerateStatus status() {
        return status;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LipsyncGenerate g && Objects.equals(g.status, status) && g.requestId.equals(requestId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, requestId);
    }

    @Override
    public String toString() {
        return "LipsyncGenerate{status=" + status + ", requestId=" + requestId + "}";
    }
}
