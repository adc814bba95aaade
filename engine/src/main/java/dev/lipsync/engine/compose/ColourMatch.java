package dev.lipsync.engine.compose;

/**
 * Per-channel gain and offset that give the source the target's mean and spread on a set of
 * skin pixels. Used in YCbCr ({@link #fitBgr}), so brightness and the two colour axes are
 * corrected separately while the correction stays one affine map of BGR, applied to a whole
 * window in a single pass. Pure functions over pixel-interleaved arrays.
 *
 * @param gain per channel; clamped so that a small or noisy ring cannot blow up contrast
 * @param offset per channel
 */
record ColourMatch(float[] gain, float[] offset) {

    static final double MIN_GAIN = 0.67, MAX_GAIN = 1.5;
    /** Fewer ring pixels than this and the statistics are not trusted: no correction. */
    static final int MIN_PIXELS = 32;

    static ColourMatch identity(int channels) {
        float[] g = new float[channels];
        java.util.Arrays.fill(g, 1f);
        return new ColourMatch(g, new float[channels]);
    }

    /**
     * @param source, reference images of the same size, {@code channels} values per pixel
     * @param ring which pixels to compare
     */
    static ColourMatch fit(float[] source, float[] reference, boolean[] ring, int channels) {
        double[] ss = new double[channels], ss2 = new double[channels], rs = new double[channels], rs2 = new double[channels];
        long n = 0;
        for (int p = 0; p < ring.length; p++) {
            if (!ring[p]) {
                continue;
            }
            n++;
            for (int c = 0; c < channels; c++) {
                double s = source[p * channels + c], r = reference[p * channels + c];
                ss[c] += s;
                ss2[c] += s * s;
                rs[c] += r;
                rs2[c] += r * r;
            }
        }
        if (n < MIN_PIXELS) {
            return identity(channels);
        }
        float[] gain = new float[channels], offset = new float[channels];
        for (int c = 0; c < channels; c++) {
            double ms = ss[c] / n, mr = rs[c] / n;
            double sdS = Math.sqrt(Math.max(0, ss2[c] / n - ms * ms));
            double sdR = Math.sqrt(Math.max(0, rs2[c] / n - mr * mr));
            double g = sdS > 1e-6 ? Math.clamp(sdR / sdS, MIN_GAIN, MAX_GAIN) : 1.0;
            gain[c] = (float) g;
            offset[c] = (float) (mr - g * ms);
        }
        return new ColourMatch(gain, offset);
    }

    /** BT.601 full-range YCbCr rows over (B, G, R), and the offsets added after them. */
    private static final double[][] TO_YCBCR = {
            {0.114, 0.587, 0.299},
            {0.5, -0.331264, -0.168736},
            {-0.081312, -0.418688, 0.5}};
    private static final double[] YCBCR_OFFSET = {0, 128, 128};
    private static final double[][] FROM_YCBCR = invert(TO_YCBCR);

    /**
     * Fits on the {@code ring} pixels of two BGR byte images of the same size (3 bytes per
     * pixel, no row padding), in YCbCr.
     */
    static ColourMatch fitBgr(byte[] sourceBgr, byte[] referenceBgr, boolean[] ring) {
        int n = 0;
        for (boolean r : ring) {
            if (r) n++;
        }
        float[] s = new float[3 * n], r = new float[3 * n];
        for (int p = 0, k = 0; p < ring.length; p++) {
            if (ring[p]) {
                toYCbCr(sourceBgr, 3 * p, s, 3 * k);
                toYCbCr(referenceBgr, 3 * p, r, 3 * k);
                k++;
            }
        }
        boolean[] all = new boolean[n];
        java.util.Arrays.fill(all, true);
        return fit(s, r, all, 3);
    }

    static void toYCbCr(byte[] bgr, int at, float[] out, int to) {
        double b = bgr[at] & 0xff, g = bgr[at + 1] & 0xff, rr = bgr[at + 2] & 0xff;
        for (int c = 0; c < 3; c++) {
            out[to + c] = (float) (TO_YCBCR[c][0] * b + TO_YCBCR[c][1] * g + TO_YCBCR[c][2] * rr + YCBCR_OFFSET[c]);
        }
    }

    /**
     * This match (fitted in YCbCr by {@link #fitBgr}) as a 3×4 affine map of BGR values,
     * row-major: bgr' = M·(b, g, r, 1). It is T⁻¹·G·T plus the matching offset, T being the
     * YCbCr transform and G the gains.
     */
    double[] bgrAffine() {
        double[] out = new double[12];
        for (int i = 0; i < 3; i++) {
            double constant = 0;
            for (int k = 0; k < 3; k++) {
                // y' = g·(T x + o) + off  →  x' = T⁻¹(y' − o)
                constant += FROM_YCBCR[i][k] * (gain[k] * YCBCR_OFFSET[k] + offset[k] - YCBCR_OFFSET[k]);
                for (int j = 0; j < 3; j++) {
                    out[4 * i + j] += FROM_YCBCR[i][k] * gain[k] * TO_YCBCR[k][j];
                }
            }
            out[4 * i + 3] = constant;
        }
        return out;
    }

    private static double[][] invert(double[][] m) {
        double a = m[0][0], b = m[0][1], c = m[0][2], d = m[1][0], e = m[1][1], f = m[1][2],
                g = m[2][0], h = m[2][1], i = m[2][2];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return new double[][] {
                {(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det},
                {(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det},
                {(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det}};
    }

    /** In place: v ← gain·v + offset, per channel. */
    void apply(float[] image) {
        int channels = gain.length;
        for (int p = 0; p < image.length; p++) {
            int c = p % channels;
            image[p] = image[p] * gain[c] + offset[c];
        }
    }
}
