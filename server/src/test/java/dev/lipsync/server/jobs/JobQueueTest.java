package dev.lipsync.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.EngineConfig;
import dev.lipsync.engine.LipSync;
import dev.lipsync.engine.Result;
import dev.lipsync.server.accounts.Accounts;
import dev.lipsync.server.db.Database;
import dev.lipsync.server.db.TestDatabases;
import dev.lipsync.server.media.fetch.AddressPolicy;
import dev.lipsync.server.media.fetch.FetchLimits;
import dev.lipsync.server.media.fetch.RemoteMediaFetcher;
import dev.lipsync.server.media.storage.LocalMediaStorage;
import dev.lipsync.server.requests.LipsyncRequest;
import dev.lipsync.server.requests.NewRequest;
import dev.lipsync.server.requests.QueueHook;
import dev.lipsync.server.requests.RequestStatus;
import dev.lipsync.server.requests.RequestStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The queue and workers over a real database (H2 file, embedded PostgreSQL) and real local HTTP. */
class JobQueueTest {

    /** What the engine answers for the test inputs (bytes that are not a video): a customer message, never a crash. */
    static final String NOT_A_VIDEO = "video file is not a valid video";
    private static final byte[] MEDIA = "not really a video, the engine refuses before reading it".getBytes();

    @TempDir
    Path dir;

    /** A database, an account, storage, a store and a queue whose workers run {@code renderer}. */
    final class Rig implements AutoCloseable {
        final Database db;
        final UUID account;
        final LocalMediaStorage storage;
        final JobQueue queue;
        final RequestStore store;
        final JobSettings settings;

        private final AddressPolicy policy;

        Rig(TestDatabases kind, AddressPolicy policy, Renderer renderer) throws Exception {
            this.policy = policy;
            db = kind.open(dir.resolve("data"));
            account = new Accounts(db).createAccount("acme", null).id();
            storage = new LocalMediaStorage(dir.resolve("media"));
            settings = new JobSettings(1, Duration.ofMillis(100), Duration.ofMillis(500), 4, 3, Duration.ZERO,
                    Duration.ofSeconds(1), Duration.ofHours(1), dir.resolve("work"));
            queue = new JobQueue(settings);
            store = new RequestStore(db, queue);
            queue.start(db.dataSource(), processor(renderer));
        }

        RequestProcessor processor(Renderer renderer) {
            RemoteMediaFetcher fetcher = new RemoteMediaFetcher(policy, FetchLimits.defaults());
            return new RequestProcessor(store, storage, fetcher, renderer, settings, Clock.systemUTC());
        }

        UUID submitUrls(String videoUrl, String audioUrl) throws Exception {
            UUID id = RequestStore.newId();
            store.submit(NewRequest.fromUrls(id, account, null, videoUrl, audioUrl, false), null, Instant.now());
            return id;
        }

        UUID submitUploads() throws Exception {
            UUID id = RequestStore.newId();
            storage.put("uploads/" + id + "/video", new ByteArrayInputStream(MEDIA), 1 << 20);
            storage.put("uploads/" + id + "/audio", new ByteArrayInputStream(MEDIA), 1 << 20);
            store.submit(NewRequest.fromUploads(id, account, null, "lipsync-2", "uploads/" + id + "/video",
                    "uploads/" + id + "/audio", true), null, Instant.now());
            return id;
        }

