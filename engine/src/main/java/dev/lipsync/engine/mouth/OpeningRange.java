package dev.lipsync.engine.mouth;

import java.util.Arrays;

/**
 * One person's own range of mouth opening, measured on their frames. Maps a predicted opening
 * given as a z-score (the audio stage predicts per-clip z-scores) onto that range by quantiles:
 * z → Φ(z) → the same quantile of the measured openings. So the output never leaves what this
 * person's mouth actually does, and keeps its full spread (a linear map under-articulates).
 */
public final class OpeningRange {
    private final double[] sorted;

    private OpeningRange(double[] sorted) {
        this.sorted = sorted;
    }

    /** @param measured openings (eye distances) of the person's frames; NaN entries are ignored */
    public static OpeningRange of(double[] measured) {
        double[] finite = Arrays.stream(measured).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            throw new IllegalArgumentException("no measured opening to take the range from");
        }
        return new OpeningRange(finite);
    }

    /** The q-quantile (q in [0, 1], clamped) of the measured openings, interpolated linearly. */
    public double quantile(double q) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        double pos = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
    }

    /** The opening at the quantile Φ(z) of the standard normal; NaN stays NaN. */
    public double fromZ(double z) {
        return quantile(normalCdf(z));
    }

    public double[] fromZ(double[] z) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = fromZ(z[i]);
        }
        return out;
    }

    /** Φ(z) via the complementary error function. */
    static double normalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** erfc with fractional error below 1.2e-7 everywhere (Chebyshev fit, Numerical Recipes' erfcc). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
