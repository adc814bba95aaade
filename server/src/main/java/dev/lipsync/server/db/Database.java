package dev.lipsync.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lipsync.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool and the schema: opens H2 or PostgreSQL per the config and brings the
 * schema up to date with the Flyway migrations in {@code db/migration} (one set for both).
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final boolean h2;

    private Database(HikariDataSource pool, boolean h2) {
        this.pool = pool;
        this.h2 = h2;
    }

    public static Database open(ServerConfig config) {
        if (config.isH2()) {
            try {
                Files.createDirectories(config.dataDir().resolve("db"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot create " + config.dataDir().resolve("db"), e);
            }
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.dbUrl());
        if (config.dbUser() != null) {
            hc.setUsername(config.dbUser());
        }
        if (config.dbPassword() != null) {
            hc.setPassword(config.dbPassword());
        }
        hc.setMaximumPoolSize(config.dbPoolSize());
        hc.setPoolName("lipsync-db");
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, config.isH2());
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public boolean isH2() {
        return h2;
    }

    /**
     * Makes committed transactions survive a power cut. PostgreSQL already fsyncs on commit;
     * H2 only writes its file, so force it to the device (used after accepting a request).
     */
    public void syncToDisk(Connection c) throws SQLException {
        if (h2) {
            try (Statement st = c.createStatement()) {
                st.execute("CHECKPOINT SYNC");
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
