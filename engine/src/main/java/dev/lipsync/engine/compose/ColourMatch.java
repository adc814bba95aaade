package dev.lipsync.engine.compose;

/**
 * Per-channel gain and offset that give the source the target's mean and spread on a set of
 * skin pixels (used in Lab, so lightness and the two colour axes are corrected separately).
 * Pure function over pixel-interleaved float arrays.
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

    /** In place: v ← gain·v + offset, per channel. */
    void apply(float[] image) {
        int channels = gain.length;
        for (int p = 0; p < image.length; p++) {
            int c = p % channels;
            image[p] = image[p] * gain[c] + offset[c];
        }
    }
}
