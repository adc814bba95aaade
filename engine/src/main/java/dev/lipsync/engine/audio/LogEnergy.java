package dev.lipsync.engine.audio;

/** Short-time log energy in dB relative to full scale (a full-scale sine is about −3 dB). */
public final class LogEnergy {
    static final int WINDOW = 400; // 25 ms
    private static final double FLOOR_DB = -100.0;

    private LogEnergy() {
    }

    /** Log energy (dBFS) of each 100 Hz analysis frame, over a 25 ms Hann window. */
    public static double[] at100Hz(float[] audio) {
        int n = AnalysisFrames.count(audio.length);
        double[] window = AnalysisFrames.hann(WINDOW);
        double windowPower = 0;
        for (double w : window) {
            windowPower += w * w;
        }
        double[] frame = new double[WINDOW];
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            AnalysisFrames.windowed(audio, j, window, frame);
            double sum = 0;
            for (double v : frame) {
                sum += v * v;
            }
            out[j] = Math.max(FLOOR_DB, 10 * Math.log10(sum / windowPower + 1e-12));
        }
        return out;
    }

    /**
     * Energy change in dB per 10 ms: least-squares slope over ±2 frames, so a single noisy
     * frame does not dominate.
     */
    public static double[] delta(double[] energy) {
        int n = energy.length;
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            double num = 0;
            for (int k = 1; k <= 2; k++) {
                num += k * (energy[Math.min(n - 1, j + k)] - energy[Math.max(0, j - k)]);
            }
            out[j] = num / 10.0; // sum of 2k^2 for k=1..2
        }
        return out;
    }
}
