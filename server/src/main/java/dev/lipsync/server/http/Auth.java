package dev.lipsync.server.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lipsync.server.accounts.Accounts;
import dev.lipsync.server.accounts.ApiKeyFormat;
import dev.lipsync.server.accounts.Caller;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the API key is checked. Accepts {@code x-api-key: KEY} and
 * {@code Authorization: Bearer KEY}; every failure is a 401 with the vendor's exact strings.
 *
 * <p>Lookups are cached for a few seconds (by the key's hash) so reads stay fast; a revoked
 * key therefore stops working within {@link #CACHE_TTL}.
 */
final class Auth {

    static final String CALLER_ATTRIBUTE = "lipsync.caller";
    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private final Accounts accounts;
    private final Cache<String, Optional<Caller>> cache = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TTL).maximumSize(10_000).build();

    Auth(Accounts accounts) {
        this.accounts = accounts;
    }

    Caller authenticate(Context ctx) {
        String key = presentedKey(ctx.header("x-api-key"), ctx.header("Authorization"));
        if (!ApiKeyFormat.isWellFormed(key)) {
            throw new ApiError(401, "invalid token");
        }
        Optional<Caller> caller = cache.get(ApiKeyFormat.hashHex(key), h -> lookup(key));
        if (caller.isEmpty()) {
            throw new ApiError(401, "unauthorized");
        }
        ctx.attribute(CALLER_ATTRIBUTE, caller.get());
        return caller.get();
    }

    /**
     * The token a request presents, or the 401 for its absence or malformed headers. A
     * non-empty x-api-key wins; otherwise Authorization must be "Bearer TOKEN".
     */
    static String presentedKey(String xApiKey, String authorization) {
        if (xApiKey != null && !xApiKey.isBlank()) {
            return xApiKey.trim();
        }
        if (authorization != null) {
            String a = authorization.trim();
            boolean bearer = a.regionMatches(true, 0, "Bearer", 0, 6)
                    && (a.length() == 6 || Character.isWhitespace(a.charAt(6)));
            if (!bearer) {
                throw new ApiError(401, "invalid authorization format");
            }
            String token = a.substring(6).trim();
            if (token.isEmpty()) {
                throw new ApiError(401, "missing token");
            }
            return token;
        }
        if (xApiKey != null) {
            throw new ApiError(401, "missing token");
        }
        throw new ApiError(401, "missing authorization header");
    }

    private Optional<Caller> lookup(String key) {
        try {
            return accounts.authenticate(key);
        } catch (SQLException e) {
            throw new IllegalStateException("API key lookup failed", e);
        }
    }
}
