package dev.lipsync.engine.speaker;

import java.util.Arrays;

/**
 * Active speaker detection on the original soundtrack: which face track is talking.
 *
 * <p>For each track, its lip opening is correlated with the audio's log energy, and the speed of
 * its lips with the speed at which the energy changes (syllable onsets and ends), over a sliding window, at the audio-to-video lag that fits that track best within
 * the shot (lips usually move a little before the sound, so lags run from -300 to +100 ms).
 * The choice only changes when another track correlates clearly better for a while, and it
 * resets at every cut. Where there is nothing to go on (silence at a shot's start, no face
 * correlating), the largest face is taken, as in {@link MaxFace}.
 */
public final class ActiveSpeaker {

    /**
     * @param windowSeconds     length of the correlation window
     * @param minLagSeconds     most negative lag tried: video at u + lag against audio at u
     * @param maxLagSeconds     most positive lag tried
     * @param minCorrelation    a track must correlate at least this much to count as speaking
     * @param switchMargin      a challenger must beat the current track's score by this much ...
     * @param persistSeconds    ... for this long (then the switch is dated back to when it began)
     * @param fallbackSeconds   after this long with speech but no track correlating, take the largest face
     * @param minActiveFraction a window with less speech than this is silence: no evidence, keep the choice
     */
    record Params(double windowSeconds, double minLagSeconds, double maxLagSeconds, double minCorrelation,
                  double switchMargin, double persistSeconds, double fallbackSeconds, double minActiveFraction) {
        static final Params DEFAULTS = new Params(1.5, -0.3, 0.1, 0.2, 0.15, 0.4, 3.0, 0.1);
    }

    /** Speech frames lie this far (fraction of the clip's dynamic range) above its noise floor. */
    private static final double ACTIVE_LEVEL = 0.2;
    /** A clip whose loud and quiet frames differ by less than this holds no speech we can use. */
    private static final double MIN_DYNAMIC_RANGE_DB = 10;

    private ActiveSpeaker() {
    }

    /**
     * @param opening   [track][frame] lip opening ({@code MouthShape.opening()}), NaN where the track
     *                  has no face in that frame
     * @param faceSize  [track][frame] face size (box area or eye distance), NaN where absent; used for
     *                  the fallback to the largest face
     * @param logEnergy per frame, the original soundtrack's log energy ({@link FrameEnergy#logEnergy})
     * @param cuts      first frame index of each new shot
     * @param fps       video frame rate
     * @return per frame the chosen track index into {@code opening}, or -1 where no face is visible
     */
    public static int[] choose(double[][] opening, double[][] faceSize, double[] logEnergy, int[] cuts, double fps) {
        return choose(opening, faceSize, logEnergy, cuts, fps, Params.DEFAULTS);
    }

