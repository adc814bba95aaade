package dev.lipsync.server.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipsync.server.LipsyncServer;
import dev.lipsync.server.accounts.Accounts;
import dev.lipsync.server.config.ServerConfig;
import dev.lipsync.server.db.TestDatabases;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole server (HTTP API, database, job queue, workers, fetcher, file route) over real
 * HTTP, on H2 and PostgreSQL; and a worker process killed with SIGKILL mid-job.
 */
class ServerJobsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] MEDIA = new byte[200_000];

    static {
        new Random(11).nextBytes(MEDIA);
    }

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private static Map<String, String> fastJobs() {
        Map<String, String> s = new HashMap<>();
        s.put("LIPSYNC_WORKERS", "1");
        s.put("LIPSYNC_JOB_POLL_MILLIS", "100");
        s.put("LIPSYNC_JOB_HEARTBEAT_SECONDS", "1");
        s.put("LIPSYNC_JOB_MISSED_HEARTBEATS", "4");
        s.put("LIPSYNC_SHUTDOWN_GRACE_SECONDS", "1");
        s.put("LIPSYNC_FETCH_ALLOW", "127.0.0.1");
        return s;
    }

    private LipsyncServer start(TestDatabases kind, Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(kind.freshSettings(dir.resolve("data")));
        settings.putAll(extra);
        return LipsyncServer.start(ServerConfig.from(settings));
    }

    private static String newKey(LipsyncServer server) throws Exception {
        Accounts accounts = server.accounts();
        return accounts.createKey(accounts.createAccount("acct-" + UUID.randomUUID(), null).id(), "test").key();
    }

    private String generate(LipsyncServer server, String key, String videoUrl, String audioUrl) throws Exception {
        String body = "{\"inputs\":[{\"type\":\"video\",\"url\":\"" + videoUrl + "\"},{\"type\":\"audio\",\"url\":\""
                + audioUrl + "\"}]}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/lipsync/generate"))
                .header("x-api-key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("request_id").asText();
    }

    private JsonNode request(String baseUrl, String key, String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/lipsync/requests/" + id))
                .header("x-api-key", key).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** Polls the API until the request is finished; returns the statuses seen on the way and the last body. */
    private List<String> awaitFinished(String baseUrl, String key, String id, Duration limit, JsonNode[] last)
            throws Exception {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode r = request(baseUrl, key, id);
            String status = r.get("status").asText();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
            }
            if (status.equals("completed") || status.equals("failed")) {
                last[0] = r;
                return seen;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("request " + id + " not finished; statuses seen: " + seen);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void generatedRequestGoesQueuedProcessingFailedOverHttp(TestDatabases kind) throws Exception {
        Map<String, String> settings = fastJobs();
        settings.put("LIPSYNC_JOB_POLL_MILLIS", "1000"); // leaves the request queued long enough to see, usually
        try (MediaServer media = new MediaServer(MEDIA, 1.0); LipsyncServer server = start(kind, settings)) {
            String key = newKey(server);
            String id = generate(server, key, media.url("/slow/video.mp4"), media.url("/audio.wav"));
            JsonNode[] last = new JsonNode[1];
            List<String> seen = awaitFinished(server.baseUrl(), key, id, Duration.ofSeconds(30), last);
            // a worker may claim the job before the first GET; every other status must be seen in order
            assertTrue(seen.equals(List.of("queued", "processing", "failed"))
                    || seen.equals(List.of("processing", "failed")), seen.toString());
            assertEquals(JobQueueTest.NOT_A_VIDEO, last[0].get("error_message").asText());
            assertTrue(last[0].has("started_at") && last[0].has("finished_at"), last[0].toString());
            assertFalse(last[0].has("output_url"), "no output for a failed request");
            assertEquals(2, media.hits.get(), "both inputs fetched from the allow-listed local server");
            String metrics = "";
            for (int i = 0; i < 100 && !metrics.contains("outcome=\"failed\""); i++) { // recorded just after the update
                Thread.sleep(i == 0 ? 0 : 50);
                metrics = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }
            assertTrue(metrics.contains("lipsync_job_duration_seconds_count{outcome=\"failed\"} 1"), metrics);
            assertTrue(metrics.contains("lipsync_jobs_running"), metrics);
        }
    }

    @Test
    void forbiddenUrlFailsWithTheCustomerMessageOverHttp() throws Exception {
        Map<String, String> noAllowList = fastJobs();
        noAllowList.remove("LIPSYNC_FETCH_ALLOW");
        try (MediaServer media = new MediaServer(MEDIA, 0); LipsyncServer server = start(TestDatabases.H2, noAllowList)) {
            String key = newKey(server);
            String metadata = generate(server, key, "http://169.254.169.254/latest/meta-data/", media.url("/a.wav"));
            String loopback = generate(server, key, media.url("/video.mp4"), media.url("/audio.wav"));
            JsonNode[] last = new JsonNode[1];
            awaitFinished(server.baseUrl(), key, metadata, Duration.ofSeconds(30), last);
            assertEquals("video URL points to a forbidden address", last[0].get("error_message").asText());
            awaitFinished(server.baseUrl(), key, loopback, Duration.ofSeconds(30), last);
            assertEquals("video URL points to a forbidden address", last[0].get("error_message").asText());
            assertEquals(0, media.hits.get());
        }
    }

    @Test
    void completedRequestHandsOutASignedUrlServedWithRanges() throws Exception {
        Map<String, String> noWorkers = new HashMap<>(Map.of("LIPSYNC_WORKERS", "0"));
        try (LipsyncServer server = start(TestDatabases.H2, noWorkers)) {
            String key = newKey(server);
            String id = generate(server, key, "https://cdn.example.com/v.mp4", "https://cdn.example.com/a.wav");
            // stands in for a worker with a working engine: the store's own lifecycle calls
            UUID uuid = UUID.fromString(id);
            server.storage().put(RequestProcessor.outputKey(uuid), new ByteArrayInputStream(MEDIA), Long.MAX_VALUE);
            assertTrue(server.store().markProcessing(uuid, Instant.now()));
            assertTrue(server.store().markCompleted(uuid, RequestProcessor.outputKey(uuid), 3.0, Instant.now()));

            JsonNode r = request(server.baseUrl(), key, id);
            assertEquals("completed", r.get("status").asText());
            String url = r.get("output_url").asText();
            assertTrue(url.startsWith(server.baseUrl() + "/v1/files/outputs/" + id + ".mp4?expires="), url);

            HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, whole.statusCode());
            assertEquals("video/mp4", whole.headers().firstValue("Content-Type").orElseThrow());
            assertArrayEquals(MEDIA, whole.body());

            HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=100-199")
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, part.statusCode());
            assertArrayEquals(Arrays.copyOfRange(MEDIA, 100, 200), part.body());

            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(url.replace("sig=", "sig=A")))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, forged.statusCode());
            String apiUrl = url.replace(server.baseUrl() + "/v1/", server.baseUrl() + "/api/v1/");
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(apiUrl)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), "also under /api");
        }
    }
}
