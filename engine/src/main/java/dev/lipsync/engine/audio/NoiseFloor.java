package dev.lipsync.engine.audio;

import java.util.Arrays;

/**
 * How far each frame rises above the clip's own background, band by band: a steady noise,
 * hum or room tone under the speech sits at its floor in every band, while speech lifts some
 * bands (its formants, its fricatives) well above theirs. Per mel band, the floor is the
 * lowest of the {@value #PERCENTILE}-quantiles of half-second blocks within
 * {@value #REACH_BLOCKS} blocks either side (a moving minimum that follows a background
 * changing over seconds and reaches it in any pause of a fifth of a second or more); a frame's
 * excess is the mean, over its {@value #TOP_BANDS} highest bands, of how far the band
 * (smoothed over 50 ms) lies above its floor.
 */
public final class NoiseFloor {
    static final int BLOCK_FRAMES = 50;
    static final int REACH_BLOCKS = 2;
    static final double PERCENTILE = 0.1;
    static final int SMOOTH_FRAMES = 2; // either side
    static final int TOP_BANDS = 8;
    private static final double DB_PER_NAT = 10 / Math.log(10);

    private NoiseFloor() {
    }

    /**
     * @param logMel {@code [frame][band]} natural-log band energies ({@link LogMel#at100Hz})
     * @return per frame, the excess over the background in dB (0 for a frame at its floor)
     */
    public static double[] excessDb(double[][] logMel) {
        int n = logMel.length;
        if (n == 0) {
            return new double[0];
        }
        int bands = logMel[0].length;
        double[][] smooth = smoothed(logMel);
        int blocks = (n + BLOCK_FRAMES - 1) / BLOCK_FRAMES;
        double[][] blockFloor = new double[blocks][bands];
        for (int k = 0; k < blocks; k++) {
            int from = k * BLOCK_FRAMES, to = Math.min(n, from + BLOCK_FRAMES);
            double[] values = new double[to - from];
            for (int b = 0; b < bands; b++) {
                for (int t = from; t < to; t++) {
                    values[t - from] = smooth[t][b];
                }
                Arrays.sort(values);
                blockFloor[k][b] = values[(int) (PERCENTILE * (values.length - 1))];
            }
        }
        double[] out = new double[n];
        double[] excess = new double[bands];
        for (int t = 0; t < n; t++) {
            int block = t / BLOCK_FRAMES;
            for (int b = 0; b < bands; b++) {
                double floor = Double.POSITIVE_INFINITY;
                for (int k = Math.max(0, block - REACH_BLOCKS); k <= Math.min(blocks - 1, block + REACH_BLOCKS); k++) {
                    floor = Math.min(floor, blockFloor[k][b]);
                }
                excess[b] = Math.max(0, smooth[t][b] - floor);
            }
            Arrays.sort(excess);
            int top = Math.min(TOP_BANDS, bands);
            double sum = 0;
            for (int b = bands - top; b < bands; b++) {
                sum += excess[b];
            }
            out[t] = DB_PER_NAT * sum / top;
        }
        return out;
    }

    /** Each band's mean over ±{@value #SMOOTH_FRAMES} frames (fewer at the clip's ends). */
    static double[][] smoothed(double[][] logMel) {
        int n = logMel.length, bands = logMel[0].length;
        double[][] out = new double[n][bands];
        for (int t = 0; t < n; t++) {
            int from = Math.max(0, t - SMOOTH_FRAMES), to = Math.min(n - 1, t + SMOOTH_FRAMES);
            for (int b = 0; b < bands; b++) {
                double sum = 0;
                for (int k = from; k <= to; k++) {
                    sum += logMel[k][b];
                }
                out[t][b] = sum / (to - from + 1);
            }
        }
        return out;
    }
}
