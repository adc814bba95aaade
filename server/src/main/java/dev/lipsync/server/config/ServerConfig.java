package dev.lipsync.server.config;

import dev.lipsync.engine.EngineConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of the server, read from environment variables (names below) or from a
 * properties file named by {@code LIPSYNC_CONFIG_FILE} holding the same names
 * ({@code LIPSYNC_PORT=9000}). Environment variables win over the file. The engine's settings
 * (LIPSYNC_LANDMARK_MODEL, LIPSYNC_FACE_SPOOL_MB, LIPSYNC_FRAME_SPOOL_MB) come the same way:
 * {@link #engineConfig}.
 *
 * @param dataDir            LIPSYNC_DATA_DIR, default {@code ./data}: database, uploads, outputs
 * @param host               LIPSYNC_HOST, default {@code 0.0.0.0}
 * @param port               LIPSYNC_PORT, default 8080 (0 = any free port)
 * @param publicBaseUrl      LIPSYNC_PUBLIC_BASE_URL, default {@code http://localhost:PORT}; the
 *                           base of absolute URLs handed out (output_url)
 * @param dbUrl              LIPSYNC_DB_URL, default an H2 file in the data directory;
 *                           {@code jdbc:postgresql://...} for PostgreSQL
 * @param dbUser             LIPSYNC_DB_USER
 * @param dbPassword         LIPSYNC_DB_PASSWORD
 *                           (LIPSYNC_H2_CACHE_MB, default 128: the embedded database's page cache)
 * @param generatePerMinute  LIPSYNC_RATE_GENERATE_PER_MINUTE, default 60: per API key, both
 *                           generate endpoints together
 * @param readPerMinute      LIPSYNC_RATE_READ_PER_MINUTE, default 1200: per API key, all other
 *                           authenticated endpoints together
 * @param maxUploadBytes     LIPSYNC_MAX_UPLOAD_BYTES, default 1 GiB: a whole generate-with-media body
 * @param maxJsonBytes       LIPSYNC_MAX_JSON_BYTES, default 1 MiB: a generate body
 * @param workers            LIPSYNC_WORKERS, default 1: concurrent lip-sync jobs in this process
 * @param dbPoolSize         LIPSYNC_DB_POOL_SIZE, default 16
 * @param metricsEnabled     LIPSYNC_METRICS, default true: serve /metrics without authentication
 * @param engineConfig       the lip-sync engine's settings ({@link EngineConfig#from}):
 *                           LIPSYNC_LANDMARK_MODEL, LIPSYNC_FACE_SPOOL_MB, LIPSYNC_FRAME_SPOOL_MB;
 *                           read at start, so a bad one stops the start, by name, rather than
 *                           the first job
 */
public record ServerConfig(
        Path dataDir,
        String host,
        int port,
        String publicBaseUrl,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int generatePerMinute,
        int readPerMinute,
        long maxUploadBytes,
        long maxJsonBytes,
        int workers,
        int dbPoolSize,
        boolean metricsEnabled,
        EngineConfig engineConfig,
        Map<String, String> settings) {

    /** Reads the process environment and the optional properties file. */
    public static ServerConfig fromEnvironment() {
        Map<String, String> merged = new HashMap<>();
        String file = System.getenv("LIPSYNC_CONFIG_FILE");
        if (file != null && !file.isBlank()) {
            merged.putAll(readPropertiesFile(Path.of(file)));
        }
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("LIPSYNC_")) {
                merged.put(k, v);
            }
        });
        return from(merged);
    }

    /** Builds a config from explicit settings only (tests, tools); unset names take defaults. */
    public static ServerConfig from(Map<String, String> settings) {
        Map<String, String> s = Map.copyOf(settings);
        Path dataDir = Path.of(s.getOrDefault("LIPSYNC_DATA_DIR", "data")).toAbsolutePath().normalize();
        int port = intSetting(s, "LIPSYNC_PORT", 8080, 0);
        String base = s.get("LIPSYNC_PUBLIC_BASE_URL");
        String dbUrl = s.getOrDefault("LIPSYNC_DB_URL",
                defaultH2Url(dataDir, intSetting(s, "LIPSYNC_H2_CACHE_MB", 128, 1)));
        return new ServerConfig(
                dataDir,
                s.getOrDefault("LIPSYNC_HOST", "0.0.0.0"),
                port,
                base == null || base.isBlank() ? null : stripTrailingSlash(base),
                dbUrl,
                s.getOrDefault("LIPSYNC_DB_USER", dbUrl.startsWith("jdbc:h2:") ? "sa" : null),
                s.getOrDefault("LIPSYNC_DB_PASSWORD", dbUrl.startsWith("jdbc:h2:") ? "" : null),
                intSetting(s, "LIPSYNC_RATE_GENERATE_PER_MINUTE", 60, 1),
                intSetting(s, "LIPSYNC_RATE_READ_PER_MINUTE", 1200, 1),
                longSetting(s, "LIPSYNC_MAX_UPLOAD_BYTES", 1L << 30),
                longSetting(s, "LIPSYNC_MAX_JSON_BYTES", 1L << 20),
                intSetting(s, "LIPSYNC_WORKERS", 1, 0),
                intSetting(s, "LIPSYNC_DB_POOL_SIZE", 16, 1),
                Boolean.parseBoolean(s.getOrDefault("LIPSYNC_METRICS", "true")),
                EngineConfig.from(s::get),
                s);
    }

    /**
     * The embedded database: one H2 file in the data directory. AUTO_SERVER lets the operator
     * command open it while the server runs (the first process serves it to the others);
     * WRITE_DELAY=0 writes each commit out at once instead of up to half a second later; the
     * page cache (LIPSYNC_H2_CACHE_MB, default 128) keeps hot index pages decoded in memory.
     */
    public static String defaultH2Url(Path dataDir, int cacheMegabytes) {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("lipsync") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;CACHE_SIZE="
                + cacheMegabytes * 1024;
    }

    /** A setting by name, for the parts of the server (jobs, S3) that read their own. */
    public String setting(String name, String fallback) {
        String v = settings.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** A non-negative whole-number setting by name, for the parts of the server that read their own. */
    public long nonNegativeSetting(String name, long fallback) {
        String v = setting(name, Long.toString(fallback)).trim();
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a non-negative integer, got '" + v + "'");
        }
    }

    public boolean isH2() {
        return dbUrl.startsWith("jdbc:h2:");
    }

    /** The base URL customers reach the server at, given the port it actually bound. */
    public String baseUrl(int boundPort) {
        return publicBaseUrl != null ? publicBaseUrl : "http://localhost:" + boundPort;
    }

    public Path initialKeyFile() {
        return dataDir.resolve("initial-api-key");
    }

    private static Map<String, String> readPropertiesFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> m = new HashMap<>();
        p.forEach((k, v) -> m.put(k.toString().trim(), v.toString().trim()));
        return m;
    }

    private static int intSetting(Map<String, String> s, String name, int fallback, int min) {
        long v = longSetting(s, name, fallback);
        if (v < min || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be an integer >= " + min + ", got " + v);
        }
        return (int) v;
    }

    private static long longSetting(Map<String, String> s, String name, long fallback) {
        String v = s.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
