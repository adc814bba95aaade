package dev.lipsync.engine.audio;

import java.util.Arrays;

/**
 * How far a voice's formants lie above or below an average voice's (vocal tract length
 * normalisation): a shorter vocal tract, as in most women's and children's voices, puts every
 * resonance higher by about the same factor. The mel bands the mouth model reads are then
 * taken on a frequency axis scaled by that factor ({@link LogMel#at100Hz(float[], double)}),
 * so that the same vowel lands in the same bands whoever speaks it. Per-clip z-scores alone
 * remove level and timbre, not such a shift along the bands.
 *
 * <p>The estimate is the geometric mean of the clip's median F1 and median F2 over voiced
 * speech, over {@link #REFERENCE_HZ}. On the shared clips it followed sox pitch shifts of
 * +400 and −300 cents (factors 1.26 and 0.84) with 1.20 and 0.87.
 */
public final class VocalTractScale {
    /**
     * The median of that geometric mean over the 35 clips the mouth model was fitted on
     * (range 786–1064 Hz): the voice the model saw most.
     */
    static final double REFERENCE_HZ = 890;
    /** Estimates are clamped to this range: beyond it lies a failed estimate, not a voice. */
    static final double MIN = 0.8, MAX = 1.3;
    /** Voiced speech frames needed (0.5 s); with fewer the scale stays 1. */
    static final int MIN_FRAMES = 50;
    /** Voicing ({@link Voicing}) above which a speech frame counts as voiced. */
    static final double VOICED = 0.5;

    private VocalTractScale() {
    }

    /**
     * The factor for one clip, from its formants ({@link Formants#at100Hz}), voice activity and
     * voicing (all at 100 Hz; extra frames in any of them are ignored). 1 where too little
     * voiced speech has both formants.
     */
    public static double estimate(double[][] formants, boolean[] speech, double[] voicing) {
        int n = Math.min(formants.length, Math.min(speech.length, voicing.length));
        double[] f1 = new double[n], f2 = new double[n];
        int count = 0;
        for (int j = 0; j < n; j++) {
            double[] f = formants[j];
            if (speech[j] && voicing[j] > VOICED && f != null && Double.isFinite(f[0]) && Double.isFinite(f[1])) {
                f1[count] = f[0];
                f2[count] = f[1];
                count++;
            }
        }
        if (count < MIN_FRAMES) {
            return 1.0;
        }
        double scale = Math.sqrt(median(f1, count) * median(f2, count)) / REFERENCE_HZ;
        return Math.clamp(scale, MIN, MAX);
    }

    /** The upper median of the first {@code count} values (sorts that part in place). */
    private static double median(double[] values, int count) {
        Arrays.sort(values, 0, count);
        return values[count / 2];
    }

    /**
     * Where a frequency of the reference voice lies in a voice of this {@code scale}: {@code
     * scale × hz} up to a knee, then a straight line to Nyquist, so that the whole band stays
     * covered whichever way the voice is scaled (the piecewise-linear warp of HTK's VTLN). The
     * knee sits where the scaled frequency reaches 3/4 of Nyquist, or at 3/4 of Nyquist for
     * lower voices.
     */
    public static double warp(double hz, double scale, double nyquist) {
        if (scale == 1.0) {
            return hz; // exactly: the unwarped bands stay bit for bit what they were
        }
        double knee = 0.75 * nyquist / Math.max(scale, 1.0);
        if (hz <= knee) {
            return scale * hz;
        }
        double kneeOut = scale * knee;
        return kneeOut + (hz - knee) * (nyquist - kneeOut) / (nyquist - knee);
    }
}
