package dev.lipsync.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.ProgressListener;
import dev.lipsync.engine.media.VideoFrames;
import dev.lipsync.engine.media.VideoInfo;
import dev.lipsync.engine.pipeline.PassThrough;
import dev.lipsync.engine.pipeline.TwoPassPipeline;
import dev.lipsync.server.db.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.lipsync.engine.bench.FfmpegProgram;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A customer's whole round trip with real media: upload a talking-head clip and another
 * person's speech, a worker runs the engine, the request completes, and the video behind
 * {@code output_url} has the new audio's length, the input's picture above the mouth, and a
 * re-rendered lower face (compared with a pass-through render of the same inputs).
 */
class LipSyncedRequestTest {
    private static final double AUDIO_SECONDS = 3.0;

    @TempDir
    Path dir;

    @Test
    void uploadedClipCompletesWithALipSyncedVideo() throws Exception {
        Path shared = Path.of(System.getProperty("lipsync.shared.dir", "../shared"), "media");
        Path video = shared.resolve("video/man_en.mp4");
        Path speech = shared.resolve("audio/de.wav");
        assumeTrue(Files.isRegularFile(video) && Files.isRegularFile(speech),
                "skipped: needs the shared media (" + shared.toAbsolutePath() + "), which is absent");
        Path audio = dir.resolve("de_3s.wav");
        ffmpeg("-i", speech.toString(), "-t", String.valueOf(AUDIO_SECONDS), audio.toString());

        try (TestServer s = new TestServer(TestDatabases.H2, dir.resolve("data"),
                Map.of("LIPSYNC_WORKERS", "1", "LIPSYNC_JOB_POLL_MILLIS", "100"))) {
            String key = s.newAccountKey("dubbing", null);
            HttpResponse<String> created = s.postMultipart("/api/v1/lipsync/generate-with-media", key,
                    new TestServer.Multipart()
                            .file("video", "talk.mp4", Files.readAllBytes(video))
                            .file("audio", "dub.wav", Files.readAllBytes(audio))
                            .field("reference_id", "episode-7-de")
                            .build());
            assertEquals(200, created.statusCode(), created.body());

            JsonNode done = awaitFinished(s, key, "episode-7-de");
            assertEquals("completed", done.get("status").asText(), done.toString());
            assertFalse(done.has("error_message"), done.toString());

            HttpResponse<Path> download = s.http.send(HttpRequest.newBuilder(URI.create(done.get("output_url").asText()))
                    .GET().build(), HttpResponse.BodyHandlers.ofFile(dir.resolve("output.mp4")));
            assertEquals(200, download.statusCode());
            Path output = download.body();

            VideoInfo in = VideoFrames.probe(video);
            VideoInfo out = VideoFrames.probe(output);
            assertEquals(in.width(), out.width());
            assertEquals(in.height(), out.height());
            assertEquals(in.frameRate(), out.frameRate(), 0.01);
            assertEquals(AUDIO_SECONDS, out.durationSeconds(), 0.1);

            Path passed = dir.resolve("passed.mp4");
            new TwoPassPipeline(new PassThrough()).run(video, audio, passed, ProgressListener.NONE, new Cancellation());
            FrameComparison c = FrameComparison.of(output, passed);
            assertTrue(c.topFifthPsnr() > 40, "above the mouth only encoder noise: " + c);
            assertTrue(c.framesWithChangedLowerFace() > c.frames() / 2, "the mouth is re-rendered: " + c);

            JsonNode listed = TestServer.json(s.get("/v1/lipsync/requests?reference_id=episode-7-de", key));
            assertEquals(1, listed.get("data").size(), listed.toString());
        }
    }

    private static JsonNode awaitFinished(TestServer s, String key, String referenceId) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L; // a cold engine on a busy 2-core machine
        JsonNode r = null;
        while (System.nanoTime() < deadline) {
            r = TestServer.json(s.get("/v1/lipsync/requests/" + referenceId, key));
            String status = r.path("status").asText();
            if (status.equals("completed") || status.equals("failed")) {
                return r;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not finished in time: " + r);
    }

    /** Output against pass-through, frame by frame, on the luma of the decoded BGR frames. */
    private record FrameComparison(int frames, double topFifthPsnr, int framesWithChangedLowerFace) {
        static FrameComparison of(Path a, Path b) throws Exception {
            double squaredError = 0;
            long topPixels = 0;
            int frames = 0;
            int changed = 0;
            try (VideoFrames fa = VideoFrames.open(a); VideoFrames fb = VideoFrames.open(b)) {
                for (Mat x = fa.next(), y = fb.next(); x != null && y != null; x = fa.next(), y = fb.next()) {
                    int w = x.cols(), h = x.rows();
                    ByteBuffer px = x.createBuffer(), py = y.createBuffer();
                    long step = x.step();
                    for (int row = 0; row < h / 5; row++) {
                        for (int col = 0; col < w * 3; col++) {
                            int d = (px.get((int) (row * step + col)) & 0xff) - (py.get((int) (row * step + col)) & 0xff);
                            squaredError += d * d;
                            topPixels++;
                        }
                    }
                    if (largestBlockChange(px, py, step, w, h) > 8) {
                        changed++;
                    }
                    frames++;
                }
            }
            double mse = squaredError / Math.max(1, topPixels);
            double psnr = mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
            return new FrameComparison(frames, psnr, changed);
        }

        /** The largest mean absolute difference over 16×16 blocks of the frame's lower 3/5. */
        private static double largestBlockChange(ByteBuffer x, ByteBuffer y, long step, int w, int h) {
            double largest = 0;
            for (int by = 2 * h / 5; by + 16 <= h; by += 16) {
                for (int bx = 0; bx + 16 <= w; bx += 16) {
                    long sum = 0;
                    for (int r = by; r < by + 16; r++) {
                        for (int c = bx * 3; c < (bx + 16) * 3; c++) {
                            sum += Math.abs((x.get((int) (r * step + c)) & 0xff) - (y.get((int) (r * step + c)) & 0xff));
                        }
                    }
                    largest = Math.max(largest, sum / (16.0 * 16 * 3));
                }
            }
            return largest;
        }
    }

    private static void ffmpeg(String... args) throws Exception {
        Process p = FfmpegProgram.ffmpeg(List.of(args)).inheritIO().start();
        assertEquals(0, p.waitFor(), "ffmpeg " + String.join(" ", args));
    }
}
