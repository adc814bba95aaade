package dev.lipsync.sdk.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.sdk.client.ChamelaionClient;
import dev.lipsync.sdk.core.RequestOptions;
import dev.lipsync.sdk.errors.BadRequestException;
import dev.lipsync.sdk.errors.ChamelaionIoException;
import dev.lipsync.sdk.errors.ChamelaionTimeoutException;
import dev.lipsync.sdk.errors.InternalServerException;
import dev.lipsync.sdk.errors.RateLimitException;
import dev.lipsync.sdk.models.LipsyncGenerateParams;
import dev.lipsync.sdk.models.LipsyncGenerateWithMediaParams;
import dev.lipsync.sdk.models.MediaFile;
import dev.lipsync.sdk.testing.ContractServer;
import dev.lipsync.sdk.testing.ContractServer.Fault;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults a real server will not produce on demand: 503 then success, Retry-After, stalls, refused and reset connections. */
class RetriesTest {
    private static final LipsyncGenerateParams PARAMS = LipsyncGenerateParams.builder()
            .videoUrl("https://a.example/v.mp4").audioUrl("https://a.example/a.wav").build();

    private ContractServer server;
    private ChamelaionClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ContractServer();
        client = ChamelaionClient.builder().baseUrl(server.baseUrl()).apiKey(ContractServer.KEY)
                .initialRetryDelay(Duration.ofMillis(20)).maxRetryDelay(Duration.ofMillis(80)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void serviceUnavailableThenSuccess() {
        server.addFault(Fault.status(503, "internal error"));
        assertEquals(ContractServer.KEY_NAME, client.users().getCurrent().name());
        assertEquals(2, server.seen("/users/me").size());
    }

    @Test
    void retriedPostKeepsItsIdempotencyKeyAndCreatesOneRequest() {
        server.addFault(Fault.status(502, null).on("/generate"));
        server.addFault(Fault.status(409, null).on("/generate"));
        String id = client.lipsync().generate(PARAMS).requestId();
        List<ContractServer.Seen> attempts = server.seen("/generate");
        assertEquals(3, attempts.size());
        String key = attempts.get(0).header("Idempotency-Key");
        assertTrue(key != null && !key.isBlank());
        attempts.forEach(a -> assertEquals(key, a.header("Idempotency-Key")));
        assertEquals(1, server.requestCount());
        assertEquals(id, client.lipsync().requests().get(id).id());
    }

    @Test
    void callerChosenIdempotencyKeyMakesARepeatReturnTheFirstAnswer() {
        RequestOptions once = RequestOptions.builder().idempotencyKey("order-77").build();
        String first = client.lipsync().generate(PARAMS, once).requestId();
        String again = client.lipsync().generate(PARAMS, once).requestId();
        assertEquals(first, again);
        assertEquals(1, server.requestCount());
        assertEquals("order-77", server.seen("/generate").get(1).header("Idempotency-Key"));
    }

    @Test
    void retryAfterIsHonoured() {
        server.addFault(Fault.status(429, "rate limit exceeded").withHeader("Retry-After", "1"));
        client.users().getCurrent();
        List<ContractServer.Seen> attempts = server.seen("/users/me");
        assertEquals(2, attempts.size());
        Duration gap = Duration.between(attempts.get(0).at(), attempts.get(1).at());
        assertTrue(gap.toMillis() >= 950, "waited only " + gap.toMillis() + " ms of the 1 s asked for");
    }

    @Test
    void aRetryAfterBeyondAMinuteIsNotWaitedFor() {
        server.addFault(Fault.status(429, "rate limit exceeded").withHeader("Retry-After", "3600"));
        RateLimitException e = assertThrows(RateLimitException.class, () -> client.users().getCurrent());
        assertEquals(Duration.ofHours(1), e.retryAfter().orElseThrow());
        assertEquals(1, server.seen("/users/me").size());
    }

    @Test
    void retriesStopAfterTheConfiguredNumber() {
        for (int i = 0; i < 6; i++) {
            server.addFault(Fault.status(503, null));
        }
        assertThrows(InternalServerException.class, () -> client.users().getCurrent());
        assertEquals(3, server.seen("/users/me").size(), "1 attempt + 2 retries by default");

        try (ChamelaionClient none = ChamelaionClient.builder().baseUrl(server.baseUrl()).apiKey(ContractServer.KEY)
                .maxRetries(0).build()) {
            assertThrows(InternalServerException.class, () -> none.users().getCurrent());
        }
        assertEquals(4, server.seen("/users/me").size());
        assertThrows(InternalServerException.class,
                () -> client.users().getCurrent(RequestOptions.builder().maxRetries(1).build()));
        assertEquals(6, server.seen("/users/me").size());
    }

    @Test
    void clientErrorsAreNeverRetried() {
        server.addFault(Fault.status(400, "invalid request body"));
        assertThrows(BadRequestException.class, () -> client.lipsync().generate(PARAMS));
        assertEquals(1, server.seen("/generate").size());
    }

    @Test
    void aStalledServerTimesOutAndIsRetried() {
        server.addFault(Fault.stall(Duration.ofSeconds(3)));
        server.addFault(Fault.stall(Duration.ofSeconds(3)));
        try (ChamelaionClient impatient = ChamelaionClient.builder().baseUrl(server.baseUrl()).apiKey(ContractServer.KEY)
                .timeout(Duration.ofMillis(300)).maxRetries(1).initialRetryDelay(Duration.ofMillis(10)).build()) {
            ChamelaionTimeoutException e = assertThrows(ChamelaionTimeoutException.class, () -> impatient.users().getCurrent());
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        }
        assertEquals(2, server.seen("/users/me").size());
    }

    @Test
    void aStalledAnswerWithinTheTimeoutIsFine() {
        server.addFault(Fault.status(200, null).withBody("{\"name\":\"slow\"}"));
        assertEquals("slow", client.users().getCurrent(RequestOptions.builder().timeout(Duration.ofSeconds(5)).build()).name());
    }

    @Test
    void connectionRefusedIsAnIoExceptionNotAStatus() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (ChamelaionClient c = ChamelaionClient.builder().baseUrl("http://127.0.0.1:" + port + "/api")
                .apiKey(ContractServer.KEY).initialRetryDelay(Duration.ofMillis(10)).build()) {
            ChamelaionIoException e = assertThrows(ChamelaionIoException.class, () -> c.users().getCurrent());
            assertTrue(e.getMessage().startsWith("GET http://127.0.0.1:" + port + "/api/v1/users/me failed: cannot connect"), e.getMessage());
        }
    }

