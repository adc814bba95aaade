package dev.lipsync.server;

import dev.lipsync.server.accounts.Accounts;
import dev.lipsync.server.accounts.InitialKey;
import dev.lipsync.server.config.ServerConfig;
import dev.lipsync.server.db.Database;
import dev.lipsync.server.http.HttpApi;
import dev.lipsync.server.jobs.JobQueue;
import dev.lipsync.server.jobs.JobSettings;
import dev.lipsync.server.jobs.RequestProcessor;
import dev.lipsync.server.media.files.OutputFileHandler;
import dev.lipsync.server.media.files.SignedOutputUrls;
import dev.lipsync.server.media.storage.LocalMediaStorage;
import dev.lipsync.server.media.storage.MediaStorage;
import dev.lipsync.server.media.storage.OutputUrls;
import dev.lipsync.server.media.storage.S3MediaStorage;
import dev.lipsync.server.metrics.Metrics;
import dev.lipsync.server.requests.QueueHook;
import dev.lipsync.server.requests.RequestStore;
import io.javalin.Javalin;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: database, storage, HTTP API and housekeeping, wired together. Start
 * with {@link #start(ServerConfig)} (embedded defaults) or {@link #builder(ServerConfig)} to
 * plug in another storage, output URLs or the job queue.
 */
public final class LipsyncServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LipsyncServer.class);

    private final ServerConfig config;
    private final Database database;
    private final Accounts accounts;
    private final RequestStore store;
    private final MediaStorage storage;
    private final Metrics metrics;
    private final Javalin app;
    private final ScheduledExecutorService housekeeping;
    private final boolean createdInitialKey;
    private final JobQueue jobs;

    private LipsyncServer(Builder b) throws IOException, SQLException {
        this.config = b.config;
        Database db = Database.open(config);
        try {
            this.database = db;
            this.accounts = new Accounts(db);
            // the job queue by default; a given hook replaces it (and then nothing is processed here)
            this.jobs = b.queueHook == null ? new JobQueue(JobSettings.from(config)) : null;
            this.store = new RequestStore(db, jobs != null ? jobs : b.queueHook);
            this.storage = b.storage != null ? b.storage : defaultStorage(config);
            this.createdInitialKey = InitialKey.createIfNoAccounts(accounts, config.initialKeyFile());
            deleteLeftoverUploads(config.dataDir().resolve("tmp").resolve("multipart"));
            this.metrics = new Metrics(store::countQueued, Duration.ofSeconds(5));
            // output URLs are signed against the base URL, known once the port is bound
            AtomicReference<Javalin> bound = new AtomicReference<>();
            SignedOutputUrls signed = SignedOutputUrls.forServer(config, () -> config.baseUrl(bound.get().port()));
            this.app = HttpApi.create(config, accounts, store, storage,
                    b.outputUrls != null ? b.outputUrls : signed, new OutputFileHandler(storage, signed), metrics);
            bound.set(app);
            app.start(config.host(), config.port());
            if (jobs != null) {
                jobs.bindMetrics(metrics.registry());
                jobs.start(db.dataSource(), RequestProcessor.forServer(config, store, storage));
            }
        } catch (IOException | SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(this::forgetOldIdempotencyKeys, 1, 60, TimeUnit.MINUTES);
    }

    /** LIPSYNC_STORAGE: {@code local} (default, {data}/media) or {@code s3} (see {@link S3MediaStorage}). */
    private static MediaStorage defaultStorage(ServerConfig config) throws IOException {
        String kind = config.setting("LIPSYNC_STORAGE", "local").trim().toLowerCase(java.util.Locale.ROOT);
        return switch (kind) {
            case "local" -> new LocalMediaStorage(config.dataDir().resolve("media"));
            case "s3" -> S3MediaStorage.fromConfig(config);
            default -> throw new IllegalArgumentException("LIPSYNC_STORAGE must be 'local' or 's3', got '" + kind + "'");
        };
    }

    public static LipsyncServer start(ServerConfig config) throws IOException, SQLException {
        return builder(config).start();
    }

    public static Builder builder(ServerConfig config) {
        return new Builder(config);
    }

    /** Optional parts; defaults are the embedded ones. */
    public static final class Builder {
        private final ServerConfig config;
        private MediaStorage storage;
        private OutputUrls outputUrls;
        private QueueHook queueHook;

        private Builder(ServerConfig config) {
            this.config = config;
        }

        public Builder storage(MediaStorage storage) {
            this.storage = storage;
            return this;
        }

        public Builder outputUrls(OutputUrls outputUrls) {
            this.outputUrls = outputUrls;
            return this;
        }

        public Builder queueHook(QueueHook queueHook) {
            this.queueHook = queueHook;
            return this;
        }

        public LipsyncServer start() throws IOException, SQLException {
            return new LipsyncServer(this);
        }
    }

    public int port() {
        return app.port();
    }

    /** The base URL customers use (public base URL, or http://localhost:PORT). */
    public String baseUrl() {
        return config.baseUrl(port());
    }

    public ServerConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public Accounts accounts() {
        return accounts;
    }

    public RequestStore store() {
        return store;
    }

    public MediaStorage storage() {
        return storage;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** Whether this start created the default account and wrote its key file. */
    public boolean createdInitialKey() {
        return createdInitialKey;
    }

    /** Multipart files of uploads cut short by a crash: never part of an accepted request. */
    private static void deleteLeftoverUploads(java.nio.file.Path dir) throws IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                if (java.nio.file.Files.isRegularFile(f)) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            }
        }
    }

    private void forgetOldIdempotencyKeys() {
        try {
            store.deleteExpiredIdempotencyKeys(Instant.now());
        } catch (SQLException | RuntimeException e) {
            LOG.warn("could not delete expired idempotency keys: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (jobs != null) {
            jobs.stop(); // running jobs finish or are handed back while the API still answers
        }
        housekeeping.shutdownNow();
        app.stop();
        metrics.close();
        database.close();
    }
}
