package dev.lipsync.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /health}: {@code {"status": "ok"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthCheckResponse(@JsonProperty("status") String status) {
    public boolean isOk() {
        return "ok".equals(status);
    }
}
