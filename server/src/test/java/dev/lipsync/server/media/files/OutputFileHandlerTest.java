package dev.lipsync.server.media.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.server.media.storage.LocalMediaStorage;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Javalin server on loopback serving files from a real local storage directory. */
class OutputFileHandlerTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();

    @TempDir
    Path dir;

    private Javalin app;
    private SignedOutputUrls urls;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-04-07T10:00:00Z"));
    private final byte[] video = new byte[1_000_000];
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        new Random(3).nextBytes(video);
        LocalMediaStorage storage = new LocalMediaStorage(dir.resolve("media"));
        storage.put("outputs/r1.mp4", new ByteArrayInputStream(video), Long.MAX_VALUE);
        storage.put("uploads/r1/video", new ByteArrayInputStream(video), Long.MAX_VALUE);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        app = Javalin.create();
        int port = 0;
        app.start("127.0.0.1", port);
        urls = new SignedOutputUrls("http://127.0.0.1:" + app.port(), SECRET, Duration.ofHours(1), clock);
        OutputFileHandler handler = new OutputFileHandler(storage, urls);
        app.get("/v1/files/<key>", handler);
        app.head("/v1/files/<key>", handler);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<byte[]> get(String url, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String body(HttpResponse<byte[]> r) {
        return new String(r.body());
    }

    @Test
    void downloadsTheWholeFileLikeCurl() throws Exception {
        HttpResponse<byte[]> r = get(urls.urlFor("outputs/r1.mp4").orElseThrow(), null);
        assertEquals(200, r.statusCode());
        assertEquals("video/mp4", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("bytes", r.headers().firstValue("Accept-Ranges").orElseThrow());
        assertEquals(Long.toString(video.length), r.headers().firstValue("Content-Length").orElseThrow());
        assertArrayEquals(video, r.body());
    }

    @Test
    void servesByteRanges() throws Exception {
        String url = urls.urlFor("outputs/r1.mp4").orElseThrow();
        HttpResponse<byte[]> r = get(url, "bytes=1000-1999");
        assertEquals(206, r.statusCode());
        assertEquals("bytes 1000-1999/1000000", r.headers().firstValue("Content-Range").orElseThrow());
        assertEquals("1000", r.headers().firstValue("Content-Length").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(video, 1000, 2000), r.body());

        HttpResponse<byte[]> tail = get(url, "bytes=-10");
        assertEquals(206, tail.statusCode());
        assertEquals("bytes 999990-999999/1000000", tail.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(video, 999_990, 1_000_000), tail.body());

        HttpResponse<byte[]> open = get(url, "bytes=999000-");
        assertArrayEquals(Arrays.copyOfRange(video, 999_000, 1_000_000), open.body());
    }

    @Test
    void rangePastTheEndIs416() throws Exception {
        HttpResponse<byte[]> r = get(urls.urlFor("outputs/r1.mp4").orElseThrow(), "bytes=2000000-");
        assertEquals(416, r.statusCode());
        assertEquals("bytes */1000000", r.headers().firstValue("Content-Range").orElseThrow());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
    }

    @Test
    void headAnswersHeadersWithoutBody() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(urls.urlFor("outputs/r1.mp4")
                .orElseThrow())).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals(Long.toString(video.length), r.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(0, r.body().length);
    }

    @Test
    void badSignatureIs403() throws Exception {
        String url = urls.urlFor("outputs/r1.mp4").orElseThrow();
        HttpResponse<byte[]> r = get(url.replace("sig=", "sig=x"), null);
        assertEquals(403, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        assertEquals("{\"error\":\"invalid or missing signature\"}", body(r));
        assertEquals(403, get(url.substring(0, url.indexOf('?')), null).statusCode(), "unsigned");
    }

    @Test
    void expiredLinkIs410() throws Exception {
        String url = urls.urlFor("outputs/r1.mp4").orElseThrow();
        now.set(now.get().plus(Duration.ofHours(2)));
        HttpResponse<byte[]> r = get(url, null);
        assertEquals(410, r.statusCode());
        assertTrue(body(r).startsWith("{\"error\":\"this link has expired"), body(r));
        assertEquals(200, get(urls.urlFor("outputs/r1.mp4").orElseThrow(), null).statusCode(), "a fresh URL works");
    }

    @Test
    void servesOnlyOutputsEvenWhenSigned() throws Exception {
        assertEquals(403, get(urls.urlFor("uploads/r1/video").orElseThrow(), null).statusCode());
    }

    @Test
    void missingObjectIs404() throws Exception {
        HttpResponse<byte[]> r = get(urls.urlFor("outputs/gone.mp4").orElseThrow(), null);
        assertEquals(404, r.statusCode());
        assertEquals("{\"error\":\"file not found\"}", body(r));
    }
}
