package dev.lipsync.sdk.services;

import dev.lipsync.sdk.core.Json;
import dev.lipsync.sdk.core.RequestOptions;
import dev.lipsync.sdk.core.http.ApiRequest;
import dev.lipsync.sdk.core.http.HttpRequester;
import dev.lipsync.sdk.models.User;
import java.util.Map;

/** {@code GET /v1/users/me}. */
public final class UsersService {
    private final HttpRequester requester;

    public UsersService(HttpRequester requester) {
        this.requester = requester;
    }

    /** Who the configured key belongs to. */
    public User getCurrent() {
        return getCurrent(RequestOptions.none());
    }

    public User getCurrent(RequestOptions options) {
        return Json.read(requester.execute(ApiRequest.get("/v1/users/me", Map.of()), options).body(), User.class);
    }
}
