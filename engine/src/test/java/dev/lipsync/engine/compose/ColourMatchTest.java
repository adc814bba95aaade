package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

class ColourMatchTest {

    @Test
    void shiftsTheRingMeanToTheReferenceAndLeavesTheSpread() {
        Random r = new Random(3);
        int n = 5000;
        byte[] src = new byte[3 * n], ref = new byte[3 * n];
        int[] ring = new int[n / 2];
        for (int p = 0; p < n; p++) {
            if (p % 2 == 0) {
                ring[p / 2] = p;
            }
            double skin = r.nextGaussian();
            // a warm skin tone, and the same skin darker and with more contrast in the reference
            src[3 * p] = (byte) Math.round(110 + 6 * skin);
            src[3 * p + 1] = (byte) Math.round(140 + 7 * skin);
            src[3 * p + 2] = (byte) 190;
            double other = r.nextGaussian();
            ref[3 * p] = (byte) Math.round(90 + 16 * other);
            ref[3 * p + 1] = (byte) Math.round(115 + 18 * other);
            ref[3 * p + 2] = (byte) 185;
        }
        ColourMatch m = fit(image(src, 50, 100, 3), image(ref, 50, 100, 3), ring);
        double[] srcMean = ringMean(src, ring), refMean = ringMean(ref, ring);
        for (int c = 0; c < 3; c++) {
            assertEquals(refMean[c], srcMean[c] + m.offset()[c], 1e-9, "channel " + c);
        }
        assertEquals(-5, m.offset()[2], 1e-9, "a flat channel is shifted only");
    }

    @Test
    void onlyRingPixelsCount() {
        int n = 100;
        byte[] src = new byte[n], ref = new byte[n];
        int[] ring = new int[50];
        for (int p = 0; p < n; p++) {
            boolean inRing = p < 50;
            if (inRing) {
                ring[p] = p;
            }
            src[p] = (byte) (inRing ? 100 : 0);
            ref[p] = (byte) (inRing ? 120 : 255); // the lips differ on purpose: they must not pull the match
        }
        assertArrayEquals(new double[] {20}, fit(image(src, 10, 10, 1), image(ref, 10, 10, 1), ring).offset(), 1e-9);
    }

    @Test
    void sumsReadAWindowOfALargerImage() {
        byte[] px = new byte[3 * 8 * 6];
        for (int p = 0; p < 8 * 6; p++) {
            px[3 * p] = (byte) p; // blue: the pixel's index in the whole image
            px[3 * p + 1] = (byte) 200;
        }
        // the 3 × 2 window at (2, 1): its pixels (0, 0) and (2, 1) are image pixels 1·8 + 2 and 2·8 + 4
        Mat window = image(px, 6, 8, 3).apply(new Rect(2, 1, 3, 2));
        assertArrayEquals(new long[] {10 + 20, 400, 0}, ColourMatch.sums(window, new int[] {0, 5}));
    }

    @Test
    void tinyRingsAreNotTrusted() {
        byte[] src = {0, 1, 0, 1, 0, 1, 0, 1}, ref = {9, 10, 9, 10, 9, 10, 9, 10};
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7};
        assertArrayEquals(new double[] {0}, fit(image(src, 1, 8, 1), image(ref, 1, 8, 1), all).offset(), 0,
                "8 pixels are too few");
    }

    private static ColourMatch fit(Mat source, Mat reference, int[] ring) {
        return ColourMatch.fit(ColourMatch.sums(source, ring), ColourMatch.sums(reference, ring), ring.length);
    }

    private static Mat image(byte[] px, int rows, int cols, int channels) {
        Mat m = new Mat(rows, cols, channels == 3 ? CV_8UC3 : CV_8UC1);
        m.data().put(px);
        return m;
    }

    private static double[] ringMean(byte[] bgr, int[] ring) {
        double[] mean = new double[3];
        for (int p : ring) {
            for (int c = 0; c < 3; c++) {
                mean[c] += bgr[3 * p + c] & 0xff;
            }
        }
        for (int c = 0; c < 3; c++) {
            mean[c] /= ring.length;
        }
        return mean;
    }
}
