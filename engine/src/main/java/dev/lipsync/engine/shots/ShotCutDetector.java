package dev.lipsync.engine.shots;

/**
 * Finds the first frame of each shot from the distances between consecutive frame signatures.
 * A cut is a distance far above the recent level within the shot (so a moving camera or a
 * waving hand, which raise every distance, do not count) and above an absolute floor (so a
 * near-still shot's tiny distances cannot make noise look like a cut); a very large distance
 * is always a cut. Feed frames in order; one instance per video.
 */
public final class ShotCutDetector {
    /** Distances above this are cuts whatever came before. */
    static final double ALWAYS_CUT = 0.35;
    /*
     * Calibration (FrameSignature.distance on the 40 clips of shared/media, none with a real
     * cut): medians 0.002-0.03, largest single steps 0.01-0.11, except a shaky hand-held LRS2
     * clip (median 0.13, max 0.25), which the ratio rule keeps quiet. A cut between two
     * different talking-head clips scores well above 0.35.
     */
    /** Distances below this are never cuts. */
    static final double NEVER_CUT = 0.15;
    /** A cut is at least this many times the recent mean distance. */
    static final double RATIO = 4.0;
    /** Frames of recent history the ratio is taken against. */
    static final int WINDOW = 12;

    private final double[] recent = new double[WINDOW];
    private int recentCount;
    private int recentNext;
    private FrameSignature previous;

    /** True when {@code frame} starts a new shot; the first frame of the video does. */
    public boolean isCut(FrameSignature frame) {
        FrameSignature prev = previous;
        previous = frame;
        if (prev == null) return true;
        double d = frame.distance(prev);
        boolean cut = isCut(d, recent, recentCount);
        if (cut) {
            recentCount = 0;
            recentNext = 0;
        } else {
            recent[recentNext] = d;
            recentNext = (recentNext + 1) % WINDOW;
            recentCount = Math.min(WINDOW, recentCount + 1);
        }
        return cut;
    }

    /** The rule: is distance {@code d} a cut given the first {@code count} distances of {@code history}? */
    static boolean isCut(double d, double[] history, int count) {
        if (d >= ALWAYS_CUT) return true;
        if (d < NEVER_CUT) return false;
        if (count == 0) return false; // right after a cut: only an overwhelming change counts
        double mean = 0;
        for (int i = 0; i < count; i++) mean += history[i];
        mean /= count;
        return d > RATIO * mean;
    }

    /** Batch form over a whole sequence of consecutive-frame distances: cuts[i] is true when frame i+1 starts a shot. */
    static boolean[] cuts(double[] distances) {
        boolean[] out = new boolean[distances.length];
        double[] history = new double[WINDOW];
        int count = 0, next = 0;
        for (int i = 0; i < distances.length; i++) {
            out[i] = isCut(distances[i], history, count);
            if (out[i]) {
                count = 0;
                next = 0;
            } else {
                history[next] = distances[i];
                next = (next + 1) % WINDOW;
                count = Math.min(WINDOW, count + 1);
            }
        }
        return out;
    }
}
