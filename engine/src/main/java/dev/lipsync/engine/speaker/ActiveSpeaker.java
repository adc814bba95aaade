package dev.lipsync.engine.speaker;

import dev.lipsync.engine.audio.SpeechRuns;
import java.util.Arrays;

/**
 * Active speaker detection on the original soundtrack: which face track is talking.
 *
 * <p>Evidence: the audio → mouth model ({@code mouth.MouthTargetModel}) predicts from the
 * video's own soundtrack how open a speaking mouth would be in each frame; for each track, its
 * lip opening is correlated with that prediction over a sliding window, at the audio-to-video
 * lag that fits that track best within the shot (the model already allows for lips moving a
 * little before the sound; the lag search, ±200 ms, absorbs the video's own audio/video
 * offset). The speaker's lips follow the prediction; another face's lips, even moving, do not.
 *
 * <p>Decision: the choice is the cheapest path through the tracks over the whole shot, where
 * each frame rewards the chosen track with its score and every switch costs a fixed amount.
 * That is hysteresis without a delay: a switch happens only when another track has been
 * better by enough for long enough to pay for it (twice, for a brief blip: away and back),
 * and it is placed where the other track starts to win. Windows with too little speech (voice
 * activity of the soundtrack) give no evidence, so they keep the current choice. Where there
 * is nothing to go on (silence at a shot's start, no face correlating), a small bonus for the
 * largest face decides, as in {@link MaxFace}. Every cut starts afresh.
 *
 * <p>Windowed scores place a switch only to within about half a window of the turn (earlier
 * when the next speaker's lips follow the sound more closely than the last one's), while
 * people mostly take turns at a pause. So a switch between two faces then moves to the middle
 * of the longest pause in the soundtrack near it, if there is one: there, neither mouth is
 * heard, and the face left behind is not left mouthing its last words untouched.
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
     * @param pauseSearchSeconds how far from a switch a pause in the soundtrack is looked for
     * @param minPauseSeconds   the shortest silence that counts as a pause
     */
    record Params(double windowSeconds, double minLagSeconds, double maxLagSeconds, double minCorrelation,
                  double switchCost, double largestFaceBonus, double minActiveFraction, double pauseSearchSeconds,
                  double minPauseSeconds) {
        static final Params DEFAULTS = new Params(1.2, -0.2, 0.2, 0.1, 0.35, 0.02, 0.2, 1.0, 0.12);
    }

    private ActiveSpeaker() {
    }

    /**
     * @param opening      [track][frame] lip opening ({@code MouthShape.opening()}), NaN where the
     *                     track has no face in that frame
     * @param faceSize     [track][frame] face size (box area or eye distance), NaN where absent;
     *                     decides where the audio does not
     * @param heardOpening per frame, the mouth opening predicted from the original soundtrack (any
     *                     scale: only its correlation with the lips counts)
     * @param speech       per frame, whether the soundtrack holds speech there
     * @param cuts         first frame index of each new shot
     * @param fps          video frame rate
     * @return per frame the chosen track index into {@code opening}, or -1 where no face is visible
     */
    public static int[] choose(double[][] opening, double[][] faceSize, double[] heardOpening, boolean[] speech,
                               int[] cuts, double fps) {
        return choose(opening, faceSize, heardOpening, speech, cuts, fps, Params.DEFAULTS);
    }

    static int[] choose(double[][] opening, double[][] faceSize, double[] heardOpening, boolean[] speech,
                        int[] cuts, double fps, Params p) {
        int frames = heardOpening.length;
        if (speech.length != frames) {
            throw new IllegalArgumentException("speech must have one value per frame");
        }
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
        int[] out = new int[frames];
        int[] shots = Shots.boundaries(cuts, frames);
        for (int s = 0; s + 1 < shots.length; s++) {
            int from = shots[s], to = shots[s + 1];
            int half = (int) Math.max(1, Math.round(p.windowSeconds() * fps / 2));
            double[][] score = scores(opening, duringSpeech(heardOpening, speech), from, to, half, fps, p);
            double[] activeFraction = windowFraction(speech, from, to, half);
            choosePath(score, activeFraction, opening, faceSize, from, to, fps, p, out);
            moveSwitchesIntoPauses(out, speech, opening, faceSize, from, to, fps, p);
        }
        return out;
    }

    /**
     * Moves each switch between two faces in {@code [from, to)} to the middle of the longest
     * pause (no speech for at least {@code minPauseSeconds}) whose middle lies within
     * {@code pauseSearchSeconds} of it, the nearest of equally long ones; not past a neighbouring
     * switch, and only where the face that gains the frames in between is visible in all of them.
     */
    static void moveSwitchesIntoPauses(int[] choice, boolean[] speech, double[][] opening, double[][] faceSize,
                                       int from, int to, double fps, Params p) {
        int reach = (int) Math.round(p.pauseSearchSeconds() * fps);
        int minPause = Math.max(1, (int) Math.round(p.minPauseSeconds() * fps));
        for (int s = from + 1; s < to; s++) {
            int before = choice[s - 1], after = choice[s];
            if (before == after || before < 0 || after < 0) {
                continue;
            }
            int previousSwitch = s - 1;
            while (previousSwitch > from && choice[previousSwitch - 1] == before) {
                previousSwitch--;
            }
            int nextSwitch = s + 1;
            while (nextSwitch < to && choice[nextSwitch] == after) {
                nextSwitch++;
            }
            int target = middleOfLongestPause(speech, Math.max(previousSwitch + 1, s - reach),
                    Math.min(nextSwitch - 1, s + reach), s, minPause);
            if (target < 0 || target == s) {
                continue;
            }
            int track = target < s ? after : before; // who takes the frames in between
            int lo = Math.min(target, s), hi = Math.max(target, s);
            boolean visibleThroughout = true;
            for (int t = lo; t < hi && visibleThroughout; t++) {
                visibleThroughout = visible(opening, faceSize, track, t);
            }
            if (visibleThroughout) {
                Arrays.fill(choice, lo, hi, track);
                s = Math.max(s, target);
            }
        }
    }

    /**
     * The middle frame of the longest run of silence (at least {@code minLength} frames; the
     * whole run, which may reach beyond the range) whose middle lies in {@code [lo, hi]}, the
     * nearest to {@code near} among equally long ones; -1 if there is none.
     */
    static int middleOfLongestPause(boolean[] speech, int lo, int hi, int near, int minLength) {
        int best = -1, bestLength = 0;
        for (SpeechRuns.Run pause : SpeechRuns.silences(speech)) {
            int length = pause.length(), middle = (pause.start() + pause.end()) / 2;
            if (length >= minLength && middle >= lo && middle <= hi
                    && (length > bestLength || length == bestLength && Math.abs(middle - near) < Math.abs(best - near))) {
                best = middle;
                bestLength = length;
            }
        }
        return best;
    }

    /** [track][frame - from]: the windowed correlation at the track's lag; NaN where the face is absent. */
    private static double[][] scores(double[][] opening, double[] heard, int from, int to, int half, double fps,
                                     Params p) {
        int minPairs = Math.max(3, half / 2); // a quarter of a window, so shot edges still score
        double[][] score = new double[opening.length][];
        for (int k = 0; k < opening.length; k++) {
            int lag = bestLag(opening[k], heard, from, to, fps, p, minPairs);
            double[] c = LaggedCorrelation.windowed(heard, opening[k], lag, from, to, half, minPairs);
            score[k] = new double[to - from];
            for (int i = 0; i < to - from; i++) {
                score[k][i] = Double.isFinite(opening[k][from + i]) ? c[i] : Double.NaN;
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
    private static int bestLag(double[] opening, double[] heard, int from, int to, double fps, Params p,
                               int minPairs) {
        int minLag = (int) Math.round(p.minLagSeconds() * fps);
        int maxLag = (int) Math.round(p.maxLagSeconds() * fps);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = minLag; lag <= maxLag; lag++) {
            double c = LaggedCorrelation.overRange(heard, opening, lag, from, to, minPairs);
            if (c > bestScore) { // NaN never wins
                bestScore = c;
                best = lag;
            }
        }
        return best;
    }

    /** The heard opening where the soundtrack holds speech, NaN elsewhere: silence tells nothing. */
    static double[] duringSpeech(double[] heard, boolean[] speech) {
        double[] out = new double[heard.length];
        for (int t = 0; t < heard.length; t++) {
            out[t] = speech[t] ? heard[t] : Double.NaN;
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
