package dev.lipsync.server.http;

import dev.lipsync.server.accounts.Accounts;
import dev.lipsync.server.config.ServerConfig;
import dev.lipsync.server.media.files.OutputFileHandler;
import dev.lipsync.server.media.storage.MediaStorage;
import dev.lipsync.server.media.storage.OutputUrls;
import dev.lipsync.server.metrics.Metrics;
import dev.lipsync.server.requests.RequestStore;
import io.javalin.Javalin;
import java.io.IOException;
import java.util.List;

/** Builds the Javalin app: routes, authentication, limits, errors, request logs. */
public final class HttpApi {

    private HttpApi() {
    }

    public static Javalin create(ServerConfig config, Accounts accounts, RequestStore store, MediaStorage storage,
                                 OutputUrls outputUrls, OutputFileHandler outputFiles, Metrics metrics)
            throws IOException {
        GenerateEndpoints generate = new GenerateEndpoints(store, accounts, storage, config.maxJsonBytes(),
                config.maxUploadBytes(), config.dataDir().resolve("tmp").resolve("multipart"));
        RequestEndpoints requests = new RequestEndpoints(store, outputUrls);
        List<Routes.Route> routes = Routes.all(generate, requests, outputFiles, metrics, config.metricsEnabled());
        Auth auth = new Auth(accounts);
        RateLimits limits = new RateLimits(config.generatePerMinute(), config.readPerMinute());

        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.http.prefer405over404 = true;
            c.http.defaultContentType = "application/json";
            c.router.ignoreTrailingSlashes = true;
            c.requestLogger.http((ctx, ms) -> RequestLog.finished(ctx, ms, metrics));
            c.jetty.modifyServer(server -> server.setErrorHandler(new Errors.JsonErrorHandler()));
            c.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new Errors.JsonErrorHandler()));
        });
        app.before(RequestLog::assignId);
        Errors.install(app);
        Routes.register(app, routes, auth, limits);
        return app;
    }
}
