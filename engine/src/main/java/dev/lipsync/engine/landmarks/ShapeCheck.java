package dev.lipsync.engine.landmarks;

/**
 * Is a set of predicted points face-shaped? The residual after the best similarity alignment
 * of the model's mean shape onto the points, relative to the points' size. A face the model
 * understood stays close to its mean shape; a prediction torn apart by a non-face patch does
 * not. Necessary, not sufficient: on a blank patch the model returns a face-like shape, so the
 * tracker also checks the image (see face.FaceTracker).
 */
public final class ShapeCheck {
    /*
     * Measured on shared/testvectors (17 real faces, dlib's own points): residuals 0.05 to
     * 0.20 (the highest a wide-open mouth). Swapping brows and mouth gives well over 0.5.
     */
    public static final double MAX_PLAUSIBLE_RESIDUAL = 0.35;

    private ShapeCheck() {
    }

    public static boolean plausible(ShapePredictor model, Landmarks points) {
        double r = residual(model.initialShape, points.toArray());
        return r <= MAX_PLAUSIBLE_RESIDUAL;
    }

    public static double residual(ShapePredictor model, Landmarks points) {
        return residual(model.initialShape, points.toArray());
    }

    /** RMS distance between {@code to} and the similarity-aligned {@code mean}, over the RMS radius of {@code to}. */
    static double residual(float[] mean, float[] to) {
        int n = to.length / 2;
        double[] cm = ShapePredictor.centroid(mean), ct = ShapePredictor.centroid(to);
        double mfx = cm[0], mfy = cm[1], mtx = ct[0], mty = ct[1];
        float[] m = ShapePredictor.similarityMatrix(mean, to);
        double ss = 0, radius = 0;
        for (int i = 0; i < n; i++) {
            double fx = mean[2 * i] - mfx, fy = mean[2 * i + 1] - mfy;
            double tx = to[2 * i] - mtx, ty = to[2 * i + 1] - mty;
            double ex = m[0] * fx + m[1] * fy - tx;
            double ey = m[2] * fx + m[3] * fy - ty;
            ss += ex * ex + ey * ey;
            radius += tx * tx + ty * ty;
        }
        if (radius == 0) return Double.POSITIVE_INFINITY;
        return Math.sqrt(ss / radius);
    }
}
