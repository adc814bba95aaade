package dev.lipsync.engine.audio;

/**
 * The short-time analysis grid shared by all audio features: 16 kHz mono input, frames every
 * 10 ms (100 Hz), frame {@code j} centred on sample {@code j * HOP}. Features are computed on
 * this grid and then sampled at video frame times ({@link FrameSampler}), so they do not
 * depend on the video's frame rate.
 */
public final class AnalysisFrames {
    public static final int SAMPLE_RATE = 16_000;
    public static final int HOP = 160;
    public static final double RATE_HZ = (double) SAMPLE_RATE / HOP;

    private AnalysisFrames() {
    }

    /** Number of 100 Hz analysis frames covering {@code samples} samples. */
    public static int count(int samples) {
        return samples / HOP + 1;
    }

    /**
     * Copies the {@code length} samples centred on analysis frame {@code j} into {@code out},
     * multiplied by {@code window}; samples outside the signal are zero.
     */
    static void windowed(float[] audio, int j, double[] window, double[] out) {
        int length = window.length;
        int start = j * HOP - length / 2;
        for (int i = 0; i < length; i++) {
            int s = start + i;
            out[i] = s >= 0 && s < audio.length ? audio[s] * window[i] : 0.0;
        }
        for (int i = length; i < out.length; i++) {
            out[i] = 0.0;
        }
    }

    /** A symmetric Hann window of the given length. */
    static double[] hann(int length) {
        double[] w = new double[length];
        for (int i = 0; i < length; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / length);
        }
        return w;
    }
}
