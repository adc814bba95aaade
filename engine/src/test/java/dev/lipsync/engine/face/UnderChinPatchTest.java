package dev.lipsync.engine.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lipsync.engine.landmarks.GrayImage;
import dev.lipsync.engine.landmarks.Landmarks;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

class UnderChinPatchTest {
    private static final int COLS = UnderChinPatch.COLUMNS, ROWS = UnderChinPatch.ROWS;
    private static final double STEP = UnderChinPatch.STEP;

    /** A patch sampling {@code grey(u, v)} at the grid's points, in head coordinates. */
    private static byte[] patch(DoubleBinaryOperator grey) {
        byte[] p = new byte[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                double u = UnderChinPatch.U_FIRST + c * STEP, v = UnderChinPatch.V_FIRST + r * STEP;
                p[r * COLS + c] = (byte) Math.max(1, Math.min(255, Math.round(grey.applyAsDouble(u, v))));
            }
        }
        return p;
    }

    /** A collar: a bright V under a skin-grey neck, smooth enough to interpolate, with a little texture. */
    private static double collar(double u, double v) {
        double edge = v - 2.3 - 0.6 * Math.abs(u);
        return 110 + 90 / (1 + Math.exp(-edge / 0.04)) + 8 * Math.sin(9 * u) * Math.cos(7 * v);
    }

    @Test
    void findsWhereTheDonorsBodyLiesUnderItsHead() {
        byte[] target = patch(UnderChinPatchTest::collar);
        for (double[] truth : new double[][] {{0.075, -0.075}, {-0.06, 0.04}, {0.1, 0.0}}) {
            // the donor shows at (u + du, v + dv) what the target shows at (u, v)
            byte[] donor = patch((u, v) -> collar(u - truth[0], v - truth[1]));
            double[] shift = UnderChinPatch.bodyShift(target, 1.9, donor, 1.9);
            assertEquals(truth[0], shift[0], 0.025, "along the eye line");
            assertEquals(truth[1], shift[1], 0.025, "down the face");
        }
    }

    @Test
    void noWordWhereThePatchesCannotTell() {
        byte[] target = patch(UnderChinPatchTest::collar);
        byte[] donor = patch((u, v) -> collar(u - 0.075, v));
        assertArrayEquals(new double[] {0, 0}, UnderChinPatch.bodyShift(target, 1.9, target, 1.9), 0.005,
                "the same body: none, to half a pixel at 100 px between the eyes");
        double[] slight = UnderChinPatch.bodyShift(target, 1.9, patch((u, v) -> collar(u - 0.02, v + 0.025)), 1.9);
        assertEquals(0.02, slight[0], 0.012, "less than a step: interpolated around none");
        assertEquals(-0.025, slight[1], 0.012);
        assertNull(UnderChinPatch.bodyShift(null, 1.9, donor, 1.9), "no patch");
        byte[] bareNeck = patch((u, v) -> 150 + 2 * Math.sin(5 * u));
        assertNull(UnderChinPatch.bodyShift(bareNeck, 1.9, patch((u, v) -> 150 + 2 * Math.sin(5 * u - 0.4)), 1.9),
                "nothing to align on bare skin");
        assertNull(UnderChinPatch.bodyShift(target, 2.6, donor, 1.9),
                "a chin this low leaves too few rows under it");
        byte[] cutOff = target.clone();
        java.util.Arrays.fill(cutOff, 5 * COLS, ROWS * COLS, (byte) UnderChinPatch.OUTSIDE);
        assertNull(UnderChinPatch.bodyShift(cutOff, 1.9, donor, 1.9), "the picture ends under the chin");
    }

    @Test
    void samplesOnAGridFixedToTheEyes() {
        // eyes 100 px apart, their centres at (100, 100) and (200, 100): v = (y - 100) / 100
        float[] xy = new float[136];
        for (int i = 0; i < 6; i++) {
            xy[2 * (36 + i)] = 100;
            xy[2 * (36 + i) + 1] = 100;
            xy[2 * (42 + i)] = 200;
            xy[2 * (42 + i) + 1] = 100;
        }
        xy[2 * 8] = 150;
        xy[2 * 8 + 1] = 290;
        Landmarks face = new Landmarks(xy);
        assertEquals(1.9, UnderChinPatch.chinDepth(face), 1e-9);
        int width = 300, height = 350; // the picture ends at v = 2.49
        byte[] pixels = new byte[width * height];
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(pixels, y * width, (y + 1) * width, (byte) (y < 330 ? 80 : 200)); // an edge at v = 2.3
        }
        GrayImage image = new GrayImage(width, height, pixels);
        byte[] patch = UnderChinPatch.of(image, face);
        for (int r = 0; r < ROWS; r++) {
            double y = 100 + 100 * (UnderChinPatch.V_FIRST + r * STEP);
            int expected = y > height - 1 ? UnderChinPatch.OUTSIDE : y <= 329 ? 80 : y >= 330 ? 200 : -1;
            int middle = patch[r * COLS + COLS / 2] & 0xff;
            if (expected >= 0) {
                assertEquals(expected, middle, "row " + r + " at y " + y);
            }
            assertEquals(middle, patch[r * COLS] & 0xff, "the edge is level: a row samples one grey");
        }
        assertNull(UnderChinPatch.of(image, new Landmarks(new float[136])), "no eye distance: no grid, no failure");
        float[] lost = xy.clone();
        lost[2 * 36] = Float.NaN;
        assertNull(UnderChinPatch.of(image, new Landmarks(lost)), "landmarks that are not numbers");
    }
}
