package dev.lipsync.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipsync.server.LipsyncServer;
import dev.lipsync.server.ServerMain;
import dev.lipsync.server.accounts.Accounts;
import dev.lipsync.server.config.ServerConfig;
import dev.lipsync.server.db.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker killed with SIGKILL mid-job loses nothing: separate JVMs run {@link ServerMain}
 * against one PostgreSQL database; the first is killed while downloading a slow input, and a
 * second picks the job up once the first one's lease has run out.
 */
class WorkerCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void jobOfAKilledWorkerIsRunAgainByAnotherInstance() throws Exception {
        Map<String, String> shared = new HashMap<>(TestDatabases.POSTGRES.freshSettings(dir.resolve("data")));
        Map<String, String> apiOnly = new HashMap<>(shared);
        apiOnly.put("LIPSYNC_WORKERS", "0");
        Map<String, String> worker = new HashMap<>(shared);
        worker.put("LIPSYNC_WORKERS", "1");
        worker.put("LIPSYNC_JOB_POLL_MILLIS", "100");
        worker.put("LIPSYNC_JOB_HEARTBEAT_SECONDS", "1");
        worker.put("LIPSYNC_JOB_MISSED_HEARTBEATS", "4"); // a lease lasts 4 s without heartbeat
        worker.put("LIPSYNC_FETCH_ALLOW", "127.0.0.1");

        try (MediaServer media = new MediaServer(new byte[400_000], 60.0);
             LipsyncServer api = LipsyncServer.start(ServerConfig.from(apiOnly))) {
            Accounts accounts = api.accounts();
            String key = accounts.createKey(accounts.createAccount("crash", null).id(), "test").key();
            String id = generate(api.baseUrl(), key, media.url("/slow/video.mp4"), media.url("/audio.wav"));

            Process first = startWorker(worker, dir.resolve("first.log"));
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (!(status(api.baseUrl(), key, id).equals("processing") && media.hits.get() >= 1)) {
                    assertTrue(first.isAlive(), "first worker died on its own: " + log(dir.resolve("first.log")));
                    assertTrue(System.nanoTime() < deadline, "first worker never started the job");
                    Thread.sleep(50);
                }
                Thread.sleep(500); // mid-download
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no hand-back
                first.waitFor(30, TimeUnit.SECONDS);
            }
            assertEquals("processing", status(api.baseUrl(), key, id), "the dead worker's job is still claimed");

            Process second = startWorker(worker, dir.resolve("second.log"));
            try {
                List<String> seen = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                JsonNode r;
                while (true) {
                    r = request(api.baseUrl(), key, id);
                    String s = r.get("status").asText();
                    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(s)) {
                        seen.add(s);
                    }
                    if (s.equals("failed") || s.equals("completed")) {
                        break;
                    }
                    assertTrue(second.isAlive(), "second worker died: " + log(dir.resolve("second.log")));
                    assertTrue(System.nanoTime() < deadline, "not finished; seen " + seen + "\n"
                            + log(dir.resolve("second.log")));
                    Thread.sleep(100);
                }
                assertEquals(JobQueueTest.NOT_A_VIDEO, r.get("error_message").asText(), r.toString());
                assertEquals(2, api.store().get(UUID.fromString(id)).orElseThrow().attempts(),
                        "started once by each worker");
                assertTrue(media.hits.get() >= 3, "the video was fetched again (and the audio once)");
            } finally {
                second.destroy(); // SIGTERM: graceful
                if (!second.waitFor(60, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            }
        }
    }

    private static Process startWorker(Map<String, String> settings, Path logFile) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), ServerMain.class.getName());
        pb.environment().keySet().removeIf(k -> k.startsWith("LIPSYNC_"));
        pb.environment().putAll(settings);
        pb.environment().put("LIPSYNC_PORT", "0");
        pb.redirectErrorStream(true).redirectOutput(logFile.toFile());
        return pb.start();
    }

    private String generate(String base, String key, String videoUrl, String audioUrl) throws Exception {
        String body = "{\"inputs\":[{\"type\":\"video\",\"url\":\"" + videoUrl + "\"},{\"type\":\"audio\",\"url\":\""
                + audioUrl + "\"}]}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/lipsync/generate"))
                .header("x-api-key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("request_id").asText();
    }

    private JsonNode request(String base, String key, String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/lipsync/requests/" + id))
                .header("x-api-key", key).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private String status(String base, String key, String id) throws Exception {
        return request(base, key, id).get("status").asText();
    }

    private static String log(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(no log)";
        } catch (java.io.IOException e) {
            return "(unreadable log)";
        }
    }

}
