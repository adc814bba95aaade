package dev.lipsync.engine.shots;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.TestAssets;
import dev.lipsync.engine.media.I420Frames;
import dev.lipsync.engine.landmarks.TestVideo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShotCutDetectorTest {

    @Test
    void aSpikeOverAQuietShotIsACut() {
        double[] d = new double[30];
        java.util.Arrays.fill(d, 0.01);
        d[20] = 0.3;
        boolean[] cuts = ShotCutDetector.cuts(d);
        for (int i = 0; i < d.length; i++) assertEquals(i == 20, cuts[i], "frame " + i);
    }

    @Test
    void aBusyShotNeedsAMuchBiggerStep() {
        Random rnd = new Random(3);
        double[] d = new double[40];
        for (int i = 0; i < d.length; i++) d[i] = 0.12 + 0.03 * rnd.nextDouble(); // hand-held camera
        d[25] = 0.3; // twice the usual: still motion
        assertFalse(ShotCutDetector.cuts(d)[25]);
        d[25] = 0.5; // overwhelming: a cut
        assertTrue(ShotCutDetector.cuts(d)[25]);
    }

    @Test
    void tinyStepsAreNeverCutsEvenAfterStillness() {
        double[] d = new double[30];
        java.util.Arrays.fill(d, 0.0005);
        d[15] = 0.1; // 200 times the level, but below the floor (a light switched on)
        assertFalse(ShotCutDetector.cuts(d)[15]);
    }

    @Test
    void historyRestartsAfterACut() {
        // right after a cut, a second moderate step is not a cut (no history to compare with)
        double[] d = {0.01, 0.01, 0.01, 0.01, 0.5, 0.2, 0.01};
        assertArrayEquals(new boolean[] {false, false, false, false, true, false, false}, ShotCutDetector.cuts(d));
    }

    @Test
    void signatureDistanceIsZeroForTheSameFrameAndOneForBlackVersusWhite() {
        byte[] black = new byte[64 * 48 * 3];
        byte[] white = new byte[64 * 48 * 3];
        java.util.Arrays.fill(white, (byte) 255);
        FrameSignature b = FrameSignature.of(black, 64, 48, 64 * 3);
        FrameSignature w = FrameSignature.of(white, 64, 48, 64 * 3);
        assertEquals(0.0, b.distance(b), 1e-9);
        assertEquals(1.0, b.distance(w), 1e-6);
        assertEquals(b.distance(w), w.distance(b), 1e-9);
    }

    /** An I420 frame is summed up as its BGR conversion is, to the last float. */
    @Test
    void anI420FramesSignatureIsItsBgrConversions() {
        int w = 320, h = 180;
        Random rnd = new Random(5);
        try (Mat bgr = new Mat(h, w, CV_8UC3)) {
            byte[] px = new byte[w * h * 3];
            for (int i = 0; i < px.length; i++) px[i] = (byte) ((i / 3 % w) / 2 + (i / 3 / w) / 3 + rnd.nextInt(40) + 20 * (i % 3));
            bgr.<java.nio.ByteBuffer>createBuffer().put(px);
            try (Mat i420 = I420Frames.fromBgr(bgr); Mat back = I420Frames.toBgr(i420)) {
                FrameSignature planar = FrameSignature.of(i420), converted = FrameSignature.of(back);
                assertArrayEquals(converted.histogram, planar.histogram);
                assertArrayEquals(converted.thumbnail, planar.thumbnail);
                assertTrue(FrameSignature.of(bgr).distance(planar) < 0.05, "close to the frame before the round trip");
            }
        }
    }

    @Test
    void findsTheSpliceBetweenTwoRealClipsAndNothingElse(@TempDir Path tmp) throws Exception {
        Path a = TestAssets.sharedFile("media/video/man_en.mp4");
        Path b = TestAssets.sharedFile("media/video/woman_blue_en.mp4");
        Path spliced = TestVideo.splice(a, b, 2.0, tmp);
        ShotCutDetector detector = new ShotCutDetector();
        List<Integer> cuts = new ArrayList<>();
        int[] frames = {0};
        TestVideo.forEachFrame(spliced, Integer.MAX_VALUE, (mat, i) -> {
            if (detector.isCut(FrameSignature.of(mat)) && i > 0) cuts.add(i);
            frames[0]++;
        });
        System.out.println("spliced clip: " + frames[0] + " frames, cuts at " + cuts);
        assertEquals(List.of(50), cuts, "the second clip starts at frame 50 (2 s at 25 fps)");
    }

    @Test
    void noCutsInsideRealSingleShotClips() throws Exception {
        for (String name : new String[] {"man_en.mp4", "woman_glasses_en.mp4", "tight_crop_noaudio.mp4"}) {
            Path clip = TestAssets.sharedFile("media/video/" + name);
            ShotCutDetector detector = new ShotCutDetector();
            List<Integer> cuts = new ArrayList<>();
            TestVideo.forEachFrame(clip, 150, (mat, i) -> {
                if (detector.isCut(FrameSignature.of(mat)) && i > 0) cuts.add(i);
            });
            assertEquals(List.of(), cuts, name);
        }
    }
}
