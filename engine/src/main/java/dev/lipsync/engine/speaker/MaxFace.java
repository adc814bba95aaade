package dev.lipsync.engine.speaker;

/**
 * The {@code max-face} mode (the API's {@code disable_active_speaker_detection}): the largest
 * visible face is the one to re-render. Also the fallback of {@link ActiveSpeaker}.
 */
public final class MaxFace {
    /** Another face must be this much larger (relative) to take over, so near-equal faces do not flicker. */
    static final double DEFAULT_MARGIN = 0.15;

    private MaxFace() {
    }

    /**
     * Per frame, the largest face, with a little hysteresis: the current face is kept while it is
     * visible and no other face is more than 15 % larger. The choice resets at shot cuts.
     *
     * @param faceSize [track][frame] face size (box area, or eye distance: any measure that grows
     *                 with the face), NaN where the track has no face in that frame
     * @param cuts     first frame index of each new shot
     * @return per frame the chosen track index into {@code faceSize}, or -1 where no face is visible
     *         (with no tracks at all there are no frames to tell: an empty array)
     */
    public static int[] choose(double[][] faceSize, int[] cuts) {
        return choose(faceSize, cuts, DEFAULT_MARGIN);
    }

    static int[] choose(double[][] faceSize, int[] cuts, double margin) {
        int frames = frameCount(faceSize);
        int[] out = new int[frames];
        int[] shots = Shots.boundaries(cuts, frames);
        for (int s = 0; s + 1 < shots.length; s++) {
            int current = -1;
            for (int t = shots[s]; t < shots[s + 1]; t++) {
                int largest = largest(faceSize, t);
                if (current < 0 || !visible(faceSize, current, t)
                        || (largest >= 0 && faceSize[largest][t] > (1 + margin) * faceSize[current][t])) {
                    current = largest;
                }
                out[t] = current;
            }
        }
        return out;
    }

    /** The track with the largest finite size at frame t, or -1. */
    static int largest(double[][] faceSize, int t) {
        int best = -1;
        for (int k = 0; k < faceSize.length; k++) {
            if (visible(faceSize, k, t) && (best < 0 || faceSize[k][t] > faceSize[best][t])) {
                best = k;
            }
        }
        return best;
    }

    private static boolean visible(double[][] size, int k, int t) {
        return Double.isFinite(size[k][t]);
    }

    private static int frameCount(double[][] perTrack) {
        if (perTrack.length == 0) {
            return 0;
        }
        int n = perTrack[0].length;
        for (double[] track : perTrack) {
            if (track.length != n) {
                throw new IllegalArgumentException("all tracks must have the same number of frames");
            }
        }
        return n;
    }
}
