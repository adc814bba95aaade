package dev.lipsync.engine.speaker;

/**
 * The soundtrack's loudness at the video frame rate: the minimal audio feature that active
 * speaker detection needs (the full audio features live in the audio stage).
 */
public final class FrameEnergy {
    /** Value for frames with no audio under them, and the floor of near-digital-silence. */
    static final double SILENT_DB = -100.0;
    /** Windows shorter than this are too noisy at high frame rates. */
    private static final double MIN_WINDOW_SECONDS = 0.025;

    private FrameEnergy() {
    }

    /**
     * Log energy (dB of mean square, full scale = 0 dB) of the audio under each video frame: a
     * window of one frame period (at least 25 ms) centred on the middle of the frame's display
     * interval [i/fps, (i+1)/fps).
     *
     * @param audio      mono samples in [-1, 1]
     * @param sampleRate samples per second (16000 in this engine)
     * @param fps        video frame rate
     * @param frames     number of video frames; frames past the end of the audio get {@value #SILENT_DB}
     */
    public static double[] logEnergy(float[] audio, int sampleRate, double fps, int frames) {
        if (sampleRate <= 0 || !(fps > 0) || frames < 0) {
            throw new IllegalArgumentException("sampleRate, fps must be positive and frames non-negative");
        }
        double window = Math.max(1.0 / fps, MIN_WINDOW_SECONDS) * sampleRate;
        double[] out = new double[frames];
        for (int i = 0; i < frames; i++) {
            double centre = (i + 0.5) / fps * sampleRate;
            int from = (int) Math.max(0, Math.round(centre - window / 2));
            int to = (int) Math.min(audio.length, Math.round(centre + window / 2));
            if (to <= from) {
                out[i] = SILENT_DB;
                continue;
            }
            double sum = 0;
            for (int s = from; s < to; s++) {
                sum += (double) audio[s] * audio[s];
            }
            out[i] = Math.max(SILENT_DB, 10 * Math.log10(sum / (to - from) + 1e-12));
        }
        return out;
    }
}
