package dev.lipsync.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipsync.sdk.testing.ContractServer;
import dev.lipsync.sdk.testing.ContractServer.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chamelaion command line, run in-process against the contract stand-in: output, exit codes, one-line errors. */
class CliTest {
    private ContractServer server;
    private final Map<String, String> env = new HashMap<>();

    record Result(int code, String out, String err) {
        String line() {
            return out.strip();
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new ContractServer();
        env.put("CHAMELAION_API_KEY", ContractServer.KEY);
        env.put("CHAMELAION_BASE_URL", server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Result run(boolean interactive, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), interactive);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result run(String... args) {
        return run(false, args);
    }

    private static void assertOneLineError(Result r, int code, String contains) {
        assertEquals(code, r.code(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(contains), r.err());
    }

    @Test
    void healthNeedsNoKey() {
        env.remove("CHAMELAION_API_KEY");
        Result r = run("health");
        assertEquals(0, r.code());
        assertEquals("ok", r.line());
    }

    @Test
    void whoamiPrintsTheKeysName() {
        Result r = run("whoami");
        assertEquals(0, r.code(), r.err());
        assertEquals(ContractServer.KEY_NAME, r.line());
        assertEquals("", r.err());
    }

    @Test
    void optionsOnTheSubcommandOverrideTheEnvironment() {
        env.remove("CHAMELAION_API_KEY");
        env.put("CHAMELAION_BASE_URL", "http://127.0.0.1:9");
        Result r = run("whoami", "--base-url", server.baseUrl(""), "--api-key", ContractServer.KEY);
        assertEquals(0, r.code(), r.err());
        Result bearer = run("--base-url", server.baseUrl(), "--bearer-token", ContractServer.KEY, "whoami");
        assertEquals(0, bearer.code(), bearer.err());
        assertEquals("Bearer " + ContractServer.KEY, server.seen("/users/me").getLast().header("Authorization"));
    }

    @Test
    void generateFromUrlsPrintsTheIdOnly() {
        Result r = run("generate", "--video", "https://cdn.example.com/episodes/42.mp4",
                "--audio", "https://cdn.example.com/dubs/42-japanese.wav", "--reference-id", "dub-episode-42",
                "--no-active-speaker");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.line().matches("[0-9a-f-]{36}"), r.out());
        String body = new String(server.seen("/generate").get(0).body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"reference_id\":\"dub-episode-42\""), body);
        assertTrue(body.contains("\"disable_active_speaker_detection\":true"), body);

        Result get = run("get", "dub-episode-42");
        assertEquals(0, get.code());
        assertTrue(get.out().contains("id: " + r.line()), get.out());
        assertTrue(get.out().contains("status: queued"), get.out());
    }

    @Test
    void generateJsonPrintsTheApiAnswer() throws Exception {
        Result r = run("generate", "--video", "https://a.example/v.mp4", "--audio", "https://a.example/a.wav", "--json");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("success", json.get("status").asText());
        assertEquals(36, json.get("request_id").asText().length());
    }

    @Test
    void uploadWaitAndDownloadWithProgress(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("talk.mp4");
        Path audio = dir.resolve("dub.wav");
        byte[] v = new byte[2_000_000];
        new Random(3).nextBytes(v);
        Files.write(video, v);
        Files.write(audio, new byte[] {1, 2, 3, 4});
        byte[] mp4 = new byte[1_500_000];
        new Random(4).nextBytes(mp4);
        server.serveFile("result.mp4", mp4);
        server.finishAfterPolls(3, null);
        Path out = dir.resolve("out.mp4");

        Result r = run(true, "generate", "--video", video.toString(), "--audio", audio.toString(),
                "--download", out.toString(), "--poll-interval", "20ms");
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(mp4, Files.readAllBytes(out));
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("[0-9a-f-]{36}"), r.out());
        assertTrue(r.out().contains("status: completed"), r.out());
        assertTrue(r.out().contains("saved: " + out), r.out());
        assertTrue(r.err().contains("Uploading"), r.err());
        assertTrue(r.err().contains("Waiting"), r.err());
        assertTrue(r.err().contains("Downloading"), r.err());
        assertEquals("talk.mp4", server.seen("/generate-with-media").get(0).part("video").filename());
        assertEquals(v.length, server.seen("/generate-with-media").get(0).part("video").size());
    }

