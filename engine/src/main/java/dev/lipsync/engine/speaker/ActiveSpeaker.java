package dev.lipsync.engine.speaker;

import java.util.Arrays;

/**
 * Active speaker detection on the original soundtrack: which face track is talking.
 *
 * <p>Evidence: for each track, its lip opening is correlated with the audio's log energy, and
 * the speed of its lips with the speed at which the energy changes (syllable onsets and ends),
 * over a sliding window, at the audio-to-video lag that fits that track best within the shot
 * (lips usually move a little before the sound, so lags run from -300 to +100 ms).
 *
 * <p>Decision: the choice is the cheapest path through the tracks over the whole shot, where
 * each frame rewards the chosen track with its score and every switch costs a fixed amount.
 * That is hysteresis without a delay: a switch happens only when another track has been
 * better by enough for long enough to pay for it (twice, for a brief blip: away and back),
 * and it is placed where the other track starts to win. Silent stretches give no evidence, so
 * they keep the current choice. Where there is nothing to go on (silence at a shot's start,
 * no face correlating), a small bonus for the largest face decides, as in {@link MaxFace}.
 * Every cut starts afresh.
 */
public final class ActiveSpeaker {

    /**
     * @param windowSeconds     length of the correlation window
     * @param minLagSeconds     most negative lag tried: video at u + lag against audio at u
     * @param maxLagSeconds     most positive lag tried
     * @param minCorrelation    below this best score in a frame, no track counts as speaking there
     * @param switchCost        cost of a switch, in score × seconds (0.25: a track better by 0.5
     *                          for half a second pays for it)
     * @param largestFaceBonus  reward per frame for the largest visible face: decides where the
     *                          audio does not
     * @param minActiveFraction a window with less speech than this is silence: no evidence
     */
    record Params(double windowSeconds, double minLagSeconds, double maxLagSeconds, double minCorrelation,
                  double switchCost, double largestFaceBonus, double minActiveFraction) {
        static final Params DEFAULTS = new Params(2.0, -0.3, 0.1, 0.1, 0.25, 0.02, 0.1);
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
     * @param faceSize  [track][frame] face size (box area or eye distance), NaN where absent; decides
     *                  where the audio does not
     * @param logEnergy per frame, the original soundtrack's log energy, best in the speech band
     *                  ({@link FrameEnergy#speechBand})
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
        double[][] lipSpeed = new double[opening.length][];
        for (int k = 0; k < opening.length; k++) {
            lipSpeed[k] = speed(opening[k]);
        }
        int[] out = new int[frames];
        int[] shots = Shots.boundaries(cuts, frames);
        for (int s = 0; s + 1 < shots.length; s++) {
            int from = shots[s], to = shots[s + 1];
            int half = (int) Math.max(1, Math.round(p.windowSeconds() * fps / 2));
            double[][] score = scores(opening, lipSpeed, logEnergy, energySpeed, from, to, half, fps, p);
            double[] activeFraction = windowFraction(active, from, to, half);
            choosePath(score, activeFraction, opening, faceSize, from, to, fps, p, out);
        }
        return out;
    }

    /** [track][frame - from]: mean of the two windowed correlations; NaN where the face is absent. */
    private static double[][] scores(double[][] opening, double[][] lipSpeed, double[] energy, double[] energySpeed,
                                     int from, int to, int half, double fps, Params p) {
        int minPairs = Math.max(3, half / 2); // a quarter of a window, so shot edges still score
        double[][] score = new double[opening.length][];
        for (int k = 0; k < opening.length; k++) {
            int lag = bestLag(opening[k], lipSpeed[k], energy, energySpeed, from, to, fps, p, minPairs);
            double[] co = LaggedCorrelation.windowed(energy, opening[k], lag, from, to, half, minPairs);
            double[] cv = LaggedCorrelation.windowed(energySpeed, lipSpeed[k], lag, from, to, half, minPairs);
            score[k] = new double[to - from];
            for (int i = 0; i < to - from; i++) {
                score[k][i] = Double.isFinite(opening[k][from + i]) ? (co[i] + cv[i]) / 2 : Double.NaN;
            }
        }
        return score;
    }

    /**
     * Viterbi over the states "track k" and "no face" (allowed only where no face is visible).
     * Reward per frame: the track's score where there is evidence, plus the largest-face bonus;
     * cost per switch between tracks: switchCost × fps. Entering or leaving "no face" is free: a
     * face that comes back is a fresh decision.
     */
    private static void choosePath(double[][] score, double[] activeFraction, double[][] opening, double[][] faceSize,
                                   int from, int to, double fps, Params p, int[] out) {
        int tracks = opening.length;
        int none = tracks;
        int len = to - from;
        double penalty = p.switchCost() * fps;
        double[] value = new double[tracks + 1];
        double[] next = new double[tracks + 1];
        int[][] back = new int[len][tracks + 1];
        for (int i = 0; i < len; i++) {
            int t = from + i;
            int largest = largestVisible(opening, faceSize, t);
            boolean evidence = activeFraction[i] >= p.minActiveFraction();
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < tracks; k++) {
                if (visible(opening, faceSize, k, t)) {
                    if (!Double.isFinite(score[k][i])) {
                        evidence = false; // a visible face without a score might be the speaker
                    } else {
                        bestScore = Math.max(bestScore, score[k][i]);
                    }
                }
            }
            evidence &= bestScore >= p.minCorrelation();
            int bestPrev = 0;
            for (int k = 1; k <= tracks; k++) {
                if (value[k] > value[bestPrev]) {
                    bestPrev = k;
                }
            }
            for (int k = 0; k <= tracks; k++) {
                double reward;
                if (k == none) {
                    reward = largest < 0 ? 0 : Double.NEGATIVE_INFINITY;
                } else if (!visible(opening, faceSize, k, t)) {
                    reward = Double.NEGATIVE_INFINITY;
                } else {
                    reward = (evidence ? score[k][i] : 0) + (k == largest ? p.largestFaceBonus() : 0);
                }
                double stay = i == 0 ? 0 : value[k];
                double move = i == 0 ? 0 : value[bestPrev] - (bestPrev == none || k == none ? 0 : penalty);
                next[k] = Math.max(stay, move) + reward;
                back[i][k] = stay >= move ? k : bestPrev;
            }
            double[] swap = value;
            value = next;
            next = swap;
        }
        int state = 0;
        for (int k = 1; k <= tracks; k++) {
            if (value[k] > value[state]) {
                state = k;
            }
        }
        for (int i = len - 1; i >= 0; i--) {
            out[from + i] = state == none ? -1 : state;
            state = back[i][state];
        }
    }

    /** The lag (in frames) that best fits the track over the whole shot; 0 when it cannot be told. */
    private static int bestLag(double[] opening, double[] lipSpeed, double[] energy, double[] energySpeed, int from,
                               int to, double fps, Params p, int minPairs) {
        int minLag = (int) Math.round(p.minLagSeconds() * fps);
        int maxLag = (int) Math.round(p.maxLagSeconds() * fps);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = minLag; lag <= maxLag; lag++) {
            double c = LaggedCorrelation.overRange(energy, opening, lag, from, to, minPairs)
                    + LaggedCorrelation.overRange(energySpeed, lipSpeed, lag, from, to, minPairs);
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
