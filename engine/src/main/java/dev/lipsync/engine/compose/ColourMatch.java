package dev.lipsync.engine.compose;

/**
 * The shift per colour channel that gives the source the target's mean on a set of skin pixels
 * (the cheek ring around the mouth). Only the mean is matched, not the spread: the ring's
 * spread is mostly shading (a fold, a shadow under the lip) that differs between two frames of
 * the same face, and a gain fitted to it is extrapolated onto the lips and the inner mouth,
 * which lie far outside the ring's values: matching spread made red lips visibly darker and
 * more saturated than in either frame, and their re-detected opening followed the wanted one
 * less well (reconstruction bench, woman_glasses: r 0.41 → 0.49 over the voices). A shift in
 * BGR is also a shift in any linear colour space (YCbCr included), so no conversion is needed.
 * Pure functions over pixel-interleaved arrays.
 *
 * @param offset per channel, added to the source
 */
record ColourMatch(double[] offset) {

    /** Fewer ring pixels than this and the statistics are not trusted: no correction. */
    static final int MIN_PIXELS = 32;

    static ColourMatch identity(int channels) {
        return new ColourMatch(new double[channels]);
    }

    /**
     * Fits on the {@code ring} pixels of two images of the same size, {@code channels} bytes per
     * pixel (unsigned), no row padding.
     */
    static ColourMatch fit(byte[] source, byte[] reference, boolean[] ring, int channels) {
        long[] sourceSum = new long[channels], referenceSum = new long[channels];
        long n = 0;
        for (int p = 0; p < ring.length; p++) {
            if (!ring[p]) {
                continue;
            }
            n++;
            for (int c = 0; c < channels; c++) {
                sourceSum[c] += source[p * channels + c] & 0xff;
                referenceSum[c] += reference[p * channels + c] & 0xff;
            }
        }
        if (n < MIN_PIXELS) {
            return identity(channels);
        }
        double[] offset = new double[channels];
        for (int c = 0; c < channels; c++) {
            offset[c] = (referenceSum[c] - sourceSum[c]) / (double) n;
        }
        return new ColourMatch(offset);
    }
}
