package dev.lipsync.engine.media;

/**
 * Chooses the constant output frame rate from a stream's two rates. FFmpeg reports
 * {@code r_frame_rate} (the timebase grid frames sit on) and {@code avg_frame_rate}
 * (frames ÷ duration). For constant-rate video both agree. A camera that drops frames on a
 * fixed grid (e.g. frames 1/30 s or 2/30 s apart, avg ≈ 22) keeps the grid rate, so every
 * frame stays at its own time and gaps become duplicates. Otherwise the average is used,
 * snapped to a common rate when within 1 % (29.8 → 30).
 */
public final class FrameRates {
    private static final double[] COMMON = {
        24000.0 / 1001, 24, 25, 30000.0 / 1001, 30, 48, 50, 60000.0 / 1001, 60, 100, 120};
    static final double FALLBACK = 25;

    private FrameRates() {
    }

    /** @param nominal r_frame_rate (≤ 0 or NaN when unknown); @param average avg_frame_rate (likewise) */
    public static double choose(double nominal, double average) {
        boolean nominalOk = nominal > 0 && nominal <= 240 && Double.isFinite(nominal);
        boolean averageOk = average > 0 && average <= 240 && Double.isFinite(average);
        if (nominalOk && averageOk) {
            double ratio = average / nominal;
            if (Math.abs(ratio - 1) < 0.01 || (ratio > 0.6 && ratio < 1)) {
                return nominal;
            }
            return snap(average);
        }
        if (averageOk) {
            return snap(average);
        }
        if (nominalOk) {
            return nominal;
        }
        return FALLBACK;
    }

    /** The closest common rate within 1 %, else the rate itself. */
    static double snap(double rate) {
        double best = rate;
        double bestError = 0.01;
        for (double common : COMMON) {
            double error = Math.abs(rate - common) / common;
            if (error < bestError) {
                best = common;
                bestError = error;
            }
        }
        return best;
    }
}
