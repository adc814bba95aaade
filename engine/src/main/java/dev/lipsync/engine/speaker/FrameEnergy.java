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

    /** Centre and quality of the speech band: about 1-3 kHz, where the envelope follows the mouth best. */
    static final double BAND_CENTRE_HZ = 2000;
    static final double BAND_Q = 1.0;

    private FrameEnergy() {
    }

    /**
     * {@link #logEnergy} of the audio band-passed to about 1-3 kHz (a second-order band-pass at
     * 2 kHz, Q = 1, 0 dB at the centre). That band's envelope follows mouth opening more closely
     * than full-band energy, which low voiced sounds dominate (Chandrasekaran et al. 2009). On
     * 132 ordered pairs of 12 real talking clips side by side, soundtrack switching from one to the
     * other half-way (both faces keep talking), {@link ActiveSpeaker} gave 72 % of frames to the
     * right face with this band against 63 % with full-band energy.
     */
    public static double[] speechBand(float[] audio, int sampleRate, double fps, int frames) {
        return logEnergy(bandPass(audio, sampleRate, BAND_CENTRE_HZ, BAND_Q), sampleRate, fps, frames);
    }

    /** Biquad band-pass (RBJ cookbook, constant 0 dB peak gain). */
    static float[] bandPass(float[] x, int sampleRate, double centreHz, double q) {
        double w0 = 2 * Math.PI * centreHz / sampleRate;
        double alpha = Math.sin(w0) / (2 * q);
        double a0 = 1 + alpha;
        double b0 = alpha / a0, b2 = -alpha / a0, a1 = -2 * Math.cos(w0) / a0, a2 = (1 - alpha) / a0;
        float[] y = new float[x.length];
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double v = b0 * x[i] + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = v;
            y[i] = (float) v;
        }
        return y;
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
