package dev.lipsync.server.db;

import dev.lipsync.server.config.ServerConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real databases for tests: an H2 file in a fresh directory, or a fresh database in one
 * embedded PostgreSQL server started once per test run (real PostgreSQL binaries, no Docker).
 */
public enum TestDatabases {
    H2, POSTGRES;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    /** Settings for a server or store on a brand-new, empty database of this kind. */
    public Map<String, String> freshSettings(Path dataDir) throws Exception {
        Map<String, String> s = new HashMap<>();
        s.put("LIPSYNC_DATA_DIR", dataDir.toString());
        s.put("LIPSYNC_PORT", "0");
        s.put("LIPSYNC_HOST", "127.0.0.1");
        if (this == POSTGRES) {
            EmbeddedPostgres pg = postgres();
            String name = "lipsync_test_" + COUNTER.incrementAndGet();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
            s.put("LIPSYNC_DB_URL", pg.getJdbcUrl("postgres", name));
            s.put("LIPSYNC_DB_USER", "postgres");
            s.put("LIPSYNC_DB_PASSWORD", "postgres");
            s.put("LIPSYNC_DB_POOL_SIZE", "4");
        }
        return s;
    }

    public Database open(Path dataDir) throws Exception {
        return Database.open(ServerConfig.from(freshSettings(dataDir)));
    }

    static synchronized EmbeddedPostgres postgres() throws IOException {
        if (postgres == null) {
            // As root, the library runs PostgreSQL as "nobody": give it a directory it may use. One
            // folder for every run: the library unpacks its binaries (60 MB) there once and reuses
            // them (a new temp folder each run left 60 MB behind every time).
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "lipsync-test-postgres"));
            dir.toFile().setWritable(true, false);
            dir.toFile().setExecutable(true, false);
            dir.toFile().setReadable(true, false);
            postgres = EmbeddedPostgres.builder().setOverrideWorkingDirectory(dir.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting anyway
                }
            }));
        }
        return postgres;
    }
}
