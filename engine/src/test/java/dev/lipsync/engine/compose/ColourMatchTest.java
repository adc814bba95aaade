package dev.lipsync.engine.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ColourMatchTest {

    @Test
    void shiftsTheRingMeanToTheReferenceAndLeavesTheSpread() {
        Random r = new Random(3);
        int n = 5000;
        byte[] src = new byte[3 * n], ref = new byte[3 * n];
        boolean[] ring = new boolean[n];
        for (int p = 0; p < n; p++) {
            ring[p] = p % 2 == 0;
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
        ColourMatch m = ColourMatch.fit(src, ref, ring, 3);
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
        boolean[] ring = new boolean[n];
        for (int p = 0; p < n; p++) {
            ring[p] = p < 50;
            src[p] = (byte) (ring[p] ? 100 : 0);
            ref[p] = (byte) (ring[p] ? 120 : 255); // the lips differ on purpose: they must not pull the match
        }
        assertArrayEquals(new double[] {20}, ColourMatch.fit(src, ref, ring, 1).offset(), 1e-9);
    }

    @Test
    void tinyRingsAreNotTrusted() {
        byte[] src = {0, 1, 0, 1, 0, 1, 0, 1}, ref = {9, 10, 9, 10, 9, 10, 9, 10};
        boolean[] all = new boolean[8];
        java.util.Arrays.fill(all, true);
        assertArrayEquals(new double[] {0}, ColourMatch.fit(src, ref, all, 1).offset(), 0, "8 pixels are too few");
    }

    private static double[] ringMean(byte[] bgr, boolean[] ring) {
        double[] mean = new double[3];
        int count = 0;
        for (int p = 0; p < ring.length; p++) {
            if (ring[p]) {
                count++;
                for (int c = 0; c < 3; c++) {
                    mean[c] += bgr[3 * p + c] & 0xff;
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            mean[c] /= count;
        }
        return mean;
    }
}
