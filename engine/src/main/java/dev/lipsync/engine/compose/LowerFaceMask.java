package dev.lipsync.engine.compose;

import dev.lipsync.engine.landmarks.FaceFrame;

/**
 * Where the new lower face may replace the target's: skin between the cheeks from just under
 * the nose down to the jaw line, pulled in from the face's sides and the jaw's lower corners
 * (away from hair and background: where hair falls along the jaw, a donor's own jaw line can
 * border it, and a dark streak showed on the target's cheek), and below the chin (landmarks
 * 6-10) down past the lower of the old and the new jaw line, so a jaw that opens less does not
 * leave the old chin showing (the source's own under-chin is warped there). Pure functions over
 * landmark and pixel arrays.
 */
final class LowerFaceMask {
    private LowerFaceMask() {}

    /** How far the sides of the mask stay inside the target's jaw line, in eye distances. */
    static final double SIDE_INSET = 0.10;
    /**
     * How far the mask reaches below the lower of the two chins, in eye distances: enough for
     * the blend's widest transition, so both chin lines are fully replaced, not half-blended.
     */
    static final double CHIN_MARGIN = 0.30;
    /** How far below the nose base the mask starts, in eye distances. */
    static final double TOP_MARGIN = 0.04;

    /**
     * The mask outline in target-image coordinates (interleaved x, y; closed implicitly).
     *
     * @param target the target's 68 landmarks
     * @param destination the destination landmarks (target's stable points, new mouth and jaw)
     */
    static float[] polygon(float[] target, float[] destination) {
        FaceFrame f = FaceFrame.of(target);
        int[] order = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 35, 34, 33, 32, 31};
        float[] poly = new float[2 * order.length];
        for (int k = 0; k < order.length; k++) {
            int j = order[k];
            double tu = f.u(target[2 * j], target[2 * j + 1]), tv = f.v(target[2 * j], target[2 * j + 1]);
            double u, v;
            if (j >= 27) { // nose base: the mask's top edge
                u = tu;
                v = tv + TOP_MARGIN;
            } else if (j <= 5 || j >= 11) { // cheek sides and the jaw's lower corners: inside the face
                u = tu - Math.signum(tu) * SIDE_INSET;
                v = tv;
            } else { // chin: below whichever jaw line is lower
                double nu = f.u(destination[2 * j], destination[2 * j + 1]);
                double nv = f.v(destination[2 * j], destination[2 * j + 1]);
                u = nv > tv ? nu : tu;
                v = Math.max(tv, nv) + CHIN_MARGIN;
            }
            poly[2 * k] = (float) f.x(u, v);
            poly[2 * k + 1] = (float) f.y(u, v);
        }
        return poly;
    }

    /**
     * Rasterises a polygon (even-odd rule, pixel centres at integer coordinates) into a window.
     *
     * @return 1 inside, 0 outside, row-major over the window
     */
    static byte[] fill(float[] poly, int x0, int y0, int width, int height) {
        byte[] out = new byte[width * height];
        int n = poly.length / 2;
        double[] xs = new double[n];
        for (int r = 0; r < height; r++) {
            double y = y0 + r;
            int count = 0;
            for (int i = 0; i < n; i++) {
                double ax = poly[2 * i], ay = poly[2 * i + 1];
                double bx = poly[2 * ((i + 1) % n)], by = poly[2 * ((i + 1) % n) + 1];
                if ((ay <= y && y < by) || (by <= y && y < ay)) {
                    xs[count++] = ax + (y - ay) * (bx - ax) / (by - ay);
                }
            }
            java.util.Arrays.sort(xs, 0, count);
            for (int c = 0; c + 1 < count; c += 2) {
                int from = Math.max(0, (int) Math.ceil(xs[c] - x0));
                int to = Math.min(width - 1, (int) Math.ceil(xs[c + 1] - x0) - 1);
                if (from <= to) {
                    java.util.Arrays.fill(out, r * width + from, r * width + to + 1, (byte) 1);
                }
            }
        }
        return out;
    }

    /**
     * How deep inside the mask the mouth lies: the smallest mask depth at the outer lip points
     * (48–59) of the target's own mouth and of the new one, each read at its nearest pixel; 0
     * where a lip point is outside the window. The blend must be at full weight there.
     *
     * @param distance distance of each window pixel to the mask edge, in pixels (0 outside)
     */
    static double mouthDepth(float[] distance, float[] target, float[] destination, int x0, int y0, int width,
                             int height) {
        double min = Double.MAX_VALUE;
        for (float[] lm : new float[][] {target, destination}) {
            for (int i = 48; i <= 59; i++) {
                int c = (int) Math.round(lm[2 * i] - x0), r = (int) Math.round(lm[2 * i + 1] - y0);
                boolean inWindow = c >= 0 && r >= 0 && c < width && r < height;
                min = Math.min(min, inWindow ? distance[r * width + c] : 0);
            }
        }
        return min;
    }

    /**
     * Cheek skin where source and target should look alike: inside the mask's core, above the
     * lower lip, outside an ellipse around both mouths. Colour is matched on these pixels.
     *
     * @param distance distance of each window pixel to the mask edge, in pixels (0 outside)
     * @param minDistance how deep inside the mask a pixel must be
     * @return the ring's pixels as row-major window indices ({@code y · width + x}), ascending
     */
    static int[] cheekRing(float[] target, float[] destination, float[] distance, double minDistance,
                               int x0, int y0, int width, int height) {
        FaceFrame f = FaceFrame.of(target);
        double uMin = Double.MAX_VALUE, uMax = -Double.MAX_VALUE, vMin = Double.MAX_VALUE, vMax = -Double.MAX_VALUE;
        for (float[] lm : new float[][] {target, destination}) {
            for (int i = 48; i <= 59; i++) {
                double u = f.u(lm[2 * i], lm[2 * i + 1]), v = f.v(lm[2 * i], lm[2 * i + 1]);
                uMin = Math.min(uMin, u);
                uMax = Math.max(uMax, u);
                vMin = Math.min(vMin, v);
                vMax = Math.max(vMax, v);
            }
        }
        double cu = (uMin + uMax) / 2, cv = (vMin + vMax) / 2;
        double au = (uMax - uMin) / 2 + 0.15, av = (vMax - vMin) / 2 + 0.15;
        int[] ring = new int[64];
        int count = 0;
        for (int r = 0; r < height; r++) {
            // v is linear along a row: a row below the lips at both ends lies below them throughout
            // (the margin covers rounding), and most of the mask's rows are below the lips
            if (Math.min(f.v(x0, y0 + r), f.v(x0 + width - 1, y0 + r)) > vMax + 1e-9) {
                continue;
            }
            for (int c = 0; c < width; c++) {
                int p = r * width + c;
                if (distance[p] < minDistance) {
                    continue;
                }
                double v = f.v(x0 + c, y0 + r);
                if (v < vMax) {
                    double eu = (f.u(x0 + c, y0 + r) - cu) / au, ev = (v - cv) / av;
                    if (eu * eu + ev * ev > 1) {
                        if (count == ring.length) {
                            ring = java.util.Arrays.copyOf(ring, 2 * count);
                        }
                        ring[count++] = p;
                    }
                }
            }
        }
        return java.util.Arrays.copyOf(ring, count);
    }
}
