package dev.lipsync.sdk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.sdk.client.ChamelaionClient;
import dev.lipsync.sdk.core.RequestOptions;
import dev.lipsync.sdk.errors.AuthenticationException;
import dev.lipsync.sdk.errors.BadRequestException;
import dev.lipsync.sdk.errors.NotFoundException;
import dev.lipsync.sdk.errors.RateLimitException;
import dev.lipsync.sdk.errors.TokenLimitException;
import dev.lipsync.sdk.models.LipsyncGenerate;
import dev.lipsync.sdk.models.LipsyncGenerateParams;
import dev.lipsync.sdk.models.LipsyncGenerateStatus;
import dev.lipsync.sdk.models.LipsyncGenerateWithMediaParams;
import dev.lipsync.sdk.models.LipsyncModel;
import dev.lipsync.sdk.models.LipsyncRequest;
import dev.lipsync.sdk.models.LipsyncRequestListPage;
import dev.lipsync.sdk.models.LipsyncRequestListParams;
import dev.lipsync.sdk.models.LipsyncRequestStatus;
import dev.lipsync.sdk.models.MediaFile;
import dev.lipsync.server.LipsyncServer;
import dev.lipsync.server.accounts.Accounts;
import dev.lipsync.server.config.ServerConfig;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK against the real server (branch server, started in-process on an H2 file, no workers, so
 * requests stay queued): every call of the SDK over real HTTP, every error type the server can be
 * made to give, paging across pages, uploads from each source.
 */
class RealServerTest {
    @TempDir
    static Path dataDir;

