package dev.lipsync.server.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.server.accounts.Accounts;
import dev.lipsync.server.db.Database;
import dev.lipsync.server.db.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RequestStoreTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void listsInCreationOrderWithTotalsAndFindsLatestByReference(TestDatabases kind) throws Exception {
        try (Database db = kind.open(dir)) {
            Accounts accounts = new Accounts(db);
            UUID a = accounts.createAccount("a", null).id();
            UUID b = accounts.createAccount("b", null).id();
            RequestStore store = new RequestStore(db, QueueHook.NONE);
            Instant t0 = Instant.parse("2026-03-30T11:00:00.123456Z");
            UUID first = submit(store, a, "batch", t0);
            UUID second = submit(store, a, "batch", t0.plusNanos(1000));
            UUID third = submit(store, a, null, t0.plusSeconds(1));
            submit(store, b, "batch", t0.plusSeconds(2));

            Page all = store.list(a, null, 20, 0);
            assertEquals(3, all.total());
            assertEquals(List.of(first, second, third), all.items().stream().map(LipsyncRequest::id).toList());
            assertEquals(t0, all.items().get(0).createdAt(), "microseconds are kept");

            Page page = store.list(a, null, 1, 1);
            assertEquals(3, page.total());
            assertEquals(List.of(second), page.items().stream().map(LipsyncRequest::id).toList());

            Page filtered = store.list(a, "batch", 20, 0);
            assertEquals(2, filtered.total());

            assertEquals(second, store.find(a, "batch").orElseThrow().id(), "latest with that reference");
            assertEquals(first, store.find(a, first.toString()).orElseThrow().id());
            assertTrue(store.find(b, first.toString()).isEmpty(), "another account's id is not found");
            assertTrue(store.find(a, "nope").isEmpty());
            assertEquals(4, store.countQueued(), "all four are queued");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void idempotencyKeyReplaysWithin24Hours(TestDatabases kind) throws Exception {
        try (Database db = kind.open(dir)) {
            UUID a = new Accounts(db).createAccount("a", null).id();
            RequestStore store = new RequestStore(db, QueueHook.NONE);
            Instant now = Instant.now();
            Submission s1 = store.submit(request(a, null), "k1", now);
            Submission s2 = store.submit(request(a, null), "k1", now.plusSeconds(60));
            assertFalse(s1.replayed());
            assertTrue(s2.replayed());
            assertEquals(s1.requestId(), s2.requestId());
            assertEquals(1, store.list(a, null, 20, 0).total());

            Submission later = store.submit(request(a, null), "k1", now.plus(Duration.ofHours(25)));
            assertFalse(later.replayed());
            assertNotEquals(s1.requestId(), later.requestId());
            assertEquals(2, store.list(a, null, 20, 0).items().size());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void lifecycleCountsTokensOnCompletion(TestDatabases kind) throws Exception {
        try (Database db = kind.open(dir)) {
            Accounts accounts = new Accounts(db);
            UUID a = accounts.createAccount("a", 10.0).id();
            RequestStore store = new RequestStore(db, QueueHook.NONE);
            UUID id = submit(store, a, null, Instant.now());
            assertFalse(accounts.quotaExhausted(a));
            assertTrue(store.markProcessing(id, Instant.now()));
            assertTrue(store.markCompleted(id, "outputs/" + id + ".mp4", 12.5, Instant.now()));
            LipsyncRequest done = store.get(id).orElseThrow();
            assertEquals(RequestStatus.COMPLETED, done.status());
            assertEquals(1, done.attempts());
            assertEquals(12.5, done.outputSeconds());
            assertTrue(accounts.quotaExhausted(a));
            assertFalse(store.markFailed(id, "too late", Instant.now()), "finished requests stay finished");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void creationOrderSurvivesAClockStepBack(TestDatabases kind) throws Exception {
        try (Database db = kind.open(dir)) {
            UUID a = new Accounts(db).createAccount("a", null).id();
            RequestStore store = new RequestStore(db, QueueHook.NONE);
            Instant t = Instant.parse("2026-05-01T12:00:00Z");
            UUID first = submit(store, a, null, t);
            UUID second = submit(store, a, null, t.minusSeconds(30)); // another server's slow clock
            UUID third = submit(store, a, null, t);
            Page page = store.list(a, null, 10, 0);
            assertEquals(List.of(first, second, third), page.items().stream().map(LipsyncRequest::id).toList());
            assertTrue(page.items().get(1).createdAt().isAfter(page.items().get(0).createdAt()));
            assertTrue(page.items().get(2).createdAt().isAfter(page.items().get(1).createdAt()));
            assertEquals(List.of(third), store.list(a, null, 10, 2).items().stream().map(LipsyncRequest::id).toList());
            assertEquals(0, store.list(a, null, 10, Long.MAX_VALUE).items().size());
        }
    }

    private static UUID submit(RequestStore store, UUID account, String ref, Instant at) throws Exception {
        return store.submit(request(account, ref), null, at).requestId();
    }

    private static NewRequest request(UUID account, String ref) {
        return NewRequest.fromUrls(RequestStore.newId(), account, ref, "https://example.com/v.mp4",
                "https://example.com/a.wav", false);
    }
}
