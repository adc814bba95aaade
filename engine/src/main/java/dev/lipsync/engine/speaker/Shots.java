package dev.lipsync.engine.speaker;

import java.util.Arrays;

/** Splits a frame range into shots at cut indices; every choice resets at a shot's start. */
final class Shots {
    private Shots() {
    }

    /**
     * @param cuts   indices of the first frame of each new shot (any order; out-of-range and duplicate
     *               values are ignored)
     * @param frames total number of frames
     * @return ascending boundaries b0=0 < b1 < ... < bm=frames; shot i is [b_i, b_{i+1})
     */
    static int[] boundaries(int[] cuts, int frames) {
        int[] sorted = cuts == null ? new int[0] : cuts.clone();
        Arrays.sort(sorted);
        int[] out = new int[sorted.length + 2];
        int n = 0;
        out[n++] = 0;
        for (int c : sorted) {
            if (c > out[n - 1] && c < frames) {
                out[n++] = c;
            }
        }
        if (frames > 0) {
            out[n++] = frames;
        }
        return Arrays.copyOf(out, n);
    }
}
