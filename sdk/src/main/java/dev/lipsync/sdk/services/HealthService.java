package dev.lipsync.sdk.services;

import dev.lipsync.sdk.core.Json;
import dev.lipsync.sdk.core.RequestOptions;
import dev.lipsync.sdk.core.http.ApiRequest;
import dev.lipsync.sdk.core.http.HttpRequester;
import dev.lipsync.sdk.models.HealthCheckResponse;
import java.util.Map;

/** {@code GET /health}: needs no credentials, and none are sent. */
public final class HealthService {
    private final HttpRequester requester;

    public HealthService(HttpRequester requester) {
        this.requester = requester;
    }

    public HealthCheckResponse check() {
        return check(RequestOptions.none());
    }

    public HealthCheckResponse check(RequestOptions options) {
        ApiRequest request = ApiRequest.get("/health", Map.of()).withoutCredentials();
        return Json.read(requester.execute(request, options).body(), HealthCheckResponse.class);
    }
}
