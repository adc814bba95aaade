package dev.lipsync.engine.audio;

import java.util.Arrays;

/** Per-clip statistics used to make features independent of recording level and speaker. */
public final class ClipStatistics {
    private ClipStatistics() {
    }

    /** The {@code q}-quantile (0..1) of the values, by linear interpolation; NaN if empty. */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int k = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[k] - sorted[i]);
    }

    /**
     * Z-scores of {@code values} using the mean and standard deviation of the entries where
     * {@code use} is true (all entries when fewer than {@code minCount} are), clamped to ±limit.
     */
    public static double[] zScores(double[] values, boolean[] use, int minCount, double limit) {
        int count = 0;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < values.length; i++) {
            if (use == null || use[i]) {
                count++;
                sum += values[i];
                sumSq += values[i] * values[i];
            }
        }
        if (count < minCount) {
            return zScores(values, null, 0, limit);
        }
        double mean = count == 0 ? 0 : sum / count;
        double var = count == 0 ? 0 : sumSq / count - mean * mean;
        double sd = Math.sqrt(Math.max(var, 1e-12));
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double z = (values[i] - mean) / sd;
            out[i] = Math.max(-limit, Math.min(limit, z));
        }
        return out;
    }
}
