package dev.lipsync.engine.face;

import dev.lipsync.engine.landmarks.GrayImage;
import dev.lipsync.engine.landmarks.Landmarks;

/**
 * What a face looks like around its eyes and nose, for telling whether two tracks that never
 * share a frame show the same person: a small grey patch cut out along the line through the
 * eye centres (so position, size and roll drop out), from half an eye distance above the eyes
 * to three quarters below them, which leaves out the mouth and jaw that move with speech. A
 * track's patches are averaged ({@link Mean}), blinks and expressions with them; two tracks
 * compare by the correlation of their mean patches and of those patches' {@link #edges}, which
 * a change of exposure or contrast between shots does not move.
 */
public final class IdentityPatch {
    public static final int WIDTH = 32;
    public static final int HEIGHT = 20;
    /** Patch pixels from one eye centre to the other (the eyes sit at x 8 and 24, y 8). */
    static final double EYE_SPAN = 16;
    static final double EYE_X = 8;
    static final double EYE_Y = 8;

    private IdentityPatch() {
    }

    /** The patch of the face with these landmarks, or null where its eyes are less than 8 px apart. */
    public static float[] of(GrayImage image, Landmarks face) {
        double lx = 0, ly = 0, rx = 0, ry = 0;
        for (int i = 36; i < 42; i++) {
            lx += face.x(i) / 6.0;
            ly += face.y(i) / 6.0;
        }
        for (int i = 42; i < 48; i++) {
            rx += face.x(i) / 6.0;
            ry += face.y(i) / 6.0;
        }
        double dx = rx - lx, dy = ry - ly;
        double span = Math.hypot(dx, dy);
        if (span < 8) {
            return null;
        }
        // unit steps of the patch's x and y axes, in image pixels
        double ux = dx / EYE_SPAN, uy = dy / EYE_SPAN;
        double vx = -uy, vy = ux;
        float[] patch = new float[WIDTH * HEIGHT];
        for (int py = 0; py < HEIGHT; py++) {
            for (int px = 0; px < WIDTH; px++) {
                double sx = lx + (px - EYE_X) * ux + (py - EYE_Y) * vx;
                double sy = ly + (px - EYE_X) * uy + (py - EYE_Y) * vy;
                patch[py * WIDTH + px] = (float) image.bilinear(sx, sy);
            }
        }
        return patch;
    }

    /**
     * The patch's gradient magnitude (central differences; 0 on its border): where the edges of
     * the brows, eyes and nose lie, which tells faces apart better than their shading does.
     */
    public static float[] edges(float[] patch) {
        float[] out = new float[patch.length];
        for (int y = 1; y < HEIGHT - 1; y++) {
            for (int x = 1; x < WIDTH - 1; x++) {
                int i = y * WIDTH + x;
                float gx = patch[i + 1] - patch[i - 1];
                float gy = patch[i + WIDTH] - patch[i - WIDTH];
                out[i] = (float) Math.sqrt(gx * gx + gy * gy);
            }
        }
        return out;
    }

    /**
     * The correlation of two patches (or means of patches), -1 to 1; 0 where either is flat.
     */
    public static double similarity(float[] a, float[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma, db = b[i] - mb;
            ab += da * db;
            aa += da * da;
            bb += db * db;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    /** The running mean of one track's patches. Not thread-safe. */
    public static final class Mean {
        private final double[] sum = new double[WIDTH * HEIGHT];
        private int count;

        public void add(float[] patch) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += patch[i];
            }
            count++;
        }

        public int count() {
            return count;
        }

        /** The mean patch, or null before the first. */
        public float[] mean() {
            if (count == 0) {
                return null;
            }
            float[] out = new float[sum.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (sum[i] / count);
            }
            return out;
        }
    }
}