        /** Polls until the request is finished; returns every status seen on the way. */
        List<RequestStatus> awaitFinished(UUID id) throws Exception {
            List<RequestStatus> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                RequestStatus s = store.get(id).orElseThrow().status();
                if (seen.isEmpty() || seen.get(seen.size() - 1) != s) {
                    seen.add(s);
                }
                if (s == RequestStatus.COMPLETED || s == RequestStatus.FAILED) {
                    return seen;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("request " + id + " did not finish; statuses seen: " + seen);
        }

        /** The request's uploaded inputs still in storage, once deleting (just after finishing) had its chance. */
        List<String> uploadsLeft(UUID id) throws Exception {
            List<String> keys = List.of("uploads/" + id + "/video", "uploads/" + id + "/audio");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (true) {
                List<String> left = new ArrayList<>();
                for (String key : keys) {
                    if (storage.exists(key)) {
                        left.add(key);
                    }
                }
                if (left.isEmpty() || System.nanoTime() > deadline) {
                    return left;
                }
                Thread.sleep(20);
            }
        }

        int jobRows() throws Exception {
            try (Connection c = db.connection();
                 PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = ?")) {
                ps.setString(1, JobQueue.TASK_NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }

        /** Job rows once the queue has caught up: the row goes just after the request is finished. */
        int jobRowsSettled() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int n = jobRows();
            while (n != 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                n = jobRows();
            }
            return n;
        }

        @Override
        public void close() throws Exception {
            queue.stop();
            db.close();
        }
    }

    private static void copyFile(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Renderer engine() {
        return Renderer.engine(LipSync.create(EngineConfig.defaults()));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void urlRequestGoesQueuedProcessingFailedWithTheEngineMessage(TestDatabases kind) throws Exception {
        try (MediaServer media = new MediaServer(MEDIA, 1.0);
             Rig rig = new Rig(kind, AddressPolicy.allowing(List.of("127.0.0.1")), engine())) {
            UUID id = rig.submitUrls(media.url("/slow/video.mp4"), media.url("/audio.wav"));
            assertEquals(1, rig.jobRows(), "the job was written with the request");
            List<RequestStatus> seen = rig.awaitFinished(id);
            assertEquals(List.of(RequestStatus.QUEUED, RequestStatus.PROCESSING, RequestStatus.FAILED), seen);
            LipsyncRequest r = rig.store.get(id).orElseThrow();
            assertEquals(NOT_A_VIDEO, r.errorMessage());
            assertNotNull(r.startedAt());
            assertNotNull(r.finishedAt());
            assertNull(r.outputKey());
            assertEquals(1, r.attempts());
            assertEquals(2, media.hits.get(), "both inputs were fetched from the allow-listed server");
            assertEquals(0, rig.jobRowsSettled(), "the finished job is gone from the queue");
            assertFalse(Files.exists(dir.resolve("work").resolve(id.toString())), "scratch space cleaned up");
        }
    }

    @Test
    void uploadedRequestFailsWithTheEngineMessage() throws Exception {
        try (Rig rig = new Rig(TestDatabases.H2, AddressPolicy.publicOnly(), engine())) {
            UUID id = rig.submitUploads();
            rig.awaitFinished(id);
            LipsyncRequest r = rig.store.get(id).orElseThrow();
            assertEquals(RequestStatus.FAILED, r.status());
            assertEquals(NOT_A_VIDEO, r.errorMessage());
            assertEquals(List.of(), rig.uploadsLeft(id), "uploaded inputs deleted once failed");
        }
    }

    @Test
    void forbiddenUrlFailsWithTheCustomerMessage() throws Exception {
        try (MediaServer media = new MediaServer(MEDIA, 0);
             Rig rig = new Rig(TestDatabases.H2, AddressPolicy.publicOnly(), engine())) {
            UUID metadata = rig.submitUrls("http://169.254.169.254/latest/meta-data/", media.url("/audio.wav"));
            UUID loopback = rig.submitUrls(media.url("/video.mp4"), media.url("/audio.wav"));
            rig.awaitFinished(metadata);
            rig.awaitFinished(loopback);
            assertEquals("video URL points to a forbidden address", rig.store.get(metadata).orElseThrow().errorMessage());
            assertEquals("video URL points to a forbidden address", rig.store.get(loopback).orElseThrow().errorMessage());
            assertEquals(0, media.hits.get(), "the loopback server was never contacted");
        }
    }

    @Test
    void unreachableAudioUrlFailsWithTheCustomerMessage() throws Exception {
        try (MediaServer media = new MediaServer(MEDIA, 0);
             Rig rig = new Rig(TestDatabases.H2, AddressPolicy.allowing(List.of("127.0.0.1")), engine())) {
            int closedPort;
            try (var socket = new java.net.ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            UUID id = rig.submitUrls(media.url("/video.mp4"), "http://127.0.0.1:" + closedPort + "/audio.wav");
            rig.awaitFinished(id);
            assertEquals("audio URL is not accessible", rig.store.get(id).orElseThrow().errorMessage());
        }
    }

    @Test
    void completedRequestStoresTheOutputAndBillsItsSeconds() throws Exception {
        // plumbing only: a renderer that copies the video stands in for a working engine
        Renderer copy = (video, audio, out, options, progress, cancel) -> {
            copyFile(video, out);
            return new Result(out, 2.5, 10, 10);
        };
        try (Rig rig = new Rig(TestDatabases.H2, AddressPolicy.publicOnly(), copy)) {
            UUID id = rig.submitUploads();
            rig.awaitFinished(id);
            LipsyncRequest r = rig.store.get(id).orElseThrow();
            assertEquals(RequestStatus.COMPLETED, r.status(), String.valueOf(r.errorMessage()));
            assertEquals(RequestProcessor.outputKey(id), r.outputKey());
            assertEquals(2.5, r.outputSeconds());
            assertEquals(MEDIA.length, rig.storage.size(r.outputKey()));
            assertEquals(2.5, new Accounts(rig.db).findAccount("acme").orElseThrow().tokensUsed(), 1e-9);
            assertEquals(List.of(), rig.uploadsLeft(id), "uploaded inputs deleted once completed");
            assertTrue(rig.storage.exists(r.outputKey()), "the output stays");
        }
    }

    @Test
    void outputWithNoRenderedFrameIsNeverCompleted() throws Exception {
        Renderer unchanged = (video, audio, out, options, progress, cancel) -> {
            copyFile(video, out);
            return new Result(out, 2.5, 0, 10);
        };
        try (Rig rig = new Rig(TestDatabases.H2, AddressPolicy.publicOnly(), unchanged)) {
            UUID id = rig.submitUploads();
            rig.awaitFinished(id);
            LipsyncRequest r = rig.store.get(id).orElseThrow();
            assertEquals(RequestStatus.FAILED, r.status());
            assertEquals("no face found in the video", r.errorMessage());
            assertFalse(rig.storage.exists(RequestProcessor.outputKey(id)));
        }
    }

    @Test
    void unexpectedErrorsAreRetriedThenFailAfterTheLastAttempt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Renderer broken = (video, audio, out, options, progress, cancel) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("simulated bug");
        };
        try (Rig rig = new Rig(TestDatabases.H2, AddressPolicy.publicOnly(), broken)) {
            UUID id = rig.submitUploads();
            rig.awaitFinished(id);
            LipsyncRequest r = rig.store.get(id).orElseThrow();
            assertEquals(RequestStatus.FAILED, r.status());
            assertEquals(RequestProcessor.INTERNAL_ERROR, r.errorMessage());
            assertEquals(3, calls.get(), "three attempts: the retries still found the uploaded inputs");
            assertEquals(3, r.attempts());
            assertEquals(0, rig.jobRowsSettled(), "no job left behind");
            assertEquals(List.of(), rig.uploadsLeft(id), "uploaded inputs deleted after the last attempt");
        }
    }

    @Test
    void handedBackRequestKeepsItsUploads() throws Exception {
        AtomicInteger started = new AtomicInteger();
        Renderer endless = (video, audio, out, options, progress, cancel) -> {
            started.incrementAndGet();
            while (true) { // runs until shutdown cancels it
                cancel.check();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (Rig rig = new Rig(TestDatabases.H2, AddressPolicy.publicOnly(), endless)) {
            UUID id = rig.submitUploads();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (started.get() == 0) {
                assertTrue(System.nanoTime() < deadline, "never started");
                Thread.sleep(20);
            }
            rig.queue.stop(); // grace, then cancelled: handed back
            assertEquals(RequestStatus.QUEUED, rig.store.get(id).orElseThrow().status());
            Thread.sleep(200);
            assertTrue(rig.storage.exists("uploads/" + id + "/video") && rig.storage.exists("uploads/" + id + "/audio"),
                    "a handed-back request keeps its inputs for the next worker");
        }
    }

    @Test
    void sweeperEnqueuesRequestsWrittenWithoutAJob() throws Exception {
        try (Rig rig = new Rig(TestDatabases.H2, AddressPolicy.publicOnly(), engine())) {
            Thread.sleep(500); // past the sweep the queue runs at start-up, so the explicit one below finds the orphan
            RequestStore bare = new RequestStore(rig.db, QueueHook.NONE);
            UUID id = RequestStore.newId();
            rig.storage.put("uploads/" + id + "/video", new ByteArrayInputStream(MEDIA), 1 << 20);
            rig.storage.put("uploads/" + id + "/audio", new ByteArrayInputStream(MEDIA), 1 << 20);
            bare.submit(NewRequest.fromUploads(id, rig.account, null, "lipsync-2", "uploads/" + id + "/video",
                    "uploads/" + id + "/audio", false), null, Instant.now());
            Thread.sleep(300);
            assertEquals(RequestStatus.QUEUED, rig.store.get(id).orElseThrow().status(), "no job, nothing ran");
            assertEquals(1, rig.queue.sweep());
            rig.awaitFinished(id);
            assertEquals(NOT_A_VIDEO, rig.store.get(id).orElseThrow().errorMessage());
            assertEquals(0, rig.queue.sweep(), "nothing left to sweep");
        }
    }

    @Test
    void requestRollsBackWithItsJob() throws Exception {
        try (Rig rig = new Rig(TestDatabases.H2, AddressPolicy.publicOnly(), engine())) {
            UUID id = RequestStore.newId();
            try (Connection c = rig.db.connection()) {
                c.setAutoCommit(false);
                rig.queue.enqueue(c, id);
                c.rollback();
                c.setAutoCommit(true);
            }
            assertEquals(0, rig.jobRows(), "the job vanished with the rolled-back transaction");
        }
    }

    @Test
    void shutdownHandsARunningJobBackAndAnotherWorkerFinishesIt() throws Exception {
        try (MediaServer media = new MediaServer(MEDIA, 8.0);
             Rig rig = new Rig(TestDatabases.H2, AddressPolicy.allowing(List.of("127.0.0.1")), engine())) {
            UUID id = rig.submitUrls(media.url("/slow/video.mp4"), media.url("/audio.wav"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (rig.store.get(id).orElseThrow().status() != RequestStatus.PROCESSING) {
                assertTrue(System.nanoTime() < deadline, "never started");
                Thread.sleep(20);
            }
            long stopStart = System.nanoTime();
            rig.queue.stop(); // grace 1 s, then cancelled while still downloading
            assertTrue(Duration.ofNanos(System.nanoTime() - stopStart).toSeconds() < 6, "stop returned promptly");
            LipsyncRequest handedBack = rig.store.get(id).orElseThrow();
            assertEquals(RequestStatus.QUEUED, handedBack.status());
            assertEquals(0, handedBack.attempts(), "a start cut short by shutdown is not an attempt");
            assertEquals(1, rig.jobRows(), "the job is still in the queue");

            JobQueue next = new JobQueue(rig.settings);
            RequestStore nextStore = new RequestStore(rig.db, next);
            RemoteMediaFetcher fetcher = new RemoteMediaFetcher(AddressPolicy.allowing(List.of("127.0.0.1")),
                    FetchLimits.defaults());
            next.start(rig.db.dataSource(), new RequestProcessor(nextStore, rig.storage, fetcher, engine(), rig.settings, Clock.systemUTC()));
            try {
                rig.awaitFinished(id);
            } finally {
                next.stop();
            }
            LipsyncRequest r = rig.store.get(id).orElseThrow();
            assertEquals(NOT_A_VIDEO, r.errorMessage());
            assertEquals(1, r.attempts());
        }
    }
}
