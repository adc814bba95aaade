package dev.lipsync.engine.mouth;

import dev.lipsync.engine.audio.ClipStatistics;
import java.util.Arrays;

/**
 * One person's own range of a mouth measure (opening or width), measured on their frames. Maps
 * a predicted z-score back onto it: {@code mean + z × sd}, clamped to what the person showed.
 *
 * <p>Linear because that is the inverse of how the audio model's targets were made: the fit
 * z-scores each clip's measure by its mean and standard deviation ({@code mouth.fit}), and the
 * shaped prediction has unit variance while speaking, so the person's full spread is kept. An
 * earlier quantile map (z → Φ(z) → that quantile of the person's frames) treated the z-scores
 * as Gaussian ranks; on a skewed person (mostly nearly closed, now and then wide open) it bent
 * them, so a prediction's errors above zero grew and those below shrank. Measured against the
 * true opening (mean r, best lag ±2): 0.528 → 0.553 on the four unseen videos with three
 * voices each, 0.605 → 0.613 on the 35 fitting clips. Rendered, the quality bench's
 * reconstruction went 0.57 → 0.58 on its four clips and 0.54 → 0.53 on eight smaller-faced
 * fitting clips: within that bench's noise either way.
 */
public final class OpeningRange {
    /** The share of frames at each end beyond which the measure is not followed: landmark slips, not shapes. */
    static final double TAIL = 0.01;

    private final double mean;
    private final double sd;
    private final double low;
    private final double high;

    private OpeningRange(double mean, double sd, double low, double high) {
        this.mean = mean;
        this.sd = sd;
        this.low = low;
        this.high = high;
    }

    /** @param measured the person's value per frame (eye distances); NaN entries are ignored */
    public static OpeningRange of(double[] measured) {
        double[] finite = Arrays.stream(measured).filter(Double::isFinite).sorted().toArray(); // sums in this order
        if (finite.length == 0) {
            throw new IllegalArgumentException("no measured opening to take the range from");
        }
        double sum = 0;
        for (double v : finite) {
            sum += v;
        }
        double mean = sum / finite.length;
        double squares = 0;
        for (double v : finite) {
            squares += (v - mean) * (v - mean);
        }
        return new OpeningRange(mean, Math.sqrt(squares / finite.length), ClipStatistics.quantile(finite, TAIL),
                ClipStatistics.quantile(finite, 1 - TAIL));
    }

    /** The person's standard deviation: how much their mouth moves (eye distances). */
    public double spread() {
        return sd;
    }

    /** The value z standard deviations from the person's mean, inside their range; NaN stays NaN. */
    public double fromZ(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return Math.min(high, Math.max(low, mean + z * sd));
    }

    public double[] fromZ(double[] z) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = fromZ(z[i]);
        }
        return out;
    }
}
