package dev.lipsync.engine.rewrite;

import dev.lipsync.engine.face.LowerFaceLook;
import java.util.Arrays;

/**
 * Which of a track's frames have something in front of the mouth: a microphone, a cup, a hand
 * with a phone. Rendered over, such a thing vanished from the mouth and stayed below it, and as a
 * donor it carried the thing into frames that never had it. Each frame's {@link LowerFaceLook}
 * (the skin around the mouth) is compared with the track's median look, point by point, after
 * taking out the whole look's shift (lighting, exposure); frames where many points changed much,
 * a few frames running, are occluded, and so are their neighbours (a moving thing's edges blur
 * into them). A thing of the skin's own colour (a hand) is not told apart from skin, and a thing
 * held there for most of a track is that track's median look (the median is what lets a beard
 * count as the face's own): then it is the frames without it that differ.
 */
final class Occlusions {
    /** Fewer looks than this give no median worth comparing with: nothing is called occluded. */
    static final int MIN_FRAMES = 10;
    /*
     * Measured (2026-12-04) on the 41 shared clips (no occluders; 36 speakers): at most 0.20 of a
     * frame's points beyond 150, a grimace baring the teeth included (0.28 beyond 90), once 0.36
     * in two frames running of a face in moving leaf shadows; a 45 px microphone drawn over the
     * lips and chin of a 250 px face changed 0.24-0.36 of them in every frame it was there.
     */
    /** A point changed: |ΔR| + |ΔG| + |ΔB| beyond this, once the look's own shift is taken out. */
    static final int CHANGED = 150;
    /** A changed frame: at least this share of its points changed. */
    static final double SHARE = 0.2;
    /** Beside a run of changed frames, frames with at least this share are occluded too (a held thing moves). */
    static final double GROW_SHARE = 0.1;
    /** Occluded: a run of at least this many changed frames (a held thing stays; an expression or a shadow passes). */
    static final int MIN_RUN = 3;

    private Occlusions() {
    }

    /**
     * @param looks per frame of one track, its look ({@link LowerFaceLook#of}), null where it has none
     * @return per frame, whether something is in front of the mouth
     */
    static boolean[] of(int[][] looks) {
        boolean[] occluded = new boolean[looks.length];
        int[][] median = median(looks);
        if (median == null) {
            return occluded;
        }
        double[] share = new double[looks.length];
        for (int t = 0; t < looks.length; t++) {
            share[t] = looks[t] == null ? 0 : changedShare(looks[t], median);
        }
        boolean[] held = new boolean[looks.length];
        int run = 0;
        for (int t = 0; t < looks.length; t++) {
            run = share[t] >= SHARE ? run + 1 : 0;
            if (run >= MIN_RUN) {
                Arrays.fill(held, t - run + 1, t + 1, true);
            }
        }
        for (int t = 1; t < looks.length; t++) { // grow forward, then backward
            held[t] |= held[t - 1] && share[t] >= GROW_SHARE;
        }
        for (int t = looks.length - 2; t >= 0; t--) {
            held[t] |= held[t + 1] && share[t] >= GROW_SHARE;
        }
        for (int t = 0; t < looks.length; t++) {
            occluded[t] = held[t] || (t > 0 && held[t - 1]) || (t + 1 < looks.length && held[t + 1]);
        }
        return occluded;
    }

    /** The share of {@code look}'s points that differ from {@code median} by more than {@link #CHANGED}. */
    static double changedShare(int[] look, int[][] median) {
        int[][] diff = new int[3][look.length];
        int valid = 0;
        for (int k = 0; k < look.length; k++) {
            if (look[k] != LowerFaceLook.OUTSIDE && median[k] != null) {
                for (int c = 0; c < 3; c++) {
                    diff[c][valid] = channel(look[k], c) - median[k][c];
                }
                valid++;
            }
        }
        if (valid < look.length / 2) {
            return 0; // too few points to say
        }
        int[] shift = new int[3];
        for (int c = 0; c < 3; c++) {
            int[] sorted = Arrays.copyOf(diff[c], valid);
            Arrays.sort(sorted);
            shift[c] = sorted[valid / 2];
        }
        int changed = 0;
        for (int k = 0; k < valid; k++) {
            int d = Math.abs(diff[0][k] - shift[0]) + Math.abs(diff[1][k] - shift[1]) + Math.abs(diff[2][k] - shift[2]);
            if (d > CHANGED) {
                changed++;
            }
        }
        return changed / (double) valid;
    }

    /** Per point, the median R, G and B over the looks; null for the whole with fewer than {@link #MIN_FRAMES} looks. */
    static int[][] median(int[][] looks) {
        int frames = 0;
        for (int[] look : looks) {
            frames += look == null ? 0 : 1;
        }
        if (frames < MIN_FRAMES) {
            return null;
        }
        int[][] median = new int[LowerFaceLook.SIZE][];
        int[] values = new int[frames];
        for (int k = 0; k < LowerFaceLook.SIZE; k++) {
            int[] point = new int[3];
            for (int c = 0; c < 3; c++) {
                int n = 0;
                for (int[] look : looks) {
                    if (look != null && look[k] != LowerFaceLook.OUTSIDE) {
                        values[n++] = channel(look[k], c);
                    }
                }
                if (n == 0) {
                    point = null;
                    break;
                }
                Arrays.sort(values, 0, n);
                point[c] = values[n / 2];
            }
            median[k] = point;
        }
        return median;
    }

    private static int channel(int rgb, int c) {
        return (rgb >>> (16 - 8 * c)) & 0xff;
    }
}