    @Test
    void getCanWaitAndDownloadLater(@TempDir Path dir) throws Exception {
        byte[] mp4 = {0, 0, 0, 24, 'f', 't', 'y', 'p'};
        server.serveFile("later.mp4", mp4);
        String id = run("generate", "--video", "https://a.example/v.mp4", "--audio", "https://a.example/a.wav",
                "--reference-id", "later").line();
        server.finishAfterPolls(2, null);
        Path out = dir.resolve("later.mp4");
        Result r = run("get", "later", "--download", out.toString(), "--poll-interval", "20ms", "--json");
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(mp4, Files.readAllBytes(out));
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(id, json.get("id").asText());
        assertEquals("completed", json.get("status").asText());
    }

    @Test
    void noProgressWhenNotATerminal(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("v.mp4");
        Files.write(f, new byte[100]);
        Result r = run("generate", "--video", f.toString(), "--audio", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
    }

    @Test
    void aFailedJobExitsTen() {
        server.finishAfterPolls(1, "no face found in the video");
        Result r = run("generate", "--video", "https://a.example/v.mp4", "--audio", "https://a.example/a.wav",
                "--wait", "--poll-interval", "20ms");
        assertOneLineError(r, ExitCode.JOB_FAILED, "failed: no face found in the video");
        assertTrue(r.out().contains("status: failed"), r.out());
    }

    @Test
    void waitingTooLongExitsEleven() {
        server.finishAfterPolls(1_000_000, null);
        Result r = run("generate", "--video", "https://a.example/v.mp4", "--audio", "https://a.example/a.wav",
                "--wait", "--wait-timeout", "200ms", "--poll-interval", "20ms");
        assertOneLineError(r, ExitCode.WAIT_TIMEOUT, "still processing");
    }

    @Test
    void anUnwritableDownloadTargetIsAUsageErrorBeforeAnythingStarts(@TempDir Path dir) {
        Result r = run("generate", "--video", "https://a.example/v.mp4", "--audio", "https://a.example/a.wav",
                "--download", dir.resolve("no/such/dir/out.mp4").toString());
        assertOneLineError(r, ExitCode.USAGE, "no such directory");
        assertTrue(server.seen().isEmpty());
    }

    @Test
    void listPrintsATableAndSaysWhenThereIsMore() {
        for (int i = 0; i < 25; i++) {
            server.seed(ContractServer.KEY, "batch-" + (i % 2), "completed");
        }
        Result page = run("list", "--limit", "10");
        assertEquals(0, page.code(), page.err());
        assertEquals(11, page.out().lines().count());
        assertTrue(page.out().startsWith("ID"), page.out());
        assertTrue(page.err().contains("showing 1-10 of 25; more with --offset 10 or --all"), page.err());

        Result all = run("list", "--all", "--limit", "7");
        assertEquals(26, all.out().lines().count());
        assertEquals("", all.err());

        Result filtered = run("list", "--reference-id", "batch-1", "--all", "--json");
        assertEquals(0, filtered.code());
        assertTrue(filtered.out().strip().startsWith("["));
        assertEquals(12, filtered.out().split("\"reference_id\" : \"batch-1\"").length - 1);
    }

    @Test
    void listJsonIsTheApiPage() throws Exception {
        server.seed(ContractServer.KEY, "x", "queued");
        JsonNode json = new ObjectMapper().readTree(run("list", "--json").out());
        assertEquals(1, json.get("pagination").get("total").asInt());
        assertEquals(20, json.get("pagination").get("limit").asInt());
        assertEquals("x", json.get("data").get(0).get("reference_id").asText());
    }

    @Test
    void exitCodesFollowTheStatus() {
        assertOneLineError(run("get", "missing"), ExitCode.NOT_FOUND, "not found: lipsync request not found (HTTP 404)");

        env.put("CHAMELAION_API_KEY", "chm_live_00000000000000000000000000000000");
        assertOneLineError(run("whoami"), ExitCode.AUTHENTICATION, "authentication failed: unauthorized (HTTP 401)");
        env.put("CHAMELAION_API_KEY", ContractServer.KEY);

        assertOneLineError(run("generate", "--video", "ftp://a/v.mp4", "--audio", "https://a/a.wav"), ExitCode.USAGE,
                "both be URLs or both be local files");
    }

    @Test
    void moreExitCodes() {
        server.exhaustTokens(true);
        assertOneLineError(run("generate", "--video", "https://a.example/v.mp4", "--audio", "https://a.example/a.wav"),
                ExitCode.TOKEN_LIMIT, "token limit reached");
        server.exhaustTokens(false);

        server.addFault(Fault.status(400, "invalid request body"));
        assertOneLineError(run("generate", "--video", "https://a.example/v.mp4", "--audio", "https://a.example/a.wav"),
                ExitCode.REJECTED, "request rejected: invalid request body (HTTP 400)");

        for (int i = 0; i < 3; i++) {
            server.addFault(Fault.status(429, "rate limit exceeded").withHeader("Retry-After", "0"));
        }
        assertOneLineError(run("whoami"), ExitCode.RATE_LIMITED, "rate limited: rate limit exceeded (HTTP 429)");

        server.addFault(Fault.status(503, "internal error"));
        assertOneLineError(run("whoami", "--max-retries", "0"), ExitCode.SERVER_ERROR, "server error: internal error (HTTP 503)");

        assertOneLineError(run("list", "--limit", "0"), ExitCode.USAGE, "limit must be at least 1");
        assertOneLineError(run("frobnicate"), ExitCode.USAGE, "Unmatched argument");
        assertOneLineError(run("generate", "--video", "/no/such/file.mp4", "--audio", "/no/such/a.wav"),
                ExitCode.USAGE, "cannot read video file /no/such/file.mp4: no such file");

        env.remove("CHAMELAION_API_KEY");
        assertOneLineError(run("list"), ExitCode.USAGE, "no API key");
    }

    @Test
    void networkFailuresExitNine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Result r = run("health", "--base-url", "http://127.0.0.1:" + port, "--max-retries", "0");
        assertOneLineError(r, ExitCode.NETWORK, "cannot connect");

        server.addFault(Fault.stall(java.time.Duration.ofSeconds(2)));
        assertOneLineError(run("whoami", "--timeout", "200ms", "--max-retries", "0"), ExitCode.NETWORK, "timed out");
    }

    /** Help for a subcommand is shown, not refused for the options it requires. */
    @Test
    void everySubcommandHasHelp() {
        for (String[] args : new String[][] {{"generate", "--help"}, {"help", "generate"}, {"get", "-h"}}) {
            Result r = run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: chamelaion " + args[args[0].equals("help") ? 1 : 0]), r.out());
        }
        assertTrue(run("generate", "--help").out().contains("--video=URL|FILE"));
        assertTrue(run("help").out().contains("Commands:"));
        assertEquals("chamelaion " + dev.lipsync.sdk.core.ClientOptions.SDK_VERSION, run("list", "--version").line());
    }

    @Test
    void aBadBaseUrlIsAUsageError() {
        assertOneLineError(run("health", "--base-url", "ftp://x"), ExitCode.USAGE, "base URL must be an absolute http or https URL");
        assertFalse(run("--help").out().isEmpty());
        assertEquals(0, run("--version").code());
        assertEquals(ExitCode.USAGE, run().code());
    }
}