    static int[] choose(double[][] opening, double[][] faceSize, double[] logEnergy, int[] cuts, double fps,
                        Params p) {
        int frames = logEnergy.length;
        if (opening.length != faceSize.length) {
            throw new IllegalArgumentException("opening and faceSize must have one row per track");
        }
        for (int k = 0; k < opening.length; k++) {
            if (opening[k].length != frames || faceSize[k].length != frames) {
                throw new IllegalArgumentException("track " + k + " does not have " + frames + " frames");
            }
        }
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be positive");
        }
        boolean[] active = speechFrames(logEnergy);
        double[] energySpeed = speed(logEnergy);
        double[][] velocity = new double[opening.length][];
        for (int k = 0; k < opening.length; k++) {
            velocity[k] = speed(opening[k]);
        }
        int[] out = new int[frames];
        int[] shots = Shots.boundaries(cuts, frames);
        for (int s = 0; s + 1 < shots.length; s++) {
            chooseInShot(opening, velocity, faceSize, logEnergy, energySpeed, active, shots[s], shots[s + 1], fps, p, out);
        }
        return out;
    }

    private static void chooseInShot(double[][] opening, double[][] velocity, double[][] faceSize, double[] energy,
                                     double[] energySpeed, boolean[] active, int from, int to, double fps, Params p, int[] out) {
        int tracks = opening.length;
        int half = (int) Math.max(1, Math.round(p.windowSeconds() * fps / 2));
        int minPairs = Math.max(3, half / 2); // a quarter of a window, so shot edges still score
        double[][] score = new double[tracks][];
        for (int k = 0; k < tracks; k++) {
            int lag = bestLag(opening[k], velocity[k], energy, energySpeed, from, to, fps, p, minPairs);
            double[] co = LaggedCorrelation.windowed(energy, opening[k], lag, from, to, half, minPairs);
            double[] cv = LaggedCorrelation.windowed(energySpeed, velocity[k], lag, from, to, half, minPairs);
            score[k] = new double[to - from];
            for (int i = 0; i < to - from; i++) {
                // a track scores only where its face is visible
                score[k][i] = Double.isFinite(opening[k][from + i]) ? (co[i] + cv[i]) / 2 : Double.NaN;
            }
        }
        double[] activeFraction = windowFraction(active, from, to, half);
        int persist = (int) Math.max(1, Math.round(p.persistSeconds() * fps));
        int fallback = (int) Math.max(1, Math.round(p.fallbackSeconds() * fps));

        int current = -1;
        boolean earned = false; // chosen by correlation rather than by size
        int guessedSince = from; // start of a stretch where the choice was a size guess with no evidence yet
        int pending = -1, pendingSince = -1, pendingCount = 0;
        int uncorrelatedSince = -1;
        for (int t = from; t < to; t++) {
            int i = t - from;
            if (current >= 0 && !visible(opening, faceSize, current, t)) {
                current = -1;
            }
            if (current < 0) {
                current = largestVisible(opening, faceSize, t);
                earned = false;
                guessedSince = t;
                pending = -1;
            }
            if (activeFraction[i] >= p.minActiveFraction()) {
                // compare only when every visible face has a score: a face without one might be the speaker
                int best = -1;
                boolean complete = true;
                for (int k = 0; k < tracks; k++) {
                    if (!Double.isFinite(score[k][i])) {
                        complete &= !visible(opening, faceSize, k, t);
                    } else if (best < 0 || score[k][i] > score[best][i]) {
                        best = k;
                    }
                }
                if (!complete) {
                    pending = -1;
                } else if (best >= 0 && score[best][i] >= p.minCorrelation()) {
                    uncorrelatedSince = -1;
                    if (best == current) {
                        earned = true;
                        pending = -1;
                    } else {
                        double mine = current >= 0 && Double.isFinite(score[current][i])
                                ? score[current][i] : Double.NEGATIVE_INFINITY;
                        boolean clearlyBetter = !earned || score[best][i] - mine >= p.switchMargin();
                        if (!clearlyBetter) {
                            pending = -1;
                        } else {
                            if (pending != best) {
                                pending = best;
                                pendingSince = t;
                                pendingCount = 0;
                            }
                            if (++pendingCount >= persist) {
                                // offline, so the switch can start where the evidence began, or
                                // where the size guess it replaces began
                                int since = earned ? pendingSince : Math.min(pendingSince, guessedSince);
                                current = best;
                                earned = true;
                                pending = -1;
                                for (int u = since; u < t; u++) {
                                    if (visible(opening, faceSize, current, u)) {
                                        out[u] = current;
                                    }
                                }
                            }
                        }
                    }
                } else {
                    pending = -1;
                    if (uncorrelatedSince < 0) {
                        uncorrelatedSince = t;
                    } else if (t - uncorrelatedSince >= fallback) {
                        int largest = largestVisible(opening, faceSize, t);
                        if (largest >= 0 && largest != current) {
                            current = largest;
                            earned = false;
                            guessedSince = t;
                        }
                    }
                }
            } else {
                // silence: no evidence either way, keep the current choice
                pending = -1;
                uncorrelatedSince = -1;
            }
            out[t] = current;
        }
    }

    /** The lag (in frames) that best fits the track over the whole shot; 0 when it cannot be told. */
    private static int bestLag(double[] opening, double[] velocity, double[] energy, double[] energySpeed, int from, int to, double fps,
                               Params p, int minPairs) {
        int minLag = (int) Math.round(p.minLagSeconds() * fps);
        int maxLag = (int) Math.round(p.maxLagSeconds() * fps);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = minLag; lag <= maxLag; lag++) {
            double c = LaggedCorrelation.overRange(energy, opening, lag, from, to, minPairs)
                    + LaggedCorrelation.overRange(energySpeed, velocity, lag, from, to, minPairs);
            if (c > bestScore) { // NaN never wins
                bestScore = c;
                best = lag;
            }
        }
        return best;
    }

    /** |dx/dt| (central difference), lightly smoothed over 3 frames; NaN next to missing frames. */
    static double[] speed(double[] series) {
        int n = series.length;
        double[] raw = new double[n];
        for (int t = 0; t < n; t++) {
            double a = series[Math.max(0, t - 1)], b = series[Math.min(n - 1, t + 1)];
            int span = Math.min(n - 1, t + 1) - Math.max(0, t - 1);
            raw[t] = span == 0 ? Double.NaN : Math.abs(b - a) / span;
        }
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            double sum = 0;
            int count = 0;
            for (int u = Math.max(0, t - 1); u <= Math.min(n - 1, t + 1); u++) {
                sum += raw[u];
                count++;
            }
            out[t] = Double.isFinite(raw[t]) ? sum / count : Double.NaN;
        }
        return out;
    }

    /** Frames whose energy rises well above the clip's noise floor; none if the clip has no dynamics. */
    static boolean[] speechFrames(double[] logEnergy) {
        boolean[] out = new boolean[logEnergy.length];
        double[] finite = Arrays.stream(logEnergy).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return out;
        }
        double floor = finite[(int) (0.10 * (finite.length - 1))];
        double peak = finite[(int) (0.95 * (finite.length - 1))];
        if (peak - floor < MIN_DYNAMIC_RANGE_DB) {
            return out;
        }
        double threshold = floor + ACTIVE_LEVEL * (peak - floor);
        for (int t = 0; t < logEnergy.length; t++) {
            out[t] = logEnergy[t] > threshold;
        }
        return out;
    }

    private static double[] windowFraction(boolean[] active, int from, int to, int half) {
        int len = to - from;
        int[] prefix = new int[len + 1];
        for (int i = 0; i < len; i++) {
            prefix[i + 1] = prefix[i] + (active[from + i] ? 1 : 0);
        }
        double[] out = new double[len];
        for (int i = 0; i < len; i++) {
            int lo = Math.max(0, i - half), hi = Math.min(len, i + half + 1);
            out[i] = (prefix[hi] - prefix[lo]) / (double) (hi - lo);
        }
        return out;
    }

    private static boolean visible(double[][] opening, double[][] faceSize, int k, int t) {
        return Double.isFinite(opening[k][t]) || Double.isFinite(faceSize[k][t]);
    }

    /** Largest face by size; a track with an opening but no size counts as size 0. */
    private static int largestVisible(double[][] opening, double[][] faceSize, int t) {
        int best = -1;
        double bestSize = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < opening.length; k++) {
            if (visible(opening, faceSize, k, t)) {
                double size = Double.isFinite(faceSize[k][t]) ? faceSize[k][t] : 0;
                if (size > bestSize) {
                    bestSize = size;
                    best = k;
                }
            }
        }
        return best;
    }
}