    static LipsyncServer server;
    static String base;
    static String key;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("LIPSYNC_DATA_DIR", dataDir.toString());
        settings.put("LIPSYNC_PORT", "0");
        settings.put("LIPSYNC_HOST", "127.0.0.1");
        settings.put("LIPSYNC_WORKERS", "0");
        settings.put("LIPSYNC_METRICS", "false");
        server = LipsyncServer.start(ServerConfig.from(settings));
        base = "http://127.0.0.1:" + server.port();
        key = newKey("SDK test key", null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String newKey(String name, Double tokenLimit) throws Exception {
        Accounts accounts = server.accounts();
        Accounts.Account a = accounts.createAccount("sdk-" + UUID.randomUUID(), tokenLimit);
        return accounts.createKey(a.id(), name).key();
    }

    static ChamelaionClient client(String apiKey) {
        return ChamelaionClient.builder().baseUrl(base + "/api").apiKey(apiKey)
                .initialRetryDelay(Duration.ofMillis(20)).maxRetryDelay(Duration.ofMillis(100)).build();
    }

    static LipsyncGenerateParams urls(String referenceId) {
        LipsyncGenerateParams.Builder b = LipsyncGenerateParams.builder()
                .videoUrl("https://cdn.example.com/episodes/42.mp4")
                .audioUrl("https://cdn.example.com/dubs/42-japanese.wav");
        return referenceId == null ? b.build() : b.referenceId(referenceId).build();
    }

    @Test
    void healthAndWhoami() {
        try (ChamelaionClient c = client(key)) {
            assertTrue(c.health().check().isOk());
            assertEquals("SDK test key", c.users().getCurrent().name());
        }
        try (ChamelaionClient c = ChamelaionClient.builder().baseUrl(base).bearerToken(key).build()) {
            assertEquals("SDK test key", c.users().getCurrent().name(), "without /api and with Bearer");
        }
    }

    @Test
    void generateThenGetByIdAndByReference() {
        try (ChamelaionClient c = client(key)) {
            LipsyncGenerate g = c.lipsync().generate(urls("sdk-ref-1"));
            assertEquals(LipsyncGenerateStatus.SUCCESS, g.status());
            LipsyncRequest r = c.lipsync().requests().get(g.requestId());
            assertEquals(LipsyncRequestStatus.QUEUED, r.status());
            assertEquals("sdk-ref-1", r.referenceId().orElseThrow());
            r.createdAt();
            assertEquals(g.requestId(), c.lipsync().requests().get("sdk-ref-1").id());
        }
    }

    @Test
    void theSameIdempotencyKeyCreatesOneRequest() {
        try (ChamelaionClient c = client(key)) {
            RequestOptions once = RequestOptions.builder().idempotencyKey("sdk-" + UUID.randomUUID()).build();
            String first = c.lipsync().generate(urls(null), once).requestId();
            assertEquals(first, c.lipsync().generate(urls(null), once).requestId());
            assertNotEquals(first, c.lipsync().generate(urls(null)).requestId());
        }
    }

    @Test
    void uploadsFromAPathBytesAndAStream(@TempDir Path dir) throws Exception {
        byte[] video = new byte[3_000_000];
        new Random(1).nextBytes(video);
        Path file = dir.resolve("clip.mp4");
        Files.write(file, video);
        try (ChamelaionClient c = client(key)) {
            List<LipsyncGenerateWithMediaParams> forms = List.of(
                    LipsyncGenerateWithMediaParams.builder().video(file).audio(MediaFile.of(new byte[4000], "a.wav"))
                            .model(LipsyncModel.LIPSYNC_2).referenceId("sdk-upload-path").build(),
                    LipsyncGenerateWithMediaParams.builder().video(MediaFile.of(video, "v.mp4"))
                            .audio(MediaFile.of(new byte[4000], "a.wav")).disableActiveSpeakerDetection(true).build(),
                    LipsyncGenerateWithMediaParams.builder()
                            .video(MediaFile.of(new ByteArrayInputStream(video), "v.mp4"))
                            .audio(MediaFile.of(new ByteArrayInputStream(new byte[4000]), 4000, "a.wav", null)).build());
            for (LipsyncGenerateWithMediaParams form : forms) {
                String id = c.lipsync().generateWithMedia(form).requestId();
                assertEquals(LipsyncRequestStatus.QUEUED, c.lipsync().requests().get(id).status());
            }
            BadRequestException model = assertThrows(BadRequestException.class, () -> c.lipsync().generateWithMedia(
                    LipsyncGenerateWithMediaParams.builder().model(LipsyncModel.of("lipsync-1"))
                            .video(MediaFile.of(video, "v.mp4")).audio(MediaFile.of(new byte[10], "a.wav")).build()));
            assertEquals("model must be \"lipsync-2\"", model.error().orElseThrow());
        }
    }

    @Test
    void pagingWalksEveryPageInCreationOrder() throws Exception {
        String own = newKey("pager", null);
        try (ChamelaionClient c = client(own)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 23; i++) {
                ids.add(c.lipsync().generate(urls(i % 2 == 0 ? "even" : "odd")).requestId());
            }
            LipsyncRequestListPage first = c.lipsync().requests().list(LipsyncRequestListParams.builder().limit(5).build());
            assertEquals(5, first.data().size());
            assertEquals(23, first.pagination().total());
            assertEquals(ids, first.stream().map(LipsyncRequest::id).toList());
            List<String> evens = c.lipsync().requests().list(LipsyncRequestListParams.builder().referenceId("even")
                    .limit(4).build()).stream().map(LipsyncRequest::id).toList();
            assertEquals(12, evens.size());
            assertEquals(100, c.lipsync().requests().list(LipsyncRequestListParams.builder().limit(1000).build())
                    .pagination().limit());
        }
    }