    @Test
    void connectionsDroppedBeforeAnAnswerAreRetried() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (true) {
                    try (Socket c = s.accept()) {
                        accepted.incrementAndGet();
                        c.getInputStream().read(); // take the request's first byte, then hang up
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            try (ChamelaionClient c = ChamelaionClient.builder().baseUrl("http://127.0.0.1:" + s.getLocalPort())
                    .apiKey(ContractServer.KEY).initialRetryDelay(Duration.ofMillis(10)).build()) {
                // A POST: the JDK's own one-time retry of idempotent requests on a dropped connection does not apply.
                ChamelaionIoException e = assertThrows(ChamelaionIoException.class, () -> c.lipsync().generate(PARAMS));
                assertTrue(!(e instanceof ChamelaionTimeoutException), e.toString());
                assertEquals(3, accepted.get(), "1 attempt + 2 retries");
                accepted.set(0);
                assertThrows(ChamelaionIoException.class, () -> c.users().getCurrent());
                int gets = accepted.get();
                assertTrue(gets == 3 || gets == 6, "GET: 3 attempts, each possibly repeated once by the JDK: " + gets);
            }
        }
    }

    @Test
    void anUploadFromAFileIsResentWholeOnRetry(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("clip.mp4");
        byte[] content = new byte[300_000];
        new java.util.Random(1).nextBytes(content);
        Files.write(video, content);
        server.addFault(Fault.status(503, null).on("/generate-with-media"));
        client.lipsync().generateWithMedia(LipsyncGenerateWithMediaParams.builder()
                .video(video).audio(MediaFile.of(new byte[] {1, 2, 3}, "a.wav")).build());
        List<ContractServer.Seen> attempts = server.seen("/generate-with-media");
        assertEquals(2, attempts.size());
        assertEquals(attempts.get(0).header("Idempotency-Key"), attempts.get(1).header("Idempotency-Key"));
        assertEquals(300_000, attempts.get(1).part("video").size());
    }

    @Test
    void anUploadFromAStreamIsNotRetriedOnceRead() {
        server.addFault(Fault.status(503, "internal error").on("/generate-with-media"));
        InternalServerException e = assertThrows(InternalServerException.class, () -> client.lipsync().generateWithMedia(
                LipsyncGenerateWithMediaParams.builder()
                        .video(MediaFile.of(new ByteArrayInputStream(new byte[5000]), "v.mp4"))
                        .audio(MediaFile.of(new byte[10], "a.wav")).build()));
        assertEquals(503, e.statusCode());
        assertEquals(1, server.seen("/generate-with-media").size());
        assertInstanceOf(InternalServerException.class, e);
    }
}
