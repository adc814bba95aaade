package dev.lipsync.server.http;

import dev.lipsync.server.accounts.Caller;
import dev.lipsync.server.media.files.OutputFileHandler;
import dev.lipsync.server.media.files.SignedOutputUrls;
import dev.lipsync.server.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every route of the server, in one place. Each is served at its path and again under
 * {@code /api} (the vendor's SDKs use {@code https://.../api} as base URL).
 */
public final class Routes {

    /**
     * Who may call a route, and which rate limit it counts against. PUBLIC routes need no
     * API key (health, the document, metrics, and signed output files, whose signature is
     * the credential).
     */
    public enum Access { PUBLIC, GENERATE, READ }

    /** A handler that runs after authentication and rate limiting. */
    @FunctionalInterface
    interface CallerHandler {
        void handle(Context ctx, Caller caller) throws Exception;
    }

    /**
     * One route: method, path (without the /api prefix, in Javalin syntax: {@code {id}} is
     * one segment, {@code <key>} may span slashes), access, handler.
     */
    public record Route(HandlerType method, String path, Access access, CallerHandler handler) {

        /** The path as the OpenAPI document writes it ({@code <key>} becomes {@code {key}}). */
        public String documentedPath() {
            return path.replace('<', '{').replace('>', '}');
        }
    }

    public static final List<String> PREFIXES = List.of("", "/api");

    /** Where {@link dev.lipsync.server.media.files.SignedOutputUrls} points output_url. */
    static final String OUTPUT_FILE_PATH = SignedOutputUrls.PATH_PREFIX + "<key>";

    private Routes() {
    }

    static List<Route> all(GenerateEndpoints generate, RequestEndpoints requests, OutputFileHandler files,
                           Metrics metrics, boolean metricsEnabled) {
        List<Route> routes = new ArrayList<>(List.of(
                new Route(HandlerType.POST, "/v1/lipsync/generate", Access.GENERATE, (ctx, caller) -> generate.fromUrls(ctx, caller)),
                new Route(HandlerType.POST, "/v1/lipsync/generate-with-media", Access.GENERATE, (ctx, caller) -> generate.withMedia(ctx, caller)),
                new Route(HandlerType.GET, "/v1/lipsync/requests/{id}", Access.READ, (ctx, caller) -> requests.get(ctx, caller)),
                new Route(HandlerType.GET, "/v1/lipsync/requests", Access.READ, (ctx, caller) -> requests.list(ctx, caller)),
                new Route(HandlerType.GET, "/v1/users/me", Access.READ,
                        (ctx, caller) -> Json.send(ctx, Json.object().put("name", caller.keyName()))),
                // signed output_url downloads: GET and HEAD, ranges; the handler checks the signature
                new Route(HandlerType.GET, OUTPUT_FILE_PATH, Access.PUBLIC, (ctx, caller) -> files.handle(ctx)),
                new Route(HandlerType.HEAD, OUTPUT_FILE_PATH, Access.PUBLIC, (ctx, caller) -> files.handle(ctx)),
                new Route(HandlerType.GET, "/health", Access.PUBLIC,
                        (ctx, caller) -> Json.send(ctx, Json.object().put("status", "ok"))),
                new Route(HandlerType.GET, "/openapi.json", Access.PUBLIC,
                        (ctx, caller) -> ctx.contentType("application/json").result(OPENAPI))));
        if (metricsEnabled) {
            routes.add(new Route(HandlerType.GET, "/metrics", Access.PUBLIC,
                    (ctx, caller) -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape())));
        }
        return routes;
    }

    static void register(Javalin app, List<Route> routes, Auth auth, RateLimits limits) {
        for (Route route : routes) {
            Handler handler = switch (route.access()) {
                case PUBLIC -> ctx -> route.handler().handle(ctx, null);
                case GENERATE, READ -> ctx -> {
                    Caller caller = auth.authenticate(ctx);
                    limits.check(caller, route.access() == Access.GENERATE
                            ? RateLimits.Kind.GENERATE : RateLimits.Kind.READ);
                    route.handler().handle(ctx, caller);
                };
            };
            for (String prefix : PREFIXES) {
                app.addHttpHandler(route.method(), prefix + route.path(), handler);
            }
        }
    }

    /** The OpenAPI document (a hand-written resource, checked against {@link #all} by a test). */
    static final String OPENAPI = readResource("/openapi.json");

    private static String readResource(String name) {
        try (InputStream in = Routes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
