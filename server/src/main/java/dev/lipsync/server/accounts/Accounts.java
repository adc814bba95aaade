package dev.lipsync.server.accounts;

import dev.lipsync.server.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accounts, their quota and usage, and their API keys, in the database. */
public final class Accounts {

    /** An account as the operator sees it. tokenLimit null = unlimited. */
    public record Account(UUID id, String name, Double tokenLimit, double tokensUsed, long requestCount,
                          boolean disabled, Instant createdAt) {
    }

    /** An API key as the operator sees it: never the key itself. */
    public record KeyInfo(UUID id, UUID accountId, String accountName, String name, String prefix,
                          Instant createdAt, Instant revokedAt) {
    }

    /** A key just created: {@code key} is shown once and not stored. */
    public record NewKey(UUID id, String name, String key) {
    }

    private final Database db;

    public Accounts(Database db) {
        this.db = db;
    }

    public Account createAccount(String name, Double tokenLimit) throws SQLException {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO accounts (id, name, token_limit, tokens_used, request_count, disabled, created_at) "
                        + "VALUES (?, ?, ?, 0, 0, FALSE, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, name);
            if (tokenLimit == null) {
                ps.setNull(3, Types.DOUBLE);
            } else {
                ps.setDouble(3, tokenLimit);
            }
            ps.setObject(4, utc(now));
            ps.executeUpdate();
        }
        return new Account(id, name, tokenLimit, 0, 0, false, now);
    }

    public Optional<Account> findAccount(String name) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, token_limit, tokens_used, request_count, disabled, created_at FROM accounts WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readAccount(rs)) : Optional.empty();
            }
        }
    }

    public List<Account> listAccounts() throws SQLException {
        List<Account> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, token_limit, tokens_used, request_count, disabled, created_at FROM accounts ORDER BY created_at, name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(readAccount(rs));
            }
        }
        return out;
    }

    public boolean hasAnyAccount() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT 1 FROM accounts LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** Sets the account's quota in tokens (seconds of output video); null = unlimited. */
    public boolean setTokenLimit(UUID accountId, Double tokenLimit) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE accounts SET token_limit = ? WHERE id = ?")) {
            if (tokenLimit == null) {
                ps.setNull(1, Types.DOUBLE);
            } else {
                ps.setDouble(1, tokenLimit);
            }
            ps.setObject(2, accountId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Sets the tokens used so far (operator: start a new billing period with 0). */
    public boolean setTokensUsed(UUID accountId, double used) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE accounts SET tokens_used = ? WHERE id = ?")) {
            ps.setDouble(1, used);
            ps.setObject(2, accountId);
            return ps.executeUpdate() == 1;
        }
    }

    public boolean setDisabled(UUID accountId, boolean disabled) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE accounts SET disabled = ? WHERE id = ?")) {
            ps.setBoolean(1, disabled);
            ps.setObject(2, accountId);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Whether the account has used up its quota: its used tokens reached its limit. The output
     * length of a new request is unknown when it is submitted, so a request is accepted while
     * any quota is left and its real seconds are counted when it completes.
     */
    public boolean quotaExhausted(UUID accountId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT token_limit, tokens_used FROM accounts WHERE id = ?")) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return true;
                }
                double limit = rs.getDouble(1);
                if (rs.wasNull()) {
                    return false;
                }
                return rs.getDouble(2) >= limit;
            }
        }
    }

    public NewKey createKey(UUID accountId, String name) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            String key = ApiKeyFormat.generate();
            UUID id = UUID.randomUUID();
            try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO api_keys (id, account_id, name, lookup_prefix, key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, id);
                ps.setObject(2, accountId);
                ps.setString(3, name);
                ps.setString(4, ApiKeyFormat.lookupPrefix(key));
                ps.setString(5, ApiKeyFormat.hashHex(key));
                ps.setObject(6, utc(Instant.now()));
                ps.executeUpdate();
                return new NewKey(id, name, key);
            } catch (SQLException e) {
                // a prefix collision (2^-71 per pair) gets a new key; anything else is an error
                if (!"23505".equals(e.getSQLState()) || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * The caller a well-formed key belongs to, if the key is known, not revoked and its
     * account not disabled. The hash comparison is constant-time.
     */
    public Optional<Caller> authenticate(String key) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT k.id, k.account_id, k.name, k.key_hash FROM api_keys k JOIN accounts a ON a.id = k.account_id "
                        + "WHERE k.lookup_prefix = ? AND k.revoked_at IS NULL AND a.disabled = FALSE")) {
            ps.setString(1, ApiKeyFormat.lookupPrefix(key));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && ApiKeyFormat.matches(key, rs.getString(4))) {
                    return Optional.of(new Caller(rs.getObject(2, UUID.class), rs.getObject(1, UUID.class), rs.getString(3)));
                }
                return Optional.empty();
            }
        }
    }

    public List<KeyInfo> listKeys(UUID accountIdOrNull) throws SQLException {
        List<KeyInfo> out = new ArrayList<>();
        String sql = "SELECT k.id, k.account_id, a.name, k.name, k.lookup_prefix, k.created_at, k.revoked_at "
                + "FROM api_keys k JOIN accounts a ON a.id = k.account_id"
                + (accountIdOrNull == null ? "" : " WHERE k.account_id = ?") + " ORDER BY k.created_at";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (accountIdOrNull != null) {
                ps.setObject(1, accountIdOrNull);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new KeyInfo(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), instant(rs, 6), instant(rs, 7)));
                }
            }
        }
        return out;
    }

    /** Revokes the key with this id or lookup prefix; false if there is no such active key. */
    public boolean revokeKey(String idOrPrefix) throws SQLException {
        boolean isId = idOrPrefix.length() == 36 && idOrPrefix.chars().filter(ch -> ch == '-').count() == 4;
        String where = isId ? "id = ?" : "lookup_prefix = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE api_keys SET revoked_at = ? WHERE " + where + " AND revoked_at IS NULL")) {
            ps.setObject(1, utc(Instant.now()));
            if (isId) {
                ps.setObject(2, UUID.fromString(idOrPrefix));
            } else {
                ps.setString(2, idOrPrefix.length() > ApiKeyFormat.LOOKUP_LENGTH
                        ? ApiKeyFormat.lookupPrefix(idOrPrefix) : idOrPrefix);
            }
            return ps.executeUpdate() == 1;
        }
    }

    private static Account readAccount(ResultSet rs) throws SQLException {
        double limit = rs.getDouble(3);
        Double tokenLimit = rs.wasNull() ? null : limit;
        return new Account(rs.getObject(1, UUID.class), rs.getString(2), tokenLimit, rs.getDouble(4), rs.getLong(5),
                rs.getBoolean(6), instant(rs, 7));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
