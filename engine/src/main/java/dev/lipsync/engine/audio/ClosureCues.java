package dev.lipsync.engine.audio;

/**
 * Acoustic cues of a lip (or other oral) closure: a release burst is a fast energy rise, and
 * the closure is the energy dip just before it. /p b m/ close the lips; /t d k g/ give the
 * same acoustic pattern with the lips apart, so these are cues, not decisions.
 */
public final class ClosureCues {
    /** A rise of at least this many dB within 30 ms counts as a burst. */
    static final double BURST_RISE_DB = 9.0;
    /** The dip must lie this far below the energy just after the burst. */
    static final double DIP_DEPTH_DB = 9.0;
    static final int MAX_CLOSURE_FRAMES = 25; // 250 ms

    private ClosureCues() {
    }

    /**
     * Onset strength in dB: mean energy over the next 30 ms minus over the previous 30 ms,
     * floored at 0.
     */
    public static double[] burst(double[] energyDb) {
        int n = energyDb.length;
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            double before = 0, after = 0;
            for (int k = 1; k <= 3; k++) {
                before += energyDb[Math.max(0, j - k)];
                after += energyDb[Math.min(n - 1, j + k - 1)];
            }
            out[j] = Math.max(0, (after - before) / 3.0);
        }
        return out;
    }

    /**
     * 1 for frames inside an energy dip that ends in a burst (the dip at most 250 ms long and at
     * least {@link #DIP_DEPTH_DB} below the level reached within 100 ms of the burst), else 0.
     */
    public static double[] closure(double[] energyDb) {
        int n = energyDb.length;
        double[] rise = burst(energyDb);
        double[] out = new double[n];
        for (int b = 1; b < n - 1; b++) {
            boolean onset = rise[b] >= BURST_RISE_DB && rise[b] >= rise[b - 1] && rise[b] > rise[b + 1];
            if (!onset) {
                continue;
            }
            double peak = Double.NEGATIVE_INFINITY;
            for (int k = b; k < Math.min(n, b + 10); k++) {
                peak = Math.max(peak, energyDb[k]);
            }
            for (int k = b - 1; k >= 0 && b - k <= MAX_CLOSURE_FRAMES && energyDb[k] < peak - DIP_DEPTH_DB; k--) {
                out[k] = 1.0;
            }
        }
        return out;
    }
}
