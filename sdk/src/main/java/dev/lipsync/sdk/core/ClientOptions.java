package dev.lipsync.sdk.core;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a client is configured with. Immutable; {@link #toBuilder()} to change a copy.
 * Defaults: base URL {@value #DEFAULT_BASE_URL}, 2 retries with backoff from 0.5 s up to 8 s,
 * 10 s to connect, 60 s waiting for an answer.
 */
public final class ClientOptions {
    public static final String DEFAULT_BASE_URL = "https://api.chamelaion.com/api";
    public static final String ENV_API_KEY = "CHAMELAION_API_KEY";
    public static final String ENV_BEARER_TOKEN = "CHAMELAION_BEARER_TOKEN";
    public static final String ENV_BASE_URL = "CHAMELAION_BASE_URL";
    public static final String SDK_VERSION = "0.1.0";

    private final String baseUrl;
    private final String apiKey;
    private final String bearerToken;
    private final int maxRetries;
    private final Duration initialRetryDelay;
    private final Duration maxRetryDelay;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final String userAgent;
    private final Duration pollInitialInterval;
    private final Duration pollMaxInterval;

    private ClientOptions(Builder b) {
        this.baseUrl = normalize(b.baseUrl);
        this.apiKey = b.apiKey;
        this.bearerToken = b.bearerToken;
        if (b.maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0");
        }
        this.maxRetries = b.maxRetries;
        this.initialRetryDelay = positive(b.initialRetryDelay, "initialRetryDelay");
        this.maxRetryDelay = positive(b.maxRetryDelay, "maxRetryDelay");
        this.connectTimeout = positive(b.connectTimeout, "connectTimeout");
        this.timeout = positive(b.timeout, "timeout");
        this.userAgent = b.userAgent;
        this.pollInitialInterval = positive(b.pollInitialInterval, "pollInitialInterval");
        this.pollMaxInterval = positive(b.pollMaxInterval, "pollMaxInterval");
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }

    private static String normalize(String url) {
        Objects.requireNonNull(url, "baseUrl");
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("base URL must be an absolute http or https URL: " + url);
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.baseUrl = baseUrl;
        b.apiKey = apiKey;
        b.bearerToken = bearerToken;
        b.maxRetries = maxRetries;
        b.initialRetryDelay = initialRetryDelay;
        b.maxRetryDelay = maxRetryDelay;
        b.connectTimeout = connectTimeout;
        b.timeout = timeout;
        b.userAgent = userAgent;
        b.pollInitialInterval = pollInitialInterval;
        b.pollMaxInterval = pollMaxInterval;
        return b;
    }

    /** Base URL without a trailing slash; API paths such as {@code /v1/users/me} are appended to it. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Sent as {@code x-api-key}. */
    public Optional<String> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** Sent as {@code Authorization: Bearer ...}. */
    public Optional<String> bearerToken() {
        return Optional.ofNullable(bearerToken);
    }

    public boolean hasCredentials() {
        return apiKey != null || bearerToken != null;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration initialRetryDelay() {
        return initialRetryDelay;
    }

    public Duration maxRetryDelay() {
        return maxRetryDelay;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long to wait for the server with no bytes moving (while uploading, or for the answer). */
    public Duration timeout() {
        return timeout;
    }

    public String userAgent() {
        return userAgent;
    }

    /** First pause of {@code waitForCompletion} between polls; it grows by half each time up to {@link #pollMaxInterval()}. */
    public Duration pollInitialInterval() {
        return pollInitialInterval;
    }

    public Duration pollMaxInterval() {
        return pollMaxInterval;
    }

    @Override
    public String toString() { // never print credentials
        return "ClientOptions{baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "set")
                + ", bearerToken=" + (bearerToken == null ? "unset" : "set") + ", maxRetries=" + maxRetries
                + ", connectTimeout=" + connectTimeout + ", timeout=" + timeout + "}";
    }

    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private String apiKey;
        private String bearerToken;
        private int maxRetries = 2;
        private Duration initialRetryDelay = Duration.ofMillis(500);
        private Duration maxRetryDelay = Duration.ofSeconds(8);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofSeconds(60);
        private String userAgent = "chamelaion-java/" + SDK_VERSION;
        private Duration pollInitialInterval = Duration.ofSeconds(1);
        private Duration pollMaxInterval = Duration.ofSeconds(10);

        private Builder() {
        }

        /** Reads {@code CHAMELAION_API_KEY}, {@code CHAMELAION_BEARER_TOKEN} and {@code CHAMELAION_BASE_URL}; blank values are ignored. */
        public Builder fromEnv() {
            return fromEnv(System.getenv());
        }

        /** As {@link #fromEnv()}, from the given map (for tests and embedding). */
        public Builder fromEnv(Map<String, String> env) {
            String key = env.get(ENV_API_KEY);
            if (key != null && !key.isBlank()) {
                apiKey = key.trim();
            }
            String bearer = env.get(ENV_BEARER_TOKEN);
            if (bearer != null && !bearer.isBlank()) {
                bearerToken = bearer.trim();
            }
            String url = env.get(ENV_BASE_URL);
            if (url != null && !url.isBlank()) {
                baseUrl = url.trim();
            }
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder bearerToken(String bearerToken) {
            this.bearerToken = bearerToken;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder initialRetryDelay(Duration d) {
            this.initialRetryDelay = d;
            return this;
        }

        public Builder maxRetryDelay(Duration d) {
            this.maxRetryDelay = d;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder timeout(Duration d) {
            this.timeout = d;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent);
            return this;
        }

        public Builder pollInitialInterval(Duration d) {
            this.pollInitialInterval = d;
            return this;
        }

        public Builder pollMaxInterval(Duration d) {
            this.pollMaxInterval = d;
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(this);
        }
    }
}
