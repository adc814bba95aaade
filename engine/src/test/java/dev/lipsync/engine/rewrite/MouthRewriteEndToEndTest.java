package dev.lipsync.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.EngineConfig;
import dev.lipsync.engine.LipSync;
import dev.lipsync.engine.Options;
import dev.lipsync.engine.ProgressListener;
import dev.lipsync.engine.Result;
import dev.lipsync.engine.face.FaceTracker;
import dev.lipsync.engine.face.TrackedFace;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.media.MediaFixtures;
import dev.lipsync.engine.media.VideoFrames;
import dev.lipsync.engine.pipeline.PassThrough;
import dev.lipsync.engine.pipeline.TwoPassPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole engine on a real talking head with someone else's speech (German over an English
 * speaker), against a pass-through render of the same inputs: same media path, mouth untouched.
 */
class MouthRewriteEndToEndTest {
    @TempDir
    static Path dir;
    static Path synced;
    static Path passed;
    static Result result;
    static Result passResult;

    @BeforeAll
    static void render() throws Exception {
        Path video = MediaFixtures.sharedMedia("video/man_en.mp4");
        Path speech = MediaFixtures.sharedMedia("audio/de.wav");
        Path audio = dir.resolve("de_4s.wav");
        MediaFixtures.ffmpeg("-i", speech.toString(), "-t", "4", audio.toString());
        synced = dir.resolve("synced.mp4");
        passed = dir.resolve("passed.mp4");
        result = LipSync.create(EngineConfig.defaults()).run(video, audio, synced, Options.defaults(),
                ProgressListener.NONE, new Cancellation());
        passResult = new TwoPassPipeline(new PassThrough()).run(video, audio, passed, ProgressListener.NONE,
                new Cancellation());
    }

    @Test
    void outputHasTheNewAudiosLengthAndTheVideosPicture() {
        assertEquals(4.0, result.durationSeconds(), 0.05);
        assertEquals(100, result.framesTotal());
        JsonNode probe = MediaFixtures.probe(synced);
        JsonNode video = MediaFixtures.stream(probe, "video");
        JsonNode audio = MediaFixtures.stream(probe, "audio");
        assertNotNull(audio);
        assertEquals(844, video.path("width").asInt());
        assertEquals(844, video.path("height").asInt());
        assertEquals("25/1", video.path("r_frame_rate").asText());
        assertEquals(4.0, audio.path("duration").asDouble(), 0.1);
        assertEquals(100, MediaFixtures.countFrames(synced));
    }

    @Test
    void framesAndDonorCropsFromPassOnesSpoolsEqualDecodedOnes() throws Exception {
        Path video = MediaFixtures.sharedMedia("video/man_en.mp4");
        Path spooled = dir.resolve("spooled_donors.mp4"), decoded = dir.resolve("decoded_donors.mp4");
        MouthRewrite fromSpool = new MouthRewrite(
                EngineConfig.defaults().withFaceSpoolBytes(EngineConfig.DEFAULT_FACE_SPOOL_BYTES), Options.defaults());
        MouthRewrite fromDecoder = new MouthRewrite(EngineConfig.defaults().withFaceSpoolBytes(0), Options.defaults());
        new TwoPassPipeline(fromSpool).run(video, dir.resolve("de_4s.wav"), spooled, ProgressListener.NONE,
                new Cancellation());
        // and pass 2's frames decoded again too, instead of read from pass 1's frame spool
        new TwoPassPipeline(fromDecoder).frameSpoolBytes(0).run(video, dir.resolve("de_4s.wav"), decoded,
                ProgressListener.NONE, new Cancellation());
        int[] a = fromSpool.donorSources(), b = fromDecoder.donorSources();
        assertTrue(a[0] > 10 && a[1] == 0, "spooled " + a[0] + ", decoded " + a[1]);
        assertArrayEquals(new int[] {0, a[0]}, b, "with no spool the same donors are decoded");
        assertArrayEquals(Files.readAllBytes(spooled), Files.readAllBytes(decoded));
        assertArrayEquals(Files.readAllBytes(synced), Files.readAllBytes(spooled));

        // a spool full half way through the video: its donors from there, the later ones decoded
        Path mixed = dir.resolve("mixed_donors.mp4");
        MouthRewrite fromBoth = new MouthRewrite(EngineConfig.defaults().withFaceSpoolBytes(12L << 20), Options.defaults());
        new TwoPassPipeline(fromBoth).run(video, dir.resolve("de_4s.wav"), mixed, ProgressListener.NONE,
                new Cancellation());
        int[] c = fromBoth.donorSources();
        assertTrue(c[0] > 0 && c[1] > 0 && c[0] + c[1] == a[0], "spooled " + c[0] + ", decoded " + c[1]);
        assertArrayEquals(Files.readAllBytes(spooled), Files.readAllBytes(mixed));
    }