    @Test
    void everyErrorType() throws Exception {
        try (ChamelaionClient c = client(key)) {
            BadRequestException bad = assertThrows(BadRequestException.class, () -> c.lipsync().generate(
                    LipsyncGenerateParams.builder().videoUrl("https://a.example/v.mp4").build()));
            assertEquals("expected exactly one audio input", bad.error().orElseThrow());
            NotFoundException missing = assertThrows(NotFoundException.class,
                    () -> c.lipsync().requests().get(UUID.randomUUID().toString()));
            assertEquals("lipsync request not found", missing.error().orElseThrow());
        }
        String other = newKey("other", null);
        String mine;
        try (ChamelaionClient c = client(key)) {
            mine = c.lipsync().generate(urls(null)).requestId();
        }
        try (ChamelaionClient c = client(other)) {
            assertThrows(NotFoundException.class, () -> c.lipsync().requests().get(mine), "another account's id is not found");
        }
        for (String[] auth : new String[][] {{null, "missing authorization header"}, {"", "missing token"},
                {"nope", "invalid token"}}) {
            try (ChamelaionClient c = client(auth[0])) {
                AuthenticationException e = assertThrows(AuthenticationException.class, () -> c.users().getCurrent());
                assertEquals(auth[1], e.error().orElseThrow());
            }
        }
        String revokedLooking = key.substring(0, key.length() - 4) + (key.endsWith("aaaa") ? "bbbb" : "aaaa");
        try (ChamelaionClient c = client(revokedLooking)) {
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> c.users().getCurrent());
            assertEquals("unauthorized", e.error().orElseThrow());
        }
        try (ChamelaionClient c = client(newKey("broke", 0.0))) {
            TokenLimitException e = assertThrows(TokenLimitException.class, () -> c.lipsync().generate(urls(null)));
            assertEquals("token limit reached", e.error().orElseThrow());
        }
    }

    @Test
    void theCommandLineAgainstTheRealServer(@TempDir Path dir) throws Exception {
        String own = newKey("cli key", null);
        Map<String, String> env = Map.of("CHAMELAION_API_KEY", own, "CHAMELAION_BASE_URL", base + "/api");
        assertEquals(List.of("0", "ok"), cli(env, "health"));
        assertEquals(List.of("0", "cli key"), cli(env, "whoami"));
        List<String> generated = cli(env, "generate", "--video", "https://cdn.example.com/v.mp4",
                "--audio", "https://cdn.example.com/a.wav", "--reference-id", "cli-ref");
        assertEquals("0", generated.get(0));
        String id = generated.get(1);
        List<String> got = cli(env, "get", "cli-ref");
        assertEquals("0", got.get(0));
        assertTrue(got.contains("id: " + id), got.toString());
        assertTrue(got.contains("status: queued"), got.toString());

        Path video = dir.resolve("talk.mp4");
        Files.write(video, new byte[200_000]);
        List<String> uploaded = cli(env, "generate", "--video", video.toString(), "--audio", video.toString());
        assertEquals("0", uploaded.get(0));
        List<String> all = cli(env, "list", "--all", "--limit", "1");
        assertEquals("0", all.get(0));
        assertEquals(4, all.size(), "exit code, header and two rows, one page each: " + all);
        assertTrue(all.get(2).startsWith(id + " "), all.toString());
        assertTrue(all.get(3).startsWith(uploaded.get(1) + " "), all.toString());

        assertEquals("4", cli(env, "get", "no-such-reference").get(0));
        assertEquals("3", cli(Map.of("CHAMELAION_API_KEY", "nope", "CHAMELAION_BASE_URL", base), "whoami").get(0));
    }

    /** Runs the command line in-process; returns the exit code, then the stdout lines. */
    private static List<String> cli(Map<String, String> env, String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(new java.io.ByteArrayOutputStream());
        int code = dev.lipsync.sdk.cli.Main.run(args, env, new java.io.PrintStream(out, true), err, false);
        List<String> result = new ArrayList<>();
        result.add(Integer.toString(code));
        result.addAll(out.toString().lines().toList());
        return result;
    }

    @Test
    void rateLimitAfterRetries() throws Exception {
        String limited = newKey("limited", null);
        try (ChamelaionClient c = client(limited).withOptions(o -> o.maxRetries(0))) {
            RateLimitException e = null;
            for (int i = 0; i < 200 && e == null; i++) {
                try {
                    c.lipsync().generate(urls(null));
                } catch (RateLimitException hit) {
                    e = hit;
                }
            }
            assertTrue(e != null, "60 generations a minute is the default limit");
            assertEquals("rate limit exceeded", e.error().orElseThrow());
            assertTrue(e.retryAfter().isPresent(), "429 carries Retry-After");
            assertFalse(e.retryAfter().orElseThrow().isNegative());
        }
    }
}
