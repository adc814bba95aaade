package dev.lipsync.sdk.client;

import dev.lipsync.sdk.core.ClientOptions;
import dev.lipsync.sdk.core.http.HttpRequester;
import dev.lipsync.sdk.services.HealthService;
import dev.lipsync.sdk.services.LipsyncService;
import dev.lipsync.sdk.services.UsersService;
import java.util.function.Consumer;

/**
 * The entry point: a client for the Chamelaion Lipsync API, shaped like the vendor's SDKs.
 *
 * <pre>{@code
 * try (ChamelaionClient client = ChamelaionClient.fromEnv()) {   // CHAMELAION_API_KEY, CHAMELAION_BASE_URL
 *     LipsyncGenerate started = client.lipsync().generate(LipsyncGenerateParams.builder()
 *             .videoUrl("https://cdn.example.com/episodes/42.mp4")
 *             .audioUrl("https://cdn.example.com/dubs/42-japanese.wav")
 *             .build());
 *     LipsyncRequest done = client.lipsync().requests().waitForCompletion(started.requestId(), Duration.ofMinutes(30));
 * }
 * }</pre>
 *
 * Thread-safe; share one per application. {@link #close()} releases its connections.
 */
public final class ChamelaionClient implements AutoCloseable {
    private final HttpRequester requester;
    private final HealthService health;
    private final UsersService users;
    private final LipsyncService lipsync;

    private ChamelaionClient(ClientOptions options) {
        this.requester = new HttpRequester(options);
        this.health = new HealthService(requester);
        this.users = new UsersService(requester);
        this.lipsync = new LipsyncService(requester);
    }

    /** A client configured from {@code CHAMELAION_API_KEY}, {@code CHAMELAION_BEARER_TOKEN} and {@code CHAMELAION_BASE_URL}. */
    public static ChamelaionClient fromEnv() {
        return builder().fromEnv().build();
    }

    public static Builder builder() {
        return new Builder(ClientOptions.builder());
    }

    public static ChamelaionClient of(ClientOptions options) {
        return new ChamelaionClient(options);
    }

    public ClientOptions options() {
        return requester.options();
    }

    /** A new client with some options changed (it has its own connections; close it too). */
    public ChamelaionClient withOptions(Consumer<ClientOptions.Builder> change) {
        ClientOptions.Builder b = options().toBuilder();
        change.accept(b);
        return new ChamelaionClient(b.build());
    }

    public HealthService health() {
        return health;
    }

    public UsersService users() {
        return users;
    }

    public LipsyncService lipsync() {
        return lipsync;
    }

    @Override
    public void close() {
        requester.close();
    }

    /** Builds a client; every setting of {@link ClientOptions.Builder} is here too. */
    public static final class Builder {
        private final ClientOptions.Builder options;

        private Builder(ClientOptions.Builder options) {
            this.options = options;
        }

        public Builder fromEnv() {
            options.fromEnv();
            return this;
        }

        public Builder fromEnv(java.util.Map<String, String> env) {
            options.fromEnv(env);
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            options.baseUrl(baseUrl);
            return this;
        }

        public Builder apiKey(String apiKey) {
            options.apiKey(apiKey);
            return this;
        }

        public Builder bearerToken(String token) {
            options.bearerToken(token);
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            options.maxRetries(maxRetries);
            return this;
        }

        public Builder initialRetryDelay(java.time.Duration d) {
            options.initialRetryDelay(d);
            return this;
        }

        public Builder maxRetryDelay(java.time.Duration d) {
            options.maxRetryDelay(d);
            return this;
        }

        public Builder connectTimeout(java.time.Duration d) {
            options.connectTimeout(d);
            return this;
        }

        public Builder timeout(java.time.Duration d) {
            options.timeout(d);
            return this;
        }

        public Builder pollInitialInterval(java.time.Duration d) {
            options.pollInitialInterval(d);
            return this;
        }

        public Builder pollMaxInterval(java.time.Duration d) {
            options.pollMaxInterval(d);
            return this;
        }

        public Builder userAgent(String userAgent) {
            options.userAgent(userAgent);
            return this;
        }

        public ChamelaionClient build() {
            return new ChamelaionClient(options.build());
        }
    }
}
