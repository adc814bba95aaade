package dev.lipsync.sdk.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.sdk.client.ChamelaionClient;
import dev.lipsync.sdk.core.RequestOptions;
import dev.lipsync.sdk.errors.BadRequestException;
import dev.lipsync.sdk.errors.ChamelaionIoException;
import dev.lipsync.sdk.models.LipsyncGenerateWithMediaParams;
import dev.lipsync.sdk.models.LipsyncModel;
import dev.lipsync.sdk.models.LipsyncRequest;
import dev.lipsync.sdk.models.MediaFile;
import dev.lipsync.sdk.testing.ContractServer;
import dev.lipsync.sdk.testing.MultipartReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes over the wire for generate-with-media, read back by a streaming multipart parser. */
class MultipartUploadTest {
    private ContractServer server;
    private ChamelaionClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ContractServer();
        client = ChamelaionClient.builder().baseUrl(server.baseUrl()).apiKey(ContractServer.KEY)
                .initialRetryDelay(Duration.ofMillis(20)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void partsFromAPathAndBytesCarryNamesFilenamesAndOctetStream(@TempDir Path dir) throws Exception {
        byte[] video = random(1_234_567, 1);
        byte[] audio = random(54_321, 2);
        Path videoFile = dir.resolve("episode 42.mp4");
        Files.write(videoFile, video);
        String id = client.lipsync().generateWithMedia(LipsyncGenerateWithMediaParams.builder()
                .video(videoFile)
                .audio(MediaFile.of(audio, "42-japanese.wav"))
                .model(LipsyncModel.LIPSYNC_2)
                .referenceId("upload-demo-01")
                .disableActiveSpeakerDetection(true)
                .build()).requestId();

        ContractServer.Seen s = server.seen("/generate-with-media").get(0);
        assertTrue(s.header("Content-Type").startsWith("multipart/form-data; boundary="));
        assertTrue(s.header("Idempotency-Key") != null);
        assertEquals(List.of("model", "reference_id", "disable_active_speaker_detection", "video", "audio"),
                s.parts().stream().map(MultipartReader.Part::name).toList(), "small fields first, then the files");
        assertEquals("lipsync-2", s.part("model").text());
        assertEquals("upload-demo-01", s.part("reference_id").text());
        assertEquals("true", s.part("disable_active_speaker_detection").text());

        MultipartReader.Part v = s.part("video");
        assertEquals("episode 42.mp4", v.filename());
        assertEquals("application/octet-stream", v.contentType());
        assertEquals(video.length, v.size());
        assertEquals(sha256(video), v.sha256());
        MultipartReader.Part a = s.part("audio");
        assertEquals("42-japanese.wav", a.filename());
        assertEquals(sha256(audio), a.sha256());

        long expectedLength = Long.parseLong(s.header("Content-Length"));
        assertTrue(expectedLength > video.length + audio.length, "a body of known parts has a Content-Length");
        assertNull(s.header("Transfer-Encoding"));

        LipsyncRequest r = client.lipsync().requests().get(id);
        assertEquals("upload-demo-01", r.referenceId().orElseThrow());
    }

    @Test
    void aStreamOfUnknownLengthGoesOutChunked() throws Exception {
        byte[] video = random(700_000, 3);
        client.lipsync().generateWithMedia(LipsyncGenerateWithMediaParams.builder()
                .video(MediaFile.of(new ByteArrayInputStream(video), "v.mp4"))
                .audio(MediaFile.of(new ByteArrayInputStream(new byte[] {9, 9}), 2, "a.wav", "audio/wav"))
                .build());
        ContractServer.Seen s = server.seen("/generate-with-media").get(0);
        assertEquals("chunked", s.header("Transfer-Encoding"));
        assertEquals(sha256(video), s.part("video").sha256());
        assertEquals("audio/wav", s.part("audio").contentType());
        assertEquals(2, s.part("audio").size());
    }

    @Test
    void theBodyIsStreamedNotBufferedBeforeSending() {
        // The video stream hands out 2 MiB, then refuses to go on until the server has received 1 MiB of it.
        // A client that read the whole file before sending would never get past the gate.
        CountDownLatch serverHasOneMiB = new CountDownLatch(1);
        server.onUploadProgress(n -> {
            if (n >= (1 << 20)) {
                serverHasOneMiB.countDown();
            }
        });
        long total = 6L << 20;
        InputStream gated = new InputStream() {
            long produced;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (produced >= total) {
                    return -1;
                }
                if (produced >= (2 << 20)) {
                    try {
                        if (!serverHasOneMiB.await(20, TimeUnit.SECONDS)) {
                            throw new IOException("the server saw nothing while the client read 2 MiB: the body is buffered");
                        }
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                int n = (int) Math.min(len, total - produced);
                produced += n;
                return n;
            }
        };
        client.lipsync().generateWithMedia(LipsyncGenerateWithMediaParams.builder()
                .video(MediaFile.of(gated, total, "big.mp4", null))
                .audio(MediaFile.of(new byte[100], "a.wav")).build());
        assertEquals(total, server.seen("/generate-with-media").get(0).part("video").size());
    }

    @Test
    void aLargeFileArrivesIntactAndProgressIsReported(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.mp4");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = Files.newOutputStream(big)) {
            Random rnd = new Random(7);
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 24; i++) {
                rnd.nextBytes(chunk);
                sha.update(chunk);
                out.write(chunk);
            }
        }
        List<long[]> progress = new CopyOnWriteArrayList<>();
        client.lipsync().generateWithMedia(LipsyncGenerateWithMediaParams.builder().video(big)
                        .audio(MediaFile.of(new byte[10], "a.wav")).build(),
                RequestOptions.builder().uploadListener((sent, total) -> progress.add(new long[] {sent, total})).build());
        MultipartReader.Part v = server.seen("/generate-with-media").get(0).part("video");
        assertEquals(24L << 20, v.size());
        assertEquals(HexFormat.of().formatHex(sha.digest()), v.sha256());

        long[] last = progress.getLast();
        assertEquals(last[1], last[0], "progress ends at the body's full length");
        assertTrue(last[1] > 24L << 20);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i)[0] >= progress.get(i - 1)[0]);
        }
    }

    @Test
    void quotesAndLineBreaksInFilenamesCannotBreakTheForm() {
        client.lipsync().generateWithMedia(LipsyncGenerateWithMediaParams.builder()
                .video(MediaFile.of(new byte[] {1}, "a\"b\r\nc.mp4"))
                .audio(MediaFile.of(new byte[] {2}, "ü.wav")).build());
        ContractServer.Seen s = server.seen("/generate-with-media").get(0);
        assertEquals("a%22b%0D%0Ac.mp4", s.part("video").filename());
        assertEquals("ü.wav", s.part("audio").filename());
        assertEquals(2, s.parts().size());
    }

    @Test
    void aMissingFileFailsBeforeAnythingIsSent(@TempDir Path dir) {
        ChamelaionIoException e = assertThrows(ChamelaionIoException.class, () -> client.lipsync().generateWithMedia(
                LipsyncGenerateWithMediaParams.builder().video(dir.resolve("nope.mp4"))
                        .audio(MediaFile.of(new byte[1], "a.wav")).build()));
        assertTrue(e.getMessage().contains("nope.mp4"), e.getMessage());
        assertTrue(server.seen().isEmpty());
    }

    @Test
    void aModelOtherThanLipsync2IsRejectedByTheServer() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> client.lipsync().generateWithMedia(
                LipsyncGenerateWithMediaParams.builder().model(LipsyncModel.of("lipsync-9"))
                        .video(MediaFile.of(new byte[1], "v.mp4")).audio(MediaFile.of(new byte[1], "a.wav")).build()));
        assertEquals("model must be \"lipsync-2\"", e.error().orElseThrow());
    }
}
