package dev.lipsync.server.requests;

import dev.lipsync.server.db.Database;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Lip-sync requests in the database: storing new ones (with Idempotency-Key replay), looking
 * them up for their account, listing, and the lifecycle updates the worker makes.
 */
public final class RequestStore {

    /** How long an Idempotency-Key is remembered. */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, account_id, reference_id, status, created_at, started_at, "
            + "finished_at, error_message, model, video_url, audio_url, video_key, audio_key, "
            + "disable_active_speaker_detection, output_key, output_seconds, attempts";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RequestStore.class);

    private final Database db;
    private final QueueHook queue;

    public RequestStore(Database db, QueueHook queue) {
        this.db = db;
        this.queue = queue;
    }

    /**
     * A fresh request id: a version 7 UUID (time first), so new rows land at the end of the
     * primary-key index instead of at random places.
     */
    public static UUID newId() {
        long ms = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long high = (ms << 16) | 0x7000L | randA;
        long low = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /** Whether {@code s} is a UUID in its canonical 8-4-4-4-12 form. */
    public static boolean isCanonicalUuid(String s) {
        return s != null && s.length() == 36 && CANONICAL_UUID.matcher(s).matches();
    }

    /**
     * The request an earlier call with this Idempotency-Key created, if it is younger than
     * {@link #IDEMPOTENCY_WINDOW}. Lets a retried upload skip storing its files again.
     */
    public Optional<UUID> idempotentReplay(UUID accountId, String idempotencyKey, Instant now) throws SQLException {
        try (Connection c = db.connection()) {
            return findIdempotent(c, accountId, idempotencyKey, now);
        }
    }

    /**
     * Stores a new queued request and hands it to the queue, in one transaction; durable when
     * this returns. With an Idempotency-Key already used by the account within 24 h, stores
     * nothing and returns the earlier request's id.
     */
    public Submission submit(NewRequest r, String idempotencyKey, Instant now) throws SQLException {
        Instant createdAt = now.truncatedTo(ChronoUnit.MICROS);
        for (int attempt = 0; ; attempt++) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    if (idempotencyKey != null) {
                        try (PreparedStatement del = c.prepareStatement(
                                "DELETE FROM idempotency_keys WHERE account_id = ? AND idempotency_key = ? AND created_at < ?")) {
                            del.setObject(1, r.accountId());
                            del.setString(2, idempotencyKey);
                            del.setObject(3, utc(now.minus(IDEMPOTENCY_WINDOW)));
                            del.executeUpdate();
                        }
                        try (PreparedStatement ins = c.prepareStatement(
                                "INSERT INTO idempotency_keys (account_id, idempotency_key, request_id, response_status, "
                                        + "response_body, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                            ins.setObject(1, r.accountId());
                            ins.setString(2, idempotencyKey);
                            ins.setObject(3, r.id());
                            ins.setInt(4, 200);
                            ins.setString(5, "{\"status\":\"success\",\"request_id\":\"" + r.id() + "\"}");
                            ins.setObject(6, utc(createdAt));
                            ins.executeUpdate();
                        }
                    }
                    insertRequest(c, r, nextPosition(c, r.accountId(), createdAt));
                    queue.enqueue(c, r.id());
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    if (idempotencyKey != null && UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        Optional<UUID> earlier = findIdempotent(c, r.accountId(), idempotencyKey, now);
                        if (earlier.isPresent()) {
                            return new Submission(earlier.get(), true);
                        }
                        if (attempt < 2) {
                            continue; // the earlier record expired meanwhile: try again
                        }
                    }
                    throw e;
                } catch (RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
                syncQuietly(c);
                return new Submission(r.id(), false);
            }
        }
    }

    /**
     * After the commit: the request exists whatever happens here, so a failed sync is logged,
     * not thrown (a caller would otherwise clean up files the request now owns).
     */
    private void syncQuietly(Connection c) {
        try {
            db.syncToDisk(c);
        } catch (SQLException e) {
            LOG.warn("could not sync the database to disk after a commit: {}", e.toString());
        }
    }

    /** Where a new request goes in its account's creation order. */
    private record Position(long seq, Instant createdAt) {
    }

    /**
     * Takes the account's row lock and the next position: seq = request count + 1, created_at
     * strictly after the previous request's, so seq order and (created_at, id) order agree
     * even with several server processes or a clock step back. The lock is held until commit,
     * which serialises one account's submissions (they are rate-limited anyway).
     */
    private static Position nextPosition(Connection c, UUID accountId, Instant now) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE accounts SET request_count = request_count + 1 WHERE id = ?")) {
            up.setObject(1, accountId);
            if (up.executeUpdate() != 1) {
                throw new SQLException("no account " + accountId);
            }
        }
        long seq;
        Instant createdAt = now;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT request_count, last_request_at FROM accounts WHERE id = ?")) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                seq = rs.getLong(1);
                OffsetDateTime last = rs.getObject(2, OffsetDateTime.class);
                if (last != null && !createdAt.isAfter(last.toInstant())) {
                    createdAt = last.toInstant().plus(1, ChronoUnit.MICROS);
                }
            }
        }
        try (PreparedStatement up = c.prepareStatement("UPDATE accounts SET last_request_at = ? WHERE id = ?")) {
            up.setObject(1, utc(createdAt));
            up.setObject(2, accountId);
            up.executeUpdate();
        }
        return new Position(seq, createdAt);
    }

    /**
     * Looks {@code idOrReference} up among the account's requests: as a request id first (when
     * it is a UUID), otherwise or if absent as a reference_id, then the most recently created.
     */
    public Optional<LipsyncRequest> find(UUID accountId, String idOrReference) throws SQLException {
        try (Connection c = db.connection()) {
            if (isCanonicalUuid(idOrReference)) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM lipsync_requests WHERE id = ? AND account_id = ?")) {
                    ps.setObject(1, UUID.fromString(idOrReference));
                    ps.setObject(2, accountId);
                    Optional<LipsyncRequest> byId = one(ps);
                    if (byId.isPresent()) {
                        return byId;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM lipsync_requests WHERE account_id = ? AND reference_id = ? "
                            + "ORDER BY account_id, reference_id, seq DESC LIMIT 1")) {
                ps.setObject(1, accountId);
                ps.setString(2, idOrReference);
                return one(ps);
            }
        }
    }

    /**
     * One page of the account's requests in creation order (oldest first; the order of
     * (created_at, id)), optionally only those with the given reference_id.
     */
    public Page list(UUID accountId, String referenceId, int limit, long offset) throws SQLException {
        try (Connection c = db.connection()) {
            List<LipsyncRequest> items = new ArrayList<>();
            // Without a filter the page is a range of seq (1, 2, 3, ... per account; requests are
            // never deleted), so a deep offset costs what the first page costs. ORDER BY names
            // every index column: only then does H2 read the index in order and stop early.
            String sql = referenceId == null
                    ? "SELECT " + COLUMNS + " FROM lipsync_requests WHERE account_id = ? AND seq > ? "
                            + "ORDER BY account_id, seq LIMIT ?"
                    : "SELECT " + COLUMNS + " FROM lipsync_requests WHERE account_id = ? AND reference_id = ? "
                            + "ORDER BY account_id, reference_id, seq LIMIT ? OFFSET ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, accountId);
                if (referenceId == null) {
                    ps.setLong(2, offset);
                    ps.setInt(3, limit);
                } else {
                    ps.setString(2, referenceId);
                    ps.setInt(3, limit);
                    ps.setLong(4, offset);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                }
            }
            long total;
            if (referenceId == null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT request_count FROM accounts WHERE id = ?")) {
                    ps.setObject(1, accountId);
                    total = singleLong(ps);
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM lipsync_requests WHERE account_id = ? AND reference_id = ?")) {
                    ps.setObject(1, accountId);
                    ps.setString(2, referenceId);
                    total = singleLong(ps);
                }
            }
            return new Page(items, total);
        }
    }

    /** A request by id, whatever its account (for the worker). */
    public Optional<LipsyncRequest> get(UUID id) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM lipsync_requests WHERE id = ?")) {
            ps.setObject(1, id);
            return one(ps);
        }
    }

    /** How many requests wait for a worker. */
    public long countQueued() throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM lipsync_requests WHERE status = ?")) {
            ps.setString(1, RequestStatus.QUEUED.wire());
            return singleLong(ps);
        }
    }

    // --- lifecycle, called by the worker ---

    /**
     * queued (or processing, when a lease ran out) → processing; counts the attempt and sets
     * started_at. False if the request is already finished or absent.
     */
    public boolean markProcessing(UUID id, Instant now) throws SQLException {
        return update("UPDATE lipsync_requests SET status = 'processing', started_at = ?, attempts = attempts + 1 "
                + "WHERE id = ? AND status IN ('queued', 'processing')", utc(now), id) == 1;
    }

    /** Hands a request back to the queue (graceful shutdown); started_at stays as it was. */
    public boolean requeue(UUID id) throws SQLException {
        return update("UPDATE lipsync_requests SET status = 'queued' WHERE id = ? AND status = 'processing'", id) == 1;
    }

    /**
     * Like {@link #requeue}, and the start that was interrupted on purpose (graceful shutdown)
     * does not count as an attempt.
     */
    public boolean handBack(UUID id) throws SQLException {
        return update("UPDATE lipsync_requests SET status = 'queued', attempts = attempts - 1 "
                + "WHERE id = ? AND status = 'processing' AND attempts > 0", id) == 1;
    }

    /**
     * processing → completed with its output, and the output's seconds added to the account's
     * used tokens, in one transaction. False if the request was not processing.
     */
    public boolean markCompleted(UUID id, String outputKey, double outputSeconds, Instant now) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                int n;
                try (PreparedStatement ps = c.prepareStatement("UPDATE lipsync_requests SET status = 'completed', "
                        + "finished_at = ?, output_key = ?, output_seconds = ?, error_message = NULL "
                        + "WHERE id = ? AND status = 'processing'")) {
                    ps.setObject(1, utc(now));
                    ps.setString(2, outputKey);
                    ps.setDouble(3, outputSeconds);
                    ps.setObject(4, id);
                    n = ps.executeUpdate();
                }
                if (n == 1) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET tokens_used = tokens_used + ? "
                            + "WHERE id = (SELECT account_id FROM lipsync_requests WHERE id = ?)")) {
                        ps.setDouble(1, outputSeconds);
                        ps.setObject(2, id);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return n == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** queued or processing → failed with a customer-readable message. */
    public boolean markFailed(UUID id, String errorMessage, Instant now) throws SQLException {
        return update("UPDATE lipsync_requests SET status = 'failed', finished_at = ?, error_message = ? "
                + "WHERE id = ? AND status IN ('queued', 'processing')", utc(now), errorMessage, id) == 1;
    }

    /** Forgets Idempotency-Keys older than the window; returns how many. */
    public int deleteExpiredIdempotencyKeys(Instant now) throws SQLException {
        return update("DELETE FROM idempotency_keys WHERE created_at < ?", utc(now.minus(IDEMPOTENCY_WINDOW)));
    }

    // --- rows ---

    private static void insertRequest(Connection c, NewRequest r, Position position) throws SQLException {
        Instant createdAt = position.createdAt();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lipsync_requests (id, account_id, reference_id, "
                + "status, created_at, model, video_url, audio_url, video_key, audio_key, "
                + "disable_active_speaker_detection, attempts, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
            ps.setObject(1, r.id());
            ps.setObject(2, r.accountId());
            setNullableString(ps, 3, r.referenceId());
            ps.setString(4, RequestStatus.QUEUED.wire());
            ps.setObject(5, utc(createdAt));
            ps.setString(6, r.model());
            setNullableString(ps, 7, r.videoUrl());
            setNullableString(ps, 8, r.audioUrl());
            setNullableString(ps, 9, r.videoKey());
            setNullableString(ps, 10, r.audioKey());
            ps.setBoolean(11, r.disableActiveSpeakerDetection());
            ps.setLong(12, position.seq());
            ps.executeUpdate();
        }
    }

    private static Optional<UUID> findIdempotent(Connection c, UUID accountId, String key, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT request_id FROM idempotency_keys "
                + "WHERE account_id = ? AND idempotency_key = ? AND created_at >= ?")) {
            ps.setObject(1, accountId);
            ps.setString(2, key);
            ps.setObject(3, utc(now.minus(IDEMPOTENCY_WINDOW)));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    private int update(String sql, Object... args) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static Optional<LipsyncRequest> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static long singleLong(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static LipsyncRequest read(ResultSet rs) throws SQLException {
        double seconds = rs.getDouble("output_seconds");
        Double outputSeconds = rs.wasNull() ? null : seconds;
        return new LipsyncRequest(
                rs.getObject("id", UUID.class),
                rs.getObject("account_id", UUID.class),
                rs.getString("reference_id"),
                RequestStatus.fromWire(rs.getString("status")),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getString("error_message"),
                rs.getString("model"),
                rs.getString("video_url"),
                rs.getString("audio_url"),
                rs.getString("video_key"),
                rs.getString("audio_key"),
                rs.getBoolean("disable_active_speaker_detection"),
                rs.getString("output_key"),
                outputSeconds,
                rs.getInt("attempts"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private static void setNullableString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