    @Test
    void mostFramesHaveTheirMouthReRendered() {
        assertTrue(result.framesRendered() > result.framesTotal() / 2,
                result.framesRendered() + " of " + result.framesTotal());
        assertEquals(0, passResult.framesRendered());
    }

    @Test
    void onlyTheLowerFaceChanges() throws Exception {
        double topSquaredError = 0;
        long topPixels = 0;
        double mouthAbsDiff = 0;
        long mouthPixels = 0;
        try (VideoFrames a = VideoFrames.open(synced); VideoFrames b = VideoFrames.open(passed);
             FaceTracker tracker = FaceTracker.create(EngineConfig.defaults(), 25)) {
            boolean first = true;
            for (Mat x = a.next(), y = b.next(); x != null && y != null; x = a.next(), y = b.next()) {
                byte[] px = MediaFixtures.bytes(x), py = MediaFixtures.bytes(y);
                int w = x.cols(), h = x.rows();
                // the top fifth of the picture (hair, background) lies far from the mouth
                for (int i = 0; i < 3 * w * (h / 5); i++) {
                    double d = (px[i] & 0xff) - (py[i] & 0xff);
                    topSquaredError += d * d;
                    topPixels++;
                }
                List<TrackedFace> faces = tracker.process(y, first);
                first = false;
                if (faces.isEmpty()) {
                    continue;
                }
                int[] box = lipBox(faces.get(0).landmarks(), w, h);
                for (int r = box[1]; r < box[3]; r++) {
                    for (int c = 3 * box[0]; c < 3 * box[2]; c++) {
                        mouthAbsDiff += Math.abs((px[r * 3 * w + c] & 0xff) - (py[r * 3 * w + c] & 0xff));
                        mouthPixels++;
                    }
                }
            }
        }
        double psnr = 10 * Math.log10(255.0 * 255.0 / Math.max(1e-9, topSquaredError / topPixels));
        assertTrue(psnr > 35, "top of the picture differs from the pass-through: PSNR " + psnr + " dB");
        double mouth = mouthAbsDiff / Math.max(1, mouthPixels);
        assertTrue(mouthPixels > 0, "no face found in the pass-through frames");
        assertTrue(mouth > 3, "the lips barely changed: mean abs difference " + mouth + " levels");
    }

    @Test
    void debugOverlayDrawsTheSpeakerInGreen() throws Exception {
        Path video = MediaFixtures.sharedMedia("video/man_en.mp4");
        Path oneSecond = dir.resolve("de_1s.wav");
        MediaFixtures.ffmpeg("-i", MediaFixtures.sharedMedia("audio/de.wav").toString(), "-t", "1", oneSecond.toString());
        Path marked = dir.resolve("marked.mp4");
        LipSync.create(EngineConfig.defaults()).run(video, oneSecond, marked, new Options(false, true),
                ProgressListener.NONE, new Cancellation());
        long greenMarked = 0;
        long greenPlain = 0;
        try (VideoFrames a = VideoFrames.open(marked); VideoFrames b = VideoFrames.open(synced)) {
            for (Mat x = a.next(), y = b.next(); x != null && y != null; x = a.next(), y = b.next()) {
                greenMarked += green(MediaFixtures.bytes(x));
                greenPlain += green(MediaFixtures.bytes(y));
            }
        }
        // the box alone is about 4 × 300 px a frame; the map behind him has little saturated green
        assertTrue(greenMarked > greenPlain + 25 * 600, "green pixels: " + greenMarked + " vs " + greenPlain);
    }

    /** Pixels whose green stands well above red and blue. */
    private static long green(byte[] bgr) {
        long n = 0;
        for (int i = 0; i + 2 < bgr.length; i += 3) {
            int b = bgr[i] & 0xff, g = bgr[i + 1] & 0xff, r = bgr[i + 2] & 0xff;
            if (g > 150 && g - Math.max(r, b) > 80) {
                n++;
            }
        }
        return n;
    }

    /** The outer lips' bounding box {x0, y0, x1, y1}, clipped to the frame. */
    private static int[] lipBox(Landmarks l, int w, int h) {
        float x0 = Float.MAX_VALUE, y0 = Float.MAX_VALUE, x1 = -Float.MAX_VALUE, y1 = -Float.MAX_VALUE;
        for (int k = 48; k < 60; k++) {
            x0 = Math.min(x0, l.x(k));
            x1 = Math.max(x1, l.x(k));
            y0 = Math.min(y0, l.y(k));
            y1 = Math.max(y1, l.y(k));
        }
        return new int[] {Math.max(0, (int) x0), Math.max(0, (int) y0), Math.min(w, (int) x1 + 1),
                Math.min(h, (int) y1 + 1)};
    }
}
