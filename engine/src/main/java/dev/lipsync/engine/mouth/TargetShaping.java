package dev.lipsync.engine.mouth;

import dev.lipsync.engine.audio.SpeechRuns;

/**
 * Turns a raw per-frame linear prediction into a usable target: variance restored (linear
 * maps under-articulate), coarticulation smoothing, and a closed mouth in silence. Pure
 * functions over per-video-frame arrays.
 */
public final class TargetShaping {
    /**
     * Pauses shorter than this stay as predicted (the model already lowers the opening there);
     * longer ones are closed. In cross-validation on real clips, closing every pause of 150 ms
     * or more lowered the correlation with the measured opening from 0.45 to 0.39 (people rest
     * with parted lips in short pauses); closing from 0.5 s cost 0.01.
     */
    static final double BRIDGE_SECONDS = 0.5;
    /** Smoothing (Gaussian σ) standing in for coarticulation: neighbours blend over ~±60 ms. */
    static final double SMOOTH_SECONDS = 0.03;

    private TargetShaping() {
    }

    /** Z-scores over the speech frames (all frames if fewer than 10 are speech). */
    static double[] standardise(double[] x, boolean[] speech) {
        double sum = 0, sumSq = 0;
        int count = 0;
        for (int i = 0; i < x.length; i++) {
            if (speech[i]) {
                sum += x[i];
                sumSq += x[i] * x[i];
                count++;
            }
        }
        if (count < 10) {
            boolean[] all = new boolean[x.length];
            java.util.Arrays.fill(all, true);
            return x.length < 2 || count == x.length ? plainZ(x) : standardise(x, all);
        }
        double mean = sum / count;
        double sd = Math.sqrt(Math.max(sumSq / count - mean * mean, 1e-12));
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (x[i] - mean) / sd;
        }
        return out;
    }

    private static double[] plainZ(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= Math.max(1, x.length);
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(Math.max(var / Math.max(1, x.length), 1e-12));
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (x[i] - mean) / sd;
        }
        return out;
    }

    /** Speech mask with silent gaps shorter than {@code frames} filled in. */
    static boolean[] bridge(boolean[] speech, int frames) {
        boolean[] out = speech.clone();
        for (SpeechRuns.Run gap : SpeechRuns.silences(speech)) {
            if (gap.interior(speech) && gap.length() < frames) {
                java.util.Arrays.fill(out, gap.start(), gap.end(), true);
            }
        }
        return out;
    }

    /** Silent frames set to {@code closed}; speech frames keep their prediction. */
    static double[] closeSilence(double[] z, boolean[] speechBridged, double closed) {
        double[] out = z.clone();
        for (int i = 0; i < z.length; i++) {
            if (!speechBridged[i]) {
                out[i] = closed;
            }
        }
        return out;
    }

    /**
     * Frames where {@code closure} (a 0..1 cue per video frame) is at least 0.5 get at most
     * {@code closed}: a lip closure before a release burst. NOT applied by default: the
     * acoustic cue cannot tell /p b m/ from /t d k g/, and forcing closure on it lowered the
     * cross-validated correlation from 0.48 to 0.39 (0.42 with only dips bounded by speech on
     * both sides). The cue is an input of the linear model instead. Worth revisiting with a
     * phone recogniser that names the bilabials.
     */
    public static double[] closeAtClosures(double[] z, double[] closure, double closed) {
        double[] out = z.clone();
        for (int i = 0; i < z.length; i++) {
            if (closure[i] >= 0.5) {
                out[i] = Math.min(out[i], closed);
            }
        }
        return out;
    }

    /** Gaussian smoothing with σ in frames (edges use the available neighbours). */
    static double[] smooth(double[] x, double sigmaFrames) {
        if (sigmaFrames <= 0.1) {
            return x.clone();
        }
        int radius = (int) Math.ceil(3 * sigmaFrames);
        double[] kernel = new double[2 * radius + 1];
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-0.5 * k * k / (sigmaFrames * sigmaFrames));
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 0, w = 0;
            for (int k = -radius; k <= radius; k++) {
                int j = i + k;
                if (j >= 0 && j < x.length) {
                    s += kernel[k + radius] * x[j];
                    w += kernel[k + radius];
                }
            }
            out[i] = s / w;
        }
        return out;
    }

    /** The whole shaping chain for the opening: standardise, close silences, smooth. */
    static double[] opening(double[] raw, boolean[] speech, double fps, double closedZ) {
        return opening(raw, speech, fps, closedZ, BRIDGE_SECONDS, SMOOTH_SECONDS);
    }

    /**
     * The chain with explicit settings (for the fitting tool's comparisons): silent gaps shorter
     * than {@code bridgeSeconds} are kept as predicted, longer ones get {@code closedZ} (NaN: no
     * closing), then Gaussian smoothing of σ = {@code smoothSeconds}.
     */
    public static double[] opening(double[] raw, boolean[] speech, double fps, double closedZ,
                                   double bridgeSeconds, double smoothSeconds) {
        double[] z = standardise(raw, speech);
        if (!Double.isNaN(closedZ)) {
            z = closeSilence(z, bridge(speech, (int) Math.round(bridgeSeconds * fps)), closedZ);
        }
        return smooth(z, smoothSeconds * fps);
    }

    /** Width: standardise, neutral (0) in silence, smooth. */
    static double[] width(double[] raw, boolean[] speech, double fps) {
        double[] z = standardise(raw, speech);
        boolean[] bridged = bridge(speech, (int) Math.round(BRIDGE_SECONDS * fps));
        return smooth(closeSilence(z, bridged, 0.0), SMOOTH_SECONDS * fps);
    }
}
