package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.DIST_L2;
import static org.bytedeco.opencv.global.opencv_imgproc.DIST_MASK_3;
import static org.bytedeco.opencv.global.opencv_imgproc.DIST_MASK_PRECISE;
import static org.bytedeco.opencv.global.opencv_imgproc.distanceTransform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class MaskDistanceTest {

    /** The chamfer: within 5 % of the exact Euclidean transform, on straight, slanted and 45-degree edges. */
    @Test
    void isCloseToTheEuclideanDistance() {
        int w = 200, h = 200;
        float[] diamond = {100, 10, 190, 100, 100, 190, 10, 100}; // edges at 45 degrees, the chamfer's worst case
        float[] square = {20, 20, 180, 20, 180, 180, 20, 180};
        float[] slanted = {30, 20, 180, 60, 150, 190, 15, 150};
        boolean[] all = new boolean[w * h];
        Arrays.fill(all, true);
        for (float[] poly : new float[][] {diamond, square, slanted}) {
            byte[] inside = MouthCompositor.support(poly, all, 0, 0, w, h);
            MaskDistance mask = MaskDistance.of(inside, w, h);
            float[] exact = openCv(inside, w, h, DIST_MASK_PRECISE);
            float[] d = mask.values();
            double worst = 0, deepest = 0;
            for (int p = 0; p < d.length; p++) {
                if (exact[p] > 0) {
                    worst = Math.max(worst, Math.abs(d[p] - exact[p]) / exact[p]);
                }
                deepest = Math.max(deepest, exact[p]);
            }
            System.out.printf("chamfer against exact distances: worst relative error %.3f%n", worst);
            assertTrue(worst < 0.05, "relative error " + worst);
            assertEquals(deepest, mask.deepest(), 0.05 * deepest);
        }
    }

    /**
     * Bit for bit OpenCV's 3×3 chamfer, so swapping one for the other changed no composite: random
     * blobs, masks touching the window's edges, one-pixel lines, a mask with no outside pixel, an
     * empty one, and a window large enough for distances past 2^24 in fixed point (256 px).
     */
    @Test
    void givesOpenCvsChamferExactly() {
        Random random = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            int w = 1 + random.nextInt(120), h = 1 + random.nextInt(120);
            byte[] mask = new byte[w * h];
            double fill = random.nextDouble();
            for (int p = 0; p < mask.length; p++) {
                mask[p] = (byte) (random.nextDouble() < fill ? 1 : 0);
            }
            assertSame(mask, w, h, "random " + w + "x" + h);
        }
        byte[] full = new byte[50 * 30];
        Arrays.fill(full, (byte) 255);
        assertSame(full, 50, 30, "no outside pixel");
        assertSame(new byte[40 * 40], 40, 40, "empty");
        byte[] line = new byte[31 * 9];
        Arrays.fill(line, 4 * 31, 5 * 31, (byte) 1);
        assertSame(line, 31, 9, "one-pixel line");

        int w = 700, h = 620;
        boolean[] all = new boolean[w * h];
        Arrays.fill(all, true);
        byte[] big = MouthCompositor.support(new float[] {-50, 5, 690, -20, 650, 600, 10, 700}, all, 0, 0, w, h);
        MaskDistance d = assertSame(big, w, h, "large, touching the edges");
        assertTrue(d.deepest() > 256, "deepest " + d.deepest());
    }

    private static MaskDistance assertSame(byte[] mask, int w, int h, String what) {
        MaskDistance ours = MaskDistance.of(mask, w, h);
        float[] theirs = openCv(mask, w, h, DIST_MASK_3);
        float deepest = 0;
        for (int p = 0; p < theirs.length; p++) {
            assertEquals(Float.floatToIntBits(theirs[p]), Float.floatToIntBits(ours.values()[p]),
                    what + ": pixel " + p + " " + theirs[p] + " vs " + ours.values()[p]);
            deepest = Math.max(deepest, theirs[p]);
        }
        assertEquals(deepest, ours.deepest(), 0, what);
        return ours;
    }

    private static float[] openCv(byte[] mask, int w, int h, int maskSize) {
        try (Mat m = new Mat(h, w, CV_8UC1); Mat dist = new Mat()) {
            m.<ByteBuffer>createBuffer().put(mask);
            distanceTransform(m, dist, DIST_L2, maskSize);
            float[] out = new float[w * h];
            dist.<FloatBuffer>createBuffer().get(out);
            return out;
        }
    }
}
