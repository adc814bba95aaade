package dev.lipsync.sdk.core.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One API call before it is sent: method, path below the base URL (e.g. {@code /v1/users/me}),
 * query parameters in order, an optional body, and whether the credentials go along.
 */
public record ApiRequest(String method, String path, Map<String, String> query, RequestBody body, boolean authenticated) {
    public ApiRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    public static ApiRequest get(String path, Map<String, String> query) {
        return new ApiRequest("GET", path, query, null, true);
    }

    public static ApiRequest post(String path, RequestBody body) {
        return new ApiRequest("POST", path, Map.of(), body, true);
    }

    public ApiRequest withoutCredentials() {
        return new ApiRequest(method, path, query, body, false);
    }
}
