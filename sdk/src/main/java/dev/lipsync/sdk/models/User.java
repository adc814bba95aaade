package dev.lipsync.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /v1/users/me}: the display name of the API key in use. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record User(@JsonProperty("name") String name) {
}
