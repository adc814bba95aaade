package dev.lipsync.engine.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ColourMatchTest {

    @Test
    void movesRingMeanAndSpreadToTheReference() {
        Random r = new Random(3);
        int n = 5000;
        float[] src = new float[3 * n], ref = new float[3 * n];
        boolean[] ring = new boolean[n];
        for (int p = 0; p < n; p++) {
            ring[p] = p % 2 == 0;
            double g = r.nextGaussian(), g2 = r.nextGaussian();
            src[3 * p] = (float) (60 + 4 * g);  // L: mean 60, sd 4
            src[3 * p + 1] = (float) (10 + 2 * g2);
            src[3 * p + 2] = 20;
            ref[3 * p] = (float) (66 + 5 * r.nextGaussian()); // brighter, a bit more contrast
            ref[3 * p + 1] = (float) (12 + 2 * r.nextGaussian());
            ref[3 * p + 2] = 18;
        }
        ColourMatch m = ColourMatch.fit(src, ref, ring, 3);
        m.apply(src);
        double[] mean = new double[3], sd = new double[3];
        int count = 0;
        for (int p = 0; p < n; p++) {
            if (ring[p]) {
                count++;
                for (int c = 0; c < 3; c++) {
                    mean[c] += src[3 * p + c];
                    sd[c] += src[3 * p + c] * src[3 * p + c];
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            mean[c] /= count;
            sd[c] = Math.sqrt(sd[c] / count - mean[c] * mean[c]);
        }
        assertEquals(66, mean[0], 0.3);
        assertEquals(5, sd[0], 0.2);
        assertEquals(12, mean[1], 0.15);
        assertEquals(18, mean[2], 1e-3); // flat channel: shifted, not stretched
        assertEquals(1.0, m.gain()[2], 1e-9);
    }

    @Test
    void gainIsClampedAndTinyRingsAreIgnored() {
        float[] src = {0, 1, 0, 1, 0, 1, 0, 1}, ref = {0, 10, 0, 10, 0, 10, 0, 10};
        boolean[] all = new boolean[8];
        java.util.Arrays.fill(all, true);
        assertEquals(1.0f, ColourMatch.fit(src, ref, all, 1).gain()[0], 0f, "8 pixels are too few to trust");
        int n = 100;
        float[] s = new float[n], t = new float[n];
        boolean[] ring = new boolean[n];
        for (int p = 0; p < n; p++) {
            s[p] = p % 2;
            t[p] = 10 * (p % 2);
            ring[p] = true;
        }
        assertEquals(ColourMatch.MAX_GAIN, ColourMatch.fit(s, t, ring, 1).gain()[0], 1e-6);
    }

    @Test
    void theBgrAffineMapDoesInBgrWhatTheMatchDoesInYCbCr() {
        Random r = new Random(11);
        int n = 2000;
        byte[] src = new byte[3 * n], ref = new byte[3 * n];
        boolean[] ring = new boolean[n];
        for (int p = 0; p < n; p++) {
            ring[p] = p % 3 != 0;
            double skin = r.nextGaussian();
            // a warm skin tone, and the same skin darker and redder with more contrast
            src[3 * p] = (byte) Math.clamp(Math.round(110 + 12 * skin), 0, 255);
            src[3 * p + 1] = (byte) Math.clamp(Math.round(140 + 14 * skin), 0, 255);
            src[3 * p + 2] = (byte) Math.clamp(Math.round(190 + 15 * skin), 0, 255);
            double other = r.nextGaussian();
            ref[3 * p] = (byte) Math.clamp(Math.round(90 + 16 * other), 0, 255);
            ref[3 * p + 1] = (byte) Math.clamp(Math.round(115 + 18 * other), 0, 255);
            ref[3 * p + 2] = (byte) Math.clamp(Math.round(185 + 19 * other), 0, 255);
        }
        ColourMatch m = ColourMatch.fitBgr(src, ref, ring);
        double[] affine = m.bgrAffine();
        double[] mean = new double[3], refMean = new double[3];
        int count = 0;
        for (int p = 0; p < n; p++) {
            float[] y = new float[3];
            ColourMatch.toYCbCr(src, 3 * p, y, 0);
            m.apply(y);
            double[] bgr = new double[3];
            for (int c = 0; c < 3; c++) {
                bgr[c] = affine[4 * c] * (src[3 * p] & 0xff) + affine[4 * c + 1] * (src[3 * p + 1] & 0xff)
                        + affine[4 * c + 2] * (src[3 * p + 2] & 0xff) + affine[4 * c + 3];
            }
            // the mapped BGR pixel, seen in YCbCr, is the matched YCbCr pixel
            float[] back = new float[3];
            byte[] rounded = new byte[3];
            for (int c = 0; c < 3; c++) {
                rounded[c] = (byte) Math.clamp(Math.round(bgr[c]), 0, 255);
            }
            ColourMatch.toYCbCr(rounded, 0, back, 0);
            for (int c = 0; c < 3; c++) {
                assertEquals(y[c], back[c], 1.0, "pixel " + p + " channel " + c);
            }
            if (ring[p]) {
                count++;
                for (int c = 0; c < 3; c++) {
                    mean[c] += bgr[c];
                    refMean[c] += ref[3 * p + c] & 0xff;
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            assertEquals(refMean[c] / count, mean[c] / count, 0.5, "ring mean of channel " + c + " moves to the reference's");
        }
        double[] identity = ColourMatch.identity(3).bgrAffine();
        double[] expected = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
        for (int k = 0; k < 12; k++) {
            assertEquals(expected[k], identity[k], 1e-9);
        }
    }
}
