package dev.lipsync.server.http;

import static dev.lipsync.server.http.TestServer.error;
import static dev.lipsync.server.http.TestServer.generateBody;
import static dev.lipsync.server.http.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lipsync.server.db.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API contract over real HTTP against a real server and database: every documented
 * status and error string, the seeds' JSON shapes, pagination, lookup, idempotency, quota,
 * and a corpus of bad input that must never give a 5xx or leave rows behind. Runs once per
 * database (subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiContractSuite {

    static final int MAX_UPLOAD = 256 * 1024;
    static final int MAX_JSON = 16 * 1024;

    TestServer s;
    Path dataDir;
    String key;

    abstract TestDatabases database();

    /** {@code dir}: JUnit's, removed after the class (a folder of our own was left behind by each run). */
    @BeforeAll
    void startServer(@TempDir Path dir) throws Exception {
        dataDir = dir;
        s = new TestServer(database(), dataDir, Map.of(
                "LIPSYNC_MAX_UPLOAD_BYTES", Integer.toString(MAX_UPLOAD),
                "LIPSYNC_MAX_JSON_BYTES", Integer.toString(MAX_JSON),
                "LIPSYNC_RATE_GENERATE_PER_MINUTE", "100000",
                "LIPSYNC_RATE_READ_PER_MINUTE", "100000"));
        key = s.newAccountKey("my laptop", null);
    }

    @AfterAll
    void stopServer() {
        s.close();
    }

    // --- health, users/me, auth ---

    @Test
    void healthNeedsNoKeyUnderBothPrefixes() throws Exception {
        for (String path : List.of("/health", "/api/health")) {
            HttpResponse<String> r = s.get(path, null);
            assertEquals(200, r.statusCode(), path);
            assertEquals("{\"status\":\"ok\"}", r.body());
            assertJson(r);
        }
    }

    @Test
    void usersMeAnswersTheKeysDisplayName() throws Exception {
        for (String path : List.of("/v1/users/me", "/api/v1/users/me")) {
            HttpResponse<String> r = s.get(path, key);
            assertEquals(200, r.statusCode());
            assertEquals("{\"name\":\"my laptop\"}", r.body());
        }
    }

    @Test
    void everyAuthenticationFailureHasItsExactString() throws Exception {
        String path = "/api/v1/lipsync/requests";
        assertAuthError(HttpRequest.newBuilder(uri(path)), "missing authorization header");
        assertAuthError(HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic dXNlcjpwYXNz"),
                "invalid authorization format");
        assertAuthError(HttpRequest.newBuilder(uri(path)).header("Authorization", "Token " + key),
                "invalid authorization format");
        assertAuthError(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer"), "missing token");
        assertAuthError(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer   "), "missing token");
        assertAuthError(HttpRequest.newBuilder(uri(path)).header("x-api-key", ""), "missing token");
        assertAuthError(HttpRequest.newBuilder(uri(path)).header("x-api-key", "not-a-key"), "invalid token");
        assertAuthError(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer sk-123"), "invalid token");
        assertAuthError(HttpRequest.newBuilder(uri(path)).header("x-api-key", "lsk_" + "A".repeat(40)), "unauthorized");
        String revoked = s.newAccountKey("revoked", null);
        assertEquals(200, s.get(path, revoked).statusCode());
        s.server.accounts().revokeKey(revoked);
        Thread.sleep(Auth.CACHE_TTL.toMillis() + 200);
        assertAuthError(HttpRequest.newBuilder(uri(path)).header("x-api-key", revoked), "unauthorized");

        HttpResponse<String> bearer = s.send(HttpRequest.newBuilder(uri("/v1/users/me")).header("Authorization", "Bearer " + key));
        assertEquals(200, bearer.statusCode(), "Bearer works as well as x-api-key");
        // every authenticated endpoint checks
        for (HttpRequest.Builder b : List.of(
                HttpRequest.newBuilder(uri("/v1/lipsync/generate")).POST(HttpRequest.BodyPublishers.ofString(generateBody(null))),
                HttpRequest.newBuilder(uri("/v1/lipsync/generate-with-media")).POST(HttpRequest.BodyPublishers.noBody()),
                HttpRequest.newBuilder(uri("/v1/lipsync/requests/" + UUID.randomUUID())),
                HttpRequest.newBuilder(uri("/v1/users/me")))) {
            assertAuthError(b, "missing authorization header");
        }
    }

    // --- generate from URLs ---

    @Test
    void generateAcceptsAndTheRequestIsQueuedWithSeedFieldsOnly() throws Exception {
        HttpResponse<String> r = s.postJson("/api/v1/lipsync/generate", key, generateBody("dub-episode-42"));
        assertEquals(200, r.statusCode(), r.body());
        assertJson(r);
        JsonNode body = json(r);
        assertEquals(List.of("status", "request_id"), fieldNames(body), "field order as in the seeds");
        assertEquals("success", body.get("status").asText());
        String id = body.get("request_id").asText();
        assertEquals(UUID.fromString(id).toString(), id);

        HttpResponse<String> got = s.get("/v1/lipsync/requests/" + id, key);
        assertEquals(200, got.statusCode());
        JsonNode req = json(got);
        assertEquals(List.of("id", "reference_id", "status", "created_at"), fieldNames(req), got.body());
        assertEquals(id, req.get("id").asText());
        assertEquals("dub-episode-42", req.get("reference_id").asText());
        assertEquals("queued", req.get("status").asText());
        assertTrue(req.get("created_at").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"), got.body());
    }

    @Test
    void generateAcceptsInputsInAnyOrderAndTheFlag() throws Exception {
        HttpResponse<String> r = s.postJson("/v1/lipsync/generate", key,
                "{\"inputs\":[{\"type\":\"audio\",\"url\":\"http://a.example/x.wav\"},"
                        + "{\"type\":\"video\",\"url\":\"https://v.example/x.mp4\"}],"
                        + "\"disable_active_speaker_detection\":true,\"unknown_field\":{\"x\":[1,2]}}");
        assertEquals(200, r.statusCode(), r.body());
        UUID id = UUID.fromString(json(r).get("request_id").asText());
        var stored = s.server.store().get(id).orElseThrow();
        assertTrue(stored.disableActiveSpeakerDetection());
        assertEquals("https://v.example/x.mp4", stored.videoUrl());
        assertEquals("http://a.example/x.wav", stored.audioUrl());
        assertEquals(null, stored.referenceId());
        assertFalse(json(s.get("/v1/lipsync/requests/" + id, key)).has("reference_id"), "absent, not null");
    }

    @Test
    void generateErrorsHaveTheirExactStrings() throws Exception {
        long before = s.countRows("lipsync_requests");
        String p = "/v1/lipsync/generate";
        HttpResponse<String> noType = s.send(HttpRequest.newBuilder(uri(p)).header("x-api-key", key)
                .POST(HttpRequest.BodyPublishers.ofString(generateBody(null))));
        assertError(noType, 400, "content-type must be application/json");
        HttpResponse<String> textPlain = s.send(HttpRequest.newBuilder(uri(p)).header("x-api-key", key)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(generateBody(null))));
        assertError(textPlain, 400, "content-type must be application/json");
        assertError(s.postJson(p, key, "{\"inputs\": ["), 400, "invalid request body");
        assertError(s.postJson(p, key, "[]"), 400, "invalid request body");
        assertError(s.postJson(p, key, "{}"), 400, "invalid request body");
        assertError(s.postJson(p, key, "{\"inputs\":[]}"), 400, "expected exactly one video input");
        assertError(s.postJson(p, key, "{\"inputs\":[{\"type\":\"audio\",\"url\":\"https://x/a\"}]}"), 400,
                "expected exactly one video input");
        assertError(s.postJson(p, key, "{\"inputs\":[{\"type\":\"video\",\"url\":\"https://x/v\"}]}"), 400,
                "expected exactly one audio input");
        assertError(s.postJson(p, key, "{\"inputs\":[{\"type\":\"video\",\"url\":\"https://x/v\"},"
                + "{\"type\":\"video\",\"url\":\"https://x/v\"},{\"type\":\"audio\",\"url\":\"https://x/a\"}]}"), 400,
                "expected exactly one video input");
        assertError(s.postJson(p, key, "{\"inputs\":[{\"type\":\"video\",\"url\":\"https://x/v\"},"
                + "{\"type\":\"audio\",\"url\":\"https://x/a\"},{\"type\":\"audio\",\"url\":\"https://x/a\"}]}"), 400,
                "expected exactly one audio input");
        assertError(s.postJson(p, key, "{\"inputs\":[{\"type\":\"image\",\"url\":\"https://x/v\"},"
                + "{\"type\":\"audio\",\"url\":\"https://x/a\"}]}"), 400, "input type must be \"video\" or \"audio\"");
        assertEquals(before, s.countRows("lipsync_requests"), "no rows from rejected calls");
    }

    // --- generate with media ---

    @Test
    void uploadIsStoredDurablyAndQueued() throws Exception {
        byte[] video = "not really a video, judged later by content".getBytes();
        byte[] audio = new byte[100_000];
        audio[7] = 42;
        HttpResponse<String> r = s.postMultipart("/api/v1/lipsync/generate-with-media", key, new TestServer.Multipart()
                .file("video", "clip.mp4", video).file("audio", "dub.wav", audio)
                .field("model", "lipsync-2").field("reference_id", "upload-demo-01")
                .field("disable_active_speaker_detection", "true").build());
        assertEquals(200, r.statusCode(), r.body());
        UUID id = UUID.fromString(json(r).get("request_id").asText());
        var stored = s.server.store().get(id).orElseThrow();
        assertEquals("upload-demo-01", stored.referenceId());
        assertTrue(stored.disableActiveSpeakerDetection());
        assertEquals(video.length, s.server.storage().size(stored.videoKey()));
        assertEquals(audio.length, s.server.storage().size(stored.audioKey()));
        try (var in = s.server.storage().open(stored.audioKey())) {
            assertEquals(java.util.Arrays.hashCode(audio), java.util.Arrays.hashCode(in.readAllBytes()));
        }
        assertEquals("queued", json(s.get("/v1/lipsync/requests/upload-demo-01", key)).get("status").asText());
    }

    @Test
    void uploadErrorsHaveTheirExactStringsAndLeaveNothingBehind() throws Exception {
        long rows = s.countRows("lipsync_requests");
        long files = storedFiles();
        String p = "/v1/lipsync/generate-with-media";
        byte[] v = "video".getBytes();
        byte[] a = "audio".getBytes();
        assertError(s.postJson(p, key, generateBody(null)), 400, "content-type must be multipart/form-data");
        assertError(s.postMultipart(p, key, new TestServer.Multipart().file("audio", "a.wav", a).build()), 400,
                "video file is required");
        assertError(s.postMultipart(p, key, new TestServer.Multipart().file("video", "v.mp4", v).build()), 400,
                "audio file is required");
        assertError(s.postMultipart(p, key, new TestServer.Multipart().file("video", "v.mp4", v).file("audio", "a.wav", a)
                .field("model", "lipsync-1").build()), 400, "model must be \"lipsync-2\"");
        assertError(s.postMultipart(p, key, new TestServer.Multipart().file("video", "v.mp4", new byte[0])
                .file("audio", "a.wav", a).build()), 400, "video file is empty");
        assertError(s.postMultipart(p, key, new TestServer.Multipart().file("video", "v.mp4", v)
                .file("audio", "a.wav", new byte[0]).build()), 400, "audio file is empty");
        assertError(s.postMultipart(p, key, new TestServer.Multipart().file("video", "v.mp4", v).file("audio", "a.wav", a)
                .field("disable_active_speaker_detection", "maybe").build()), 400,
                "disable_active_speaker_detection must be true or false");
        HttpResponse<String> huge = s.postMultipart(p, key, new TestServer.Multipart()
                .file("video", "v.mp4", new byte[MAX_UPLOAD + 1]).file("audio", "a.wav", a).build());
        assertEquals(413, huge.statusCode(), huge.body());
        assertJson(huge);
        assertEquals(rows, s.countRows("lipsync_requests"));
        assertEquals(files, storedFiles(), "no stored media from rejected uploads");
    }

    // --- lookup ---

    @Test
    void lookupByReferenceIdReturnsTheMostRecentAndOtherAccountsSeeNothing() throws Exception {
        String ref = "batch-" + UUID.randomUUID();
        String first = requestId(s.postJson("/v1/lipsync/generate", key, generateBody(ref)));
        String second = requestId(s.postJson("/v1/lipsync/generate", key, generateBody(ref)));
        assertNotEquals(first, second);
        assertEquals(second, json(s.get("/v1/lipsync/requests/" + ref, key)).get("id").asText());
        assertEquals(first, json(s.get("/v1/lipsync/requests/" + first, key)).get("id").asText());

        String other = s.newAccountKey("other", null);
        assertError(s.get("/v1/lipsync/requests/" + first, other), 404, "lipsync request not found");
        assertError(s.get("/v1/lipsync/requests/" + ref, other), 404, "lipsync request not found");
        assertEquals(0, json(s.get("/v1/lipsync/requests", other)).at("/pagination/total").asLong());
        assertError(s.get("/v1/lipsync/requests/" + UUID.randomUUID(), key), 404, "lipsync request not found");
        assertError(s.get("/v1/lipsync/requests/not-a-uuid-or-reference", key), 404, "lipsync request not found");
        assertError(s.get("/v1/lipsync/requests/%20", key), 404, "lipsync request not found");
    }

    // --- list ---

    @Test
    void listPagesInCreationOrderWithTotalsAndClampsTheLimit() throws Exception {
        String k = s.newAccountKey("lister", null);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(requestId(s.postJson("/v1/lipsync/generate", k, generateBody(i % 5 == 0 ? "five" : null))));
        }
        JsonNode first = json(s.get("/v1/lipsync/requests", k));
        assertEquals(List.of("data", "pagination"), fieldNames(first));
        assertEquals(List.of("limit", "offset", "total"), fieldNames(first.get("pagination")));
        assertEquals(20, first.at("/pagination/limit").asInt());
        assertEquals(0, first.at("/pagination/offset").asInt());
        assertEquals(25, first.at("/pagination/total").asInt());
        assertEquals(ids.subList(0, 20), idsOf(first));

        JsonNode second = json(s.get("/api/v1/lipsync/requests?limit=20&offset=20", k));
        assertEquals(ids.subList(20, 25), idsOf(second));
        assertEquals(25, second.at("/pagination/total").asInt());

        JsonNode clamped = json(s.get("/v1/lipsync/requests?limit=1000", k));
        assertEquals(100, clamped.at("/pagination/limit").asInt());
        assertEquals(25, clamped.get("data").size());

        JsonNode huge = json(s.get("/v1/lipsync/requests?limit=99999999999999999999999", k));
        assertEquals(100, huge.at("/pagination/limit").asInt());

        JsonNode page = json(s.get("/v1/lipsync/requests?limit=3&offset=4", k));
        assertEquals(ids.subList(4, 7), idsOf(page));
        assertEquals(3, page.at("/pagination/limit").asInt());
        assertEquals(4, page.at("/pagination/offset").asInt());

        JsonNode beyond = json(s.get("/v1/lipsync/requests?offset=1000", k));
        assertEquals(0, beyond.get("data").size());
        assertEquals(25, beyond.at("/pagination/total").asInt());

        JsonNode filtered = json(s.get("/v1/lipsync/requests?reference_id=five", k));
        assertEquals(5, filtered.at("/pagination/total").asInt());
        assertEquals(List.of(ids.get(0), ids.get(5), ids.get(10), ids.get(15), ids.get(20)), idsOf(filtered));

        for (String bad : List.of("limit=0", "limit=-1", "limit=abc", "limit=", "limit=1.5", "offset=-1",
                "offset=x", "offset=", "offset=1e3")) {
            HttpResponse<String> r = s.get("/v1/lipsync/requests?" + bad, k);
            assertEquals(400, r.statusCode(), bad + " -> " + r.body());
            assertJson(r);
            assertNotNull(error(r));
        }
    }

    // --- idempotency, quota ---

    @Test
    void idempotencyKeyReturnsTheFirstResponseAndCreatesNothingNew() throws Exception {
        String k = s.newAccountKey("idem", null);
        String idem = "retry-" + UUID.randomUUID();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/v1/lipsync/generate")).header("x-api-key", k)
                .header("Content-Type", "application/json").header("Idempotency-Key", idem)
                .POST(HttpRequest.BodyPublishers.ofString(generateBody(null)));
        HttpResponse<String> r1 = s.send(b);
        HttpResponse<String> r2 = s.send(b);
        assertEquals(200, r1.statusCode());
        assertEquals(r1.body(), r2.body());
        assertEquals(1, json(s.get("/v1/lipsync/requests", k)).at("/pagination/total").asInt());

        byte[] upload = new TestServer.Multipart().file("video", "v.mp4", "v".getBytes())
                .file("audio", "a.wav", "a".getBytes()).build();
        HttpRequest.Builder u = HttpRequest.newBuilder(uri("/v1/lipsync/generate-with-media")).header("x-api-key", k)
                .header("Content-Type", "multipart/form-data; boundary=" + TestServer.BOUNDARY)
                .header("Idempotency-Key", "upload-" + idem).POST(HttpRequest.BodyPublishers.ofByteArray(upload));
        HttpResponse<String> u1 = s.send(u);
        long files = storedFiles();
        HttpResponse<String> u2 = s.send(u);
        assertEquals(200, u1.statusCode(), u1.body());
        assertEquals(u1.body(), u2.body());
        assertEquals(2, json(s.get("/v1/lipsync/requests", k)).at("/pagination/total").asInt());
        assertEquals(files, storedFiles());

        String other = s.newAccountKey("other-idem", null);
        HttpResponse<String> r3 = s.send(b.copy().header("x-api-key", other).setHeader("x-api-key", other));
        assertEquals(200, r3.statusCode());
        assertNotEquals(r1.body(), r3.body(), "keys are per account");
    }

    @Test
    void exhaustedQuotaAnswers412() throws Exception {
        String k = s.newAccountKey("quota", 10.0);
        String id = requestId(s.postJson("/v1/lipsync/generate", k, generateBody(null)));
        UUID requestId = UUID.fromString(id);
        s.server.store().markProcessing(requestId, java.time.Instant.now());
        s.server.store().markCompleted(requestId, "outputs/x.mp4", 10.0, java.time.Instant.now());
        assertError(s.postJson("/v1/lipsync/generate", k, generateBody(null)), 412, "token limit reached");
        assertError(s.postMultipart("/v1/lipsync/generate-with-media", k, new TestServer.Multipart()
                .file("video", "v.mp4", "v".getBytes()).file("audio", "a.wav", "a".getBytes()).build()), 412,
                "token limit reached");
        assertEquals(200, s.get("/v1/lipsync/requests/" + id, k).statusCode(), "reads still work");
    }

    // --- routing errors, headers, metrics ---

    @Test
    void unknownRoutesAndWrongMethodsAnswerJson() throws Exception {
        HttpResponse<String> notFound = s.get("/v2/nothing", key);
        assertEquals(404, notFound.statusCode());
        assertJson(notFound);
        assertNotNull(error(notFound));
        HttpResponse<String> wrongMethod = s.send(HttpRequest.newBuilder(uri("/v1/lipsync/generate")).header("x-api-key", key));
        assertEquals(405, wrongMethod.statusCode());
        assertJson(wrongMethod);
        HttpResponse<String> delete = s.send(HttpRequest.newBuilder(uri("/v1/lipsync/requests/x")).DELETE().header("x-api-key", key));
        assertTrue(delete.statusCode() == 405 || delete.statusCode() == 404);
        assertJson(delete);
        for (String target : List.of("/v1/lipsync/requests/%zz", "/v1/lipsync/requests/%", "/%2e%2e/%2e%2e/etc/passwd")) {
            String raw = s.raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nx-api-key: " + key + "\r\nConnection: close\r\n\r\n");
            assertTrue(raw.startsWith("HTTP/1.1 4"), raw);
            assertTrue(raw.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"), raw);
            assertTrue(raw.contains("{\"error\":"), raw);
        }
    }

    @Test
    void everyResponseCarriesARequestIdAndMetricsCountThem() throws Exception {
        HttpResponse<String> r = s.get("/health", null);
        assertTrue(r.headers().firstValue("X-Request-Id").isPresent());
        HttpResponse<String> echoed = s.send(HttpRequest.newBuilder(uri("/health")).header("X-Request-Id", "abc-123"));
        assertEquals("abc-123", echoed.headers().firstValue("X-Request-Id").orElse(""));
        HttpResponse<String> m = s.get("/metrics", null);
        assertEquals(200, m.statusCode());
        assertTrue(m.body().contains("lipsync_http_requests_seconds_count"), m.body());
        assertTrue(m.body().contains("lipsync_queue_depth"));
    }

    // --- bad input corpus ---

    @Test
    void badInputNeverGives5xxNorLeavesRows() throws Exception {
        long rows = s.countRows("lipsync_requests");
        long files = storedFiles();
        List<HttpRequest.Builder> corpus = new ArrayList<>();
        String g = "/v1/lipsync/generate";
        String m = "/v1/lipsync/generate-with-media";
        for (String body : List.of("", " ", "null", "true", "1", "\"x\"", "{", "}", "{\"inputs\":null}",
                "{\"inputs\":{}}", "{\"inputs\":\"video\"}", "{\"inputs\":[1,2]}", "{\"inputs\":[null,null]}",
                "{\"inputs\":[{\"type\":1,\"url\":\"https://x\"},{\"type\":\"audio\",\"url\":\"https://x\"}]}",
                "{\"inputs\":[{\"type\":\"video\",\"url\":1},{\"type\":\"audio\",\"url\":\"https://x/a\"}]}",
                "{\"inputs\":[{\"type\":\"video\"},{\"type\":\"audio\",\"url\":\"https://x/a\"}]}",
                "{\"inputs\":[{\"type\":\"video\",\"url\":\"ftp://x/v\"},{\"type\":\"audio\",\"url\":\"https://x/a\"}]}",
                "{\"inputs\":[{\"type\":\"video\",\"url\":\"/local/file\"},{\"type\":\"audio\",\"url\":\"https://x/a\"}]}",
                "{\"inputs\":[{\"type\":\"video\",\"url\":\"file:///etc/passwd\"},{\"type\":\"audio\",\"url\":\"https://x/a\"}]}",
                "{\"inputs\":[{\"type\":\"video\",\"url\":\"https://x/v\"},{\"type\":\"audio\",\"url\":\"https://x/a\"}],\"reference_id\":5}",
                "{\"inputs\":[{\"type\":\"video\",\"url\":\"https://x/v\"},{\"type\":\"audio\",\"url\":\"https://x/a\"}],\"reference_id\":\"" + "r".repeat(256) + "\"}",
                "{\"inputs\":[{\"type\":\"video\",\"url\":\"https://x/v\"},{\"type\":\"audio\",\"url\":\"https://x/a\"}],\"disable_active_speaker_detection\":\"yes\"}",
                "{\"inputs\":[{\"type\":\"video\",\"url\":\"https://x/v\"},{\"type\":\"audio\",\"url\":\"https://x/a\"}]} trailing",
                "[".repeat(5000), "{\"a\":\"\\ud800\"", "\u0000\u0001\u0002",
                "{\"inputs\":[{\"type\":\"video\",\"url\":\"https://x/" + "v".repeat(MAX_JSON) + "\"}]}")) {
            corpus.add(HttpRequest.newBuilder(uri(g)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }
        corpus.add(HttpRequest.newBuilder(uri(g)).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<x/>")));
        corpus.add(HttpRequest.newBuilder(uri(g)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[MAX_JSON * 4])));
        // multipart: malformed, no boundary, wrong boundary, truncated, huge, text fields only
        corpus.add(HttpRequest.newBuilder(uri(m)).header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("garbage")));
        corpus.add(HttpRequest.newBuilder(uri(m)).header("Content-Type", "multipart/form-data; boundary=zzz")
                .POST(HttpRequest.BodyPublishers.ofString("garbage")));
        byte[] good = new TestServer.Multipart().file("video", "v.mp4", "v".getBytes()).file("audio", "a.wav", "a".getBytes()).build();
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 20);
        corpus.add(HttpRequest.newBuilder(uri(m)).header("Content-Type", "multipart/form-data; boundary=" + TestServer.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(truncated)));
        corpus.add(HttpRequest.newBuilder(uri(m)).header("Content-Type", "multipart/form-data; boundary=" + TestServer.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new TestServer.Multipart().field("video", "")
                        .field("audio", "").build())));
        corpus.add(HttpRequest.newBuilder(uri(m)).header("Content-Type", "multipart/form-data; boundary=" + TestServer.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new TestServer.Multipart().file("video", "v", "v".getBytes())
                        .file("audio", "a", new byte[MAX_UPLOAD * 2]).build())));
        corpus.add(HttpRequest.newBuilder(uri(m)).header("Content-Type", "multipart/form-data; boundary=" + TestServer.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new TestServer.Multipart().file("video", "v", "v".getBytes())
                        .file("audio", "a", "a".getBytes()).field("reference_id", "r".repeat(300)).build())));
        corpus.add(HttpRequest.newBuilder(uri(m)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(good)));
        // ids and queries
        for (String path : List.of("/v1/lipsync/requests/" + "x".repeat(300), "/v1/lipsync/requests/00000000-0000-0000-0000-00000000000g",
                "/v1/lipsync/requests/1-1-1-1-1", "/v1/lipsync/requests/%00", "/v1/lipsync/requests/..%2F..%2Fetc",
                "/v1/lipsync/requests?limit=%00", "/v1/lipsync/requests?offset=99999999999999999999999999",
                "/v1/lipsync/requests?reference_id=" + "r".repeat(300), "/v1/lipsync/requests?limit=1&limit=2")) {
            corpus.add(HttpRequest.newBuilder(uri(path)));
        }
        Iterator<HttpRequest.Builder> it = corpus.iterator();
        int n = 0;
        while (it.hasNext()) {
            HttpRequest.Builder b = it.next().header("x-api-key", key);
            HttpResponse<String> r = s.send(b);
            String what = b.build().method() + " " + b.build().uri();
            assertTrue(r.statusCode() < 500, what + " -> " + r.statusCode() + " " + r.body());
            assertJson(r);
            assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), what + " leaks: " + r.body());
            n++;
        }
        assertTrue(n > 40);
        assertEquals(rows, s.countRows("lipsync_requests"), "no rows from bad input");
        assertEquals(files, storedFiles(), "no stored media from bad input");
        try (Stream<Path> temp = Files.list(dataDir.resolve("tmp").resolve("multipart"))) {
            assertEquals(List.of(), temp.toList(), "no multipart temporary files left");
        }
    }

    // --- helpers ---

    URI uri(String path) {
        return URI.create(s.base + path);
    }

    void assertAuthError(HttpRequest.Builder b, String expected) throws Exception {
        HttpResponse<String> r = s.send(b);
        assertError(r, 401, expected);
    }

    static void assertError(HttpResponse<String> r, int status, String message) throws Exception {
        assertEquals(status, r.statusCode(), r.request().uri() + " -> " + r.body());
        assertJson(r);
        assertEquals("{\"error\":" + TestServer.JSON.writeValueAsString(message) + "}", r.body());
    }

    static void assertJson(HttpResponse<String> r) {
        String ct = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(ct.startsWith("application/json"), r.request().uri() + " content type " + ct + ": " + r.body());
    }

    static String requestId(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return json(r).get("request_id").asText();
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> idsOf(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(d -> ids.add(d.get("id").asText()));
        return ids;
    }

    long storedFiles() throws Exception {
        Path media = dataDir.resolve("media");
        if (!Files.exists(media)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(media)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
