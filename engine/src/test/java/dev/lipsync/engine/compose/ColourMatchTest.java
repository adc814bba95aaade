package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

class ColourMatchTest {
    /** A 100 × 60 window for a face with an eye distance of 100 px: cells of 10 px, σ 15 px. */
    private static final int W = 100, H = 60;
    private static final double EYES = 100;

    /** The same skin under 1.5 times the light: one gain takes the source to the target, texture and all. */
    @Test
    void moreLightIsAGainNotAShift() {
        Random r = new Random(3);
        byte[] src = new byte[W * H], ref = new byte[W * H];
        for (int p = 0; p < W * H; p++) {
            long v = Math.round(Math.max(20, Math.min(150, 80 + 20 * r.nextGaussian())));
            src[p] = (byte) v;
            ref[p] = (byte) Math.round(16 + 1.5 * (v - 16));
        }
        int[] ring = IntStream.range(0, W * H).filter(p -> p % 3 == 0).toArray();
        Mat matched = match(image(src, 1), image(ref, 1), ring);
        float[] out = floats(matched);
        for (int p = 0; p < W * H; p++) {
            assertEquals(ref[p] & 0xff, out[p], 1.0, "pixel " + p); // the target was rounded: its gain is 1.5 only nearly
        }
    }

    /** A source lit evenly, a target lit from its left: each cheek gets its own side's light. */
    @Test
    void eachSideIsMatchedToItsOwnLight() {
        byte[] src = new byte[W * H], ref = new byte[W * H];
        Arrays.fill(src, (byte) 120);
        for (int p = 0; p < W * H; p++) {
            ref[p] = (byte) (p % W < W / 2 ? 150 : 90);
        }
        int[] ring = IntStream.range(0, W * H).filter(p -> p % W < 20 || p % W >= W - 20).toArray();
        float[] out = floats(match(image(src, 1), image(ref, 1), ring));
        int row = H / 2 * W;
        assertEquals(150, out[row + 5], 6, "left cheek");
        assertEquals(90, out[row + W - 6], 6, "right cheek");
        assertTrue(out[row + W / 2] > 100 && out[row + W / 2] < 140, "between them, between: " + out[row + W / 2]);
        // one shift for the whole mouth would have left both at the ring's mean, 120
    }

    /** Far from the ring the whole ring's mean, and nowhere beyond what the ring shows. */
    @Test
    void meansStayWithinTheRingsValuesAndTendToItsMean() {
        int width = 200, height = 200;
        // two clusters of ring pixels at the top corners, one at 100 and one at 140
        int[] ring = IntStream.range(0, width * height)
                .filter(p -> p / width < 20 && (p % width < 20 || p % width >= width - 20)).toArray();
        double[] values = Arrays.stream(ring).mapToDouble(p -> p % width < 20 ? 100 : 140).toArray();
        ColourMatch.Grid grid = ColourMatch.Grid.of(ring, width, height, EYES);
        double[] means = grid.means(values);
        for (double m : means) {
            assertTrue(m >= 100 - 1e-9 && m <= 140 + 1e-9, "within the ring's values: " + m);
        }
        int bottomMiddle = (grid.rows() - 1) * grid.columns() + grid.columns() / 2;
        assertEquals(120, means[bottomMiddle], 0.5, "far from both: the whole ring's mean");
        assertEquals(100, means[grid.columns() + 1], 6, "at a cluster: mostly its own value");
    }

    @Test
    void theGainStaysWithinItsLimitsAndTheOffsetKeepsTheMean() {
        double black = ColourMatch.VIDEO_BLACK;
        assertEquals(ColourMatch.MAX_GAIN, ColourMatch.gain(new double[] {250}, new double[] {20}, black), 1e-12);
        assertEquals(ColourMatch.MIN_GAIN, ColourMatch.gain(new double[] {20}, new double[] {250}, black), 1e-12);
        assertEquals(1.5, ColourMatch.gain(new double[] {97, 103}, new double[] {70, 74}, black), 1e-12);
        double[] target = {250, 20, 116}, source = {20, 250, 66};
        double[] offset = ColourMatch.offsets(target, source, 1.5);
        for (int c = 0; c < 3; c++) {
            assertEquals(target[c], 1.5 * source[c] + offset[c], 1e-9, "cell " + c);
        }
    }

    /** Cell values become per-pixel maps: exact at cell centres, halfway between two cells between them. */
    @Test
    void cellValuesInterpolateBetweenCellCentres() {
        int[] ring = {0};
        ColourMatch.Grid grid = ColourMatch.Grid.of(ring, 20, 10, 10, 5.0); // 2 × 1 cells of 10 px
        float[] px = floats(grid.toPixels(1, new double[] {10, 30}));
        int row = 5 * 20;
        assertEquals(10, px[row], 1e-4, "left of the first centre: its value");
        assertEquals(20, (px[row + 9] + px[row + 10]) / 2, 1e-4, "midway between the centres");
        assertEquals(30, px[row + 19], 1e-4, "right of the last centre: its value");
    }

    @Test
    void valuesReadAWindowOfALargerImage() {
        byte[] px = new byte[3 * 8 * 6];
        for (int p = 0; p < 8 * 6; p++) {
            px[3 * p] = (byte) p; // blue: the pixel's index in the whole image
            px[3 * p + 1] = (byte) 200;
        }
        // the 3 × 2 window at (2, 1): its pixels (0, 0) and (2, 1) are image pixels 1·8 + 2 and 2·8 + 4
        Mat window = image(px, 6, 8, 3).apply(new Rect(2, 1, 3, 2));
        assertArrayEquals(new double[] {10, 20}, ColourMatch.values(window, new int[] {0, 5}, 0));
        assertArrayEquals(new double[] {200, 200}, ColourMatch.values(window, new int[] {0, 5}, 1));
    }

    /** One plane matched as {@code I420Blend} matches luma. */
    private static Mat match(Mat source, Mat target, int[] ring) {
        ColourMatch.Grid grid = ColourMatch.Grid.of(ring, W, H, EYES);
        double[] t = ColourMatch.values(target, ring, 0), s = ColourMatch.values(source, ring, 0);
        double gain = ColourMatch.gain(t, s, ColourMatch.VIDEO_BLACK);
        return ColourMatch.corrected(source, gain, grid.toPixels(1, grid.means(ColourMatch.offsets(t, s, gain))));
    }

    private static float[] floats(Mat m) {
        Mat c = m.isContinuous() ? m : m.clone();
        assertEquals(CV_32FC1, c.type());
        float[] out = new float[c.rows() * c.cols()];
        ((FloatBuffer) c.createBuffer()).get(out);
        return out;
    }

    private static Mat image(byte[] px, int channels) {
        return image(px, H, W, channels);
    }

    private static Mat image(byte[] px, int rows, int cols, int channels) {
        Mat m = new Mat(rows, cols, channels == 3 ? CV_8UC3 : CV_8UC1);
        m.data().put(px);
        return m;
    }
}
