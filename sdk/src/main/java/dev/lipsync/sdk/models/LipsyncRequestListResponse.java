package dev.lipsync.sdk.models;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lipsync.sdk.errors.InvalidResponseException;
import java.util.List;

/** One page of {@code GET /v1/lipsync/requests}: {@code data} and {@code pagination}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class LipsyncRequestListResponse {
    @JsonProperty("data")
    private final List<LipsyncRequest> data;
    @JsonProperty("pagination")
    private final Pagination pagination;

    @JsonCreator
    LipsyncRequestListResponse(@JsonProperty("data") List<LipsyncRequest> data,
                               @JsonProperty("pagination") Pagination pagination) {
        if (data == null || pagination == null) {
            throw new InvalidResponseException("list answer without " + (data == null ? "data" : "pagination"), null);
        }
        this.data = List.copyOf(data);
        this.pagination = pagination;
    }

    public static LipsyncRequestListResponse of(List<LipsyncRequest> data, Pagination pagination) {
        return new LipsyncRequestListResponse(data, pagination);
    }

    public List<LipsyncRequest> data() {
        return data;
    }

    public Pagination pagination() {
        return pagination;
    }

    /** Applied page size, offset and the total number of matching requests. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    public record Pagination(@JsonProperty("limit") long limit, @JsonProperty("offset") long offset,
                             @JsonProperty("total") long total) {
    }
}
