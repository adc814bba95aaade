package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class PyramidBlendTest {

    @Test
    void twoFlatColoursGiveASmoothRampInsideAndTheExactTargetOutside() {
        int w = 160, h = 140;
        Mat source = new Mat(h, w, CV_32FC3, new Scalar(200, 120, 40, 0));
        Mat target = new Mat(h, w, CV_32FC3, new Scalar(50, 60, 70, 0));
        float[] square = {20, 15, 140, 15, 140, 125, 20, 125};
        boolean[] all = new boolean[w * h];
        java.util.Arrays.fill(all, true);
        MaskDistance mask = MaskDistance.of(MouthCompositor.support(square, all, 0, 0, w, h), w, h);
        float[] dist = mask.values();
        assertEquals(max(dist), mask.deepest(), 0);
        int levels = PyramidBlend.levels(mask.deepest(), k -> 8.0 * (1 + k), 4);
        assertEquals(2, levels, "level 2 needs 0.7 · depth ≥ 12 + 24 px, level 3 ≥ 24 + 32 px; the square is 55 px deep");
        float[][] weights = PyramidBlend.levelWeights(dist, new double[] {PyramidBlend.levelMargin(0),
                PyramidBlend.levelMargin(1), PyramidBlend.levelMargin(2)}, new double[] {8, 16, 24});
        Mat out = PyramidBlend.blend(source, target, weights);
        float[] px = new float[w * h * 3];
        out.<FloatBuffer>createBuffer().get(px);

        for (int p = 0; p < w * h; p++) {
            if (dist[p] == 0) {
                assertEquals(50f, px[3 * p], 0f, "outside the mask, exactly the target");
                assertEquals(70f, px[3 * p + 2], 0f);
            }
        }
        int centre = (h / 2) * w + w / 2;
        assertEquals(200, px[3 * centre], 0.01, "deep inside, the source");
        assertEquals(40, px[3 * centre + 2], 0.01);

        // Along the middle row, from outside to the centre: monotone, within the two colours, no jumps.
        int row = h / 2;
        float prev = 50;
        for (int x = 0; x <= w / 2; x++) {
            float v = px[3 * (row * w + x)];
            assertTrue(v >= prev - 1e-3, "monotone at x=" + x);
            assertTrue(v <= 200 + 1e-3 && v >= 50 - 1e-3, "no overshoot at x=" + x);
            assertTrue(v - prev < 35, "step " + (v - prev) + " at x=" + x);
            prev = v;
        }
    }

    @Test
    void aLevelTooShallowForTheMouthTakesTheFinerLevelsWeights() {
        // ramp 8·(1 + k) px, margins 0, 6, 12 px: levels 1 and 2 reach weight 1 at 22 and 36 px
        java.util.function.IntToDoubleFunction ramp = k -> 8.0 * (1 + k);
        float[][] deep = weights();
        PyramidBlend.fitToMouth(deep, 40, ramp);
        assertArrayEquals(weights()[1], deep[1], 0f, "a mouth 40 px inside: every level as it was");
        assertArrayEquals(weights()[2], deep[2], 0f);
        float[][] shallow = weights();
        PyramidBlend.fitToMouth(shallow, 10, ramp);
        assertArrayEquals(weights()[0], shallow[1], 0f, "a mouth 10 px inside: full resolution's weights only");
        assertArrayEquals(weights()[0], shallow[2], 0f);
        float[][] between = weights();
        PyramidBlend.fitToMouth(between, 20, ramp);
        // level 1: (20 - 0.75·22) / (0.25·22) = 0.636, smoothstep 0.700 of its own weights; level 2 none of its own
        assertEquals(0.300, between[1][0], 1e-3);
        assertEquals(0.650, between[1][1], 1e-3);
        assertArrayEquals(between[1], between[2], 0f);
    }

    @Test
    void theFitChangesSmoothlyAsTheMouthMoves() {
        java.util.function.IntToDoubleFunction ramp = k -> 8.0 * (1 + k);
        float[][] before = weights();
        PyramidBlend.fitToMouth(before, 0, ramp);
        for (double depth = 0.1; depth <= 50; depth += 0.1) {
            float[][] now = weights();
            PyramidBlend.fitToMouth(now, depth, ramp);
            for (int k = 0; k < now.length; k++) {
                for (int p = 0; p < now[k].length; p++) {
                    assertTrue(Math.abs(now[k][p] - before[k][p]) < 0.05,
                            "level " + k + " jumps at depth " + depth);
                }
            }
            before = now;
        }
    }

    /** Three levels' weights at two pixels: full resolution 1, the coarser ones less. */
    private static float[][] weights() {
        return new float[][] {{1, 1}, {0, 0.5f}, {0, 0}};
    }

    @Test
    void weightIsZeroWithinTheMarginAndOneBeyondTheRamp() {
        float[] d = {0, 2, 4, 6, 9, 14, 30};
        float[][] w = PyramidBlend.levelWeights(d, new double[] {4, 0}, new double[] {10, 20});
        assertEquals(0f, w[0][0]);
        assertEquals(0f, w[0][2]);
        assertEquals(0.5f, w[0][4], 1e-6, "midpoint of the ramp");
        assertEquals(1f, w[0][5]);
        assertEquals(1f, w[0][6]);
        // a second level, its own margin and ramp: 3x² − 2x³ at x = 0.1, 0.3, 0.7
        assertArrayEquals(new float[] {0, 0.028f, 0.216f, 0.784f, 1},
                new float[] {w[1][0], w[1][1], w[1][3], w[1][5], w[1][6]}, 1e-6f);
    }

    static float max(float[] a) {
        float m = -Float.MAX_VALUE;
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
