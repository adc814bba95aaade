package dev.lipsync.engine.mouth;

import dev.lipsync.engine.audio.FrameSampler;
import dev.lipsync.engine.audio.LogMel;
import dev.lipsync.engine.audio.SpeechFeatures;

/**
 * The inputs of the audio → mouth model: per 100 Hz analysis frame, nine phonetic features and
 * the 26 per-clip-normalised log-mel bands; per video frame, those features at fixed time
 * offsets around the frame centre (context in seconds, so the model does not depend on fps).
 */
public final class MouthFeatures {
    public static final String[] PHONETIC = {
        "energy", "f1z", "f2z", "voicing", "energyDelta", "energyXf1", "speech", "burst", "closure"};
    public static final int PER_FRAME = PHONETIC.length + LogMel.BANDS;

    private MouthFeatures() {
    }

    /** Names of the per-frame features, phonetic first, then mel0..mel25. */
    public static String[] names() {
        String[] names = new String[PER_FRAME];
        System.arraycopy(PHONETIC, 0, names, 0, PHONETIC.length);
        for (int b = 0; b < LogMel.BANDS; b++) {
            names[PHONETIC.length + b] = "mel" + b;
        }
        return names;
    }

    /** {@code [feature][100 Hz frame]}: tracks, roughly unit-scaled. */
    public static double[][] tracks(SpeechFeatures f) {
        int n = f.length();
        double[][] t = new double[PER_FRAME][n];
        for (int j = 0; j < n; j++) {
            double loudness = (f.energyNorm()[j] + 4.0) / 4.0; // 0 (silence) .. 1 (loud)
            t[0][j] = f.energyNorm()[j];
            t[1][j] = f.f1z()[j];
            t[2][j] = f.f2z()[j];
            t[3][j] = f.voicing()[j];
            t[4][j] = f.energyDelta()[j] / 5.0;
            t[5][j] = loudness * f.f1z()[j];
            t[6][j] = f.speech()[j] ? 1.0 : 0.0;
            t[7][j] = f.burst()[j] / 10.0;
            t[8][j] = f.closure()[j];
            for (int b = 0; b < LogMel.BANDS; b++) {
                t[PHONETIC.length + b][j] = f.logMelNorm()[j][b];
            }
        }
        return t;
    }

    /**
     * One row per video frame: every track sampled at {@code centre + offset} for each offset
     * (seconds), offset-major ({@code row[o * PER_FRAME + feature]}).
     */
    public static double[][] design(double[][] tracks, double fps, int frames, double[] offsetsSeconds) {
        double[][] rows = new double[frames][offsetsSeconds.length * PER_FRAME];
        for (int i = 0; i < frames; i++) {
            row(tracks, FrameSampler.frameCentre(i, fps), offsetsSeconds, rows[i]);
        }
        return rows;
    }

    /** One design row, for the video frame centred at {@code centreSeconds}, written into {@code row}. */
    public static void row(double[][] tracks, double centreSeconds, double[] offsetsSeconds, double[] row) {
        for (int o = 0; o < offsetsSeconds.length; o++) {
            for (int k = 0; k < PER_FRAME; k++) {
                row[o * PER_FRAME + k] = FrameSampler.at(tracks[k], centreSeconds + offsetsSeconds[o]);
            }
        }
    }
}
