package dev.lipsync.engine.landmarks;

/**
 * The One-Euro filter (Casiez, Roussel and Vogel, CHI 2012): a low-pass filter whose cutoff
 * rises with the signal's speed, so a still signal loses its jitter while a moving one keeps
 * up with little lag. One scalar signal at a fixed sampling rate.
 */
public final class OneEuroFilter {
    private final double rate;
    private final double minCutoff;
    private final double beta;
    private final double derivativeCutoff;
    private boolean primed;
    private double previous;
    private double derivative;

    /**
     * @param rate samples per second
     * @param minCutoff cutoff (Hz) at rest: lower removes more jitter
     * @param beta how fast the cutoff rises with speed (Hz per unit/s): higher lags less
     * @param derivativeCutoff cutoff (Hz) for the speed estimate, typically 1
     */
    public OneEuroFilter(double rate, double minCutoff, double beta, double derivativeCutoff) {
        if (rate <= 0 || minCutoff <= 0 || derivativeCutoff <= 0 || beta < 0) {
            throw new IllegalArgumentException("bad One-Euro parameters");
        }
        this.rate = rate;
        this.minCutoff = minCutoff;
        this.beta = beta;
        this.derivativeCutoff = derivativeCutoff;
    }

    static double alpha(double rate, double cutoff) {
        double tau = 1.0 / (2 * Math.PI * cutoff);
        return 1.0 / (1.0 + tau * rate);
    }

    /** Filters the next sample. */
    public double filter(double x) {
        return filter(x, 1.0);
    }

    /**
     * Filters the next sample, measuring its speed in units of {@code speedScale} (e.g. the
     * face size, so one beta suits small and large faces).
     */
    public double filter(double x, double speedScale) {
        if (!primed) {
            primed = true;
            previous = x;
            derivative = 0;
            return x;
        }
        double rawDerivative = (x - previous) * rate / speedScale;
        derivative += alpha(rate, derivativeCutoff) * (rawDerivative - derivative);
        double cutoff = minCutoff + beta * Math.abs(derivative);
        previous += alpha(rate, cutoff) * (x - previous);
        return previous;
    }

    /** Forgets the history (e.g. at a shot cut). */
    public void reset() {
        primed = false;
    }
}
