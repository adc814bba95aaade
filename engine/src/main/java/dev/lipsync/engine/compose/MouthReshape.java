package dev.lipsync.engine.compose;

import dev.lipsync.engine.landmarks.FaceFrame;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.mouth.MouthShape;

/**
 * Where the chosen frame of the person does not show the wanted opening exactly (or no frame
 * does): move that frame's lower lip and chin along the face's down direction until its inner-lip opening (as
 * {@link MouthShape#measure} reports it) is the wanted one. The result is a landmark set in
 * the same frame, passed to {@link MouthCompositor} as the source's wanted shape, which then
 * stretches that frame's own mouth to it. Upper lip, nose, eyes and upper jaw do not move.
 */
public final class MouthReshape {
    private MouthReshape() {}

    /** Upper/lower inner-lip pairs that define the opening (61–67, 62–66, 63–65). */
    private static final int[][] INNER_PAIRS = {{61, 67}, {62, 66}, {63, 65}};

    /** How much of the lower-lip shift each moving point follows: lower lip fully, jaw tapering towards the ears. */
    private static final int[] FOLLOWERS = {55, 56, 57, 58, 59, 48, 54, 60, 64, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
    private static final double[] FOLLOW = {0.8, 1.0, 1.0, 1.0, 0.8, 0.35, 0.35, 0.4, 0.4, 0.08, 0.25, 0.5, 0.75, 0.92, 1.0, 0.92, 0.75, 0.5, 0.25, 0.08};

    /**
     * @param face landmarks of the frame whose mouth will be reshaped
     * @param opening the wanted inner-lip opening in eye distances (≥ 0)
     * @return a copy of {@code face} with the lower lip and chin moved so the opening is {@code opening}
     *     (or as close as a fully closed inner lip allows)
     */
    public static Landmarks withOpening(Landmarks face, double opening) {
        float[] xy = face.toArray();
        FaceFrame f = FaceFrame.of(xy);
        double d = f.eyeDistance(), dx = f.downX(), dy = f.downY();
        double wanted = Math.max(0, opening) * d;

        // Each pair's gap split into its component along "down" and across it.
        double[] along = new double[3], across = new double[3];
        for (int k = 0; k < 3; k++) {
            int up = INNER_PAIRS[k][0], lo = INNER_PAIRS[k][1];
            double gx = xy[2 * lo] - xy[2 * up], gy = xy[2 * lo + 1] - xy[2 * up + 1];
            along[k] = gx * dx + gy * dy;
            across[k] = gx * dy - gy * dx;
        }
        // The opening grows monotonically with a common shift of the lower lip (each pair's gap
        // clamped at closed), so bisection finds the shift that gives the wanted opening.
        double lo = -Math.max(Math.max(along[0], along[1]), Math.max(along[2], 0)) - 1, hi = wanted + 1;
        while (meanGap(along, across, hi) < wanted) {
            hi *= 2;
        }
        for (int it = 0; it < 80; it++) {
            double mid = (lo + hi) / 2;
            if (meanGap(along, across, mid) < wanted) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double shift = (lo + hi) / 2;
        for (int k = 0; k < 3; k++) {
            int up = INNER_PAIRS[k][0], low = INNER_PAIRS[k][1];
            double a = newAlong(along[k], shift), c = newAcross(along[k], across[k], shift);
            xy[2 * low] = (float) (xy[2 * up] + a * dx + c * dy);
            xy[2 * low + 1] = (float) (xy[2 * up + 1] + a * dy - c * dx);
        }
        for (int k = 0; k < FOLLOWERS.length; k++) {
            int i = FOLLOWERS[k];
            xy[2 * i] += (float) (FOLLOW[k] * shift * dx);
            xy[2 * i + 1] += (float) (FOLLOW[k] * shift * dy);
        }
        return new Landmarks(xy);
    }

    private static double meanGap(double[] along, double[] across, double shift) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            sum += Math.hypot(newAlong(along[k], shift), newAcross(along[k], across[k], shift));
        }
        return sum / 3;
    }

    private static double newAlong(double along, double shift) {
        return Math.max(along + shift, 0);
    }

    /** A closing lip also loses its sideways offset, so that fully closed means touching. */
    private static double newAcross(double along, double across, double shift) {
        if (shift >= 0 || along <= 1e-9) {
            return across;
        }
        return across * Math.max(0, along + shift) / along;
    }
}
