package dev.lipsync.engine.compose;

import java.util.Arrays;

/**
 * Distance of each pixel of a mask to the nearest pixel outside it (0 outside), row-major, and
 * the largest: the 3×3 chamfer (Borgefors), within 5 % of the Euclidean distance (half a pixel
 * across the finest blend ramp; a smooth error, so the ramps stay ramps).
 *
 * <p>The same numbers as OpenCV's {@code distanceTransform(mask, DIST_L2, DIST_MASK_3)} (its
 * fixed-point steps, 0.955 and 1.3693 in 16.16, and its float conversion), worked out on the
 * mask's bytes in Java: the OpenCV call cost about twice as much for a mouth window, plus
 * copying the mask in and the distances out and a separate pass for the largest.
 */
record MaskDistance(float[] values, double deepest) {
    private static final int SHIFT = 16;
    /** OpenCV's rounding of its float metrics to 16.16 fixed point. */
    static final int STRAIGHT = (int) Math.rint(0.955f * (1 << SHIFT));
    static final int DIAGONAL = (int) Math.rint(1.3693f * (1 << SHIFT));
    /** Beyond every real distance: outside the window, and pixels no outside pixel reaches. */
    private static final int FAR = Integer.MAX_VALUE - DIAGONAL;
    private static final float SCALE = 1f / (1 << SHIFT);
    /** What OpenCV reports for a pixel no outside pixel reaches (its unsigned "far", scaled). */
    private static final float UNREACHED = (float) (0xFFFFFFFFL - DIAGONAL) * SCALE;

    /** @param inside row-major, non-zero inside the mask */
    static MaskDistance of(byte[] inside, int width, int height) {
        if (inside.length != width * height) {
            throw new IllegalArgumentException("mask of " + inside.length + " bytes is not " + width + "x" + height);
        }
        int stride = width + 2; // one column of FAR each side, one row above and below
        int[] d = new int[stride * (height + 2)];
        Arrays.fill(d, 0, stride, FAR);
        Arrays.fill(d, stride * (height + 1), d.length, FAR);
        for (int y = 0; y < height; y++) {
            int row = (y + 1) * stride + 1;
            d[row - 1] = FAR;
            d[row + width] = FAR;
            int above = row - stride;
            for (int x = 0, src = y * width; x < width; x++, src++) {
                int p = row + x;
                if (inside[src] == 0) {
                    d[p] = 0;
                } else {
                    int up = above + x;
                    int best = Math.min(Math.min(d[up - 1] + DIAGONAL, d[up] + STRAIGHT),
                            Math.min(d[up + 1] + DIAGONAL, d[p - 1] + STRAIGHT));
                    d[p] = Math.min(best, FAR);
                }
            }
        }
        float[] out = new float[width * height];
        int deepest = 0;
        for (int y = height - 1; y >= 0; y--) {
            int row = (y + 1) * stride + 1;
            int below = row + stride;
            for (int x = width - 1; x >= 0; x--) {
                int p = row + x;
                int v = d[p];
                if (v > STRAIGHT) {
                    int down = below + x;
                    v = Math.min(Math.min(v, d[down + 1] + DIAGONAL), Math.min(d[down] + STRAIGHT, d[down - 1] + DIAGONAL));
                    v = Math.min(v, d[p + 1] + STRAIGHT);
                    d[p] = v;
                }
                out[y * width + x] = v >= FAR ? UNREACHED : v * SCALE;
                deepest = Math.max(deepest, v);
            }
        }
        return new MaskDistance(out, deepest >= FAR ? UNREACHED : deepest * SCALE);
    }
}
