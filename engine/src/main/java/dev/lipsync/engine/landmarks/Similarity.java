package dev.lipsync.engine.landmarks;

/**
 * A 2-D similarity: x' = a·x − b·y + tx, y' = b·x + a·y + ty (rotation, uniform scale and
 * translation; no shear, no mirror). Carries one frame's mouth into another frame's pose, and a face onto the mean face.
 */
public record Similarity(double a, double b, double tx, double ty) {

    /**
     * Least-squares similarity taking {@code from[i]} onto {@code to[i]} over the given point
     * indices (interleaved x, y arrays; closed form, Umeyama without reflection).
     */
    public static Similarity fit(float[] from, float[] to, int[] indices) {
        double[] w = new double[indices.length];
        java.util.Arrays.fill(w, 1);
        return fit(from, to, indices, w);
    }

    /** Weighted least squares: point {@code indices[k]} counts {@code weights[k]} times. */
    public static Similarity fit(float[] from, float[] to, int[] indices, double[] weights) {
        double fx = 0, fy = 0, qx = 0, qy = 0, n = 0;
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            double w = weights[k];
            fx += w * from[2 * i];
            fy += w * from[2 * i + 1];
            qx += w * to[2 * i];
            qy += w * to[2 * i + 1];
            n += w;
        }
        fx /= n;
        fy /= n;
        qx /= n;
        qy /= n;
        double norm = 0, dot = 0, cross = 0;
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            double w = weights[k];
            double px = from[2 * i] - fx, py = from[2 * i + 1] - fy;
            double tx = to[2 * i] - qx, ty = to[2 * i + 1] - qy;
            norm += w * (px * px + py * py);
            dot += w * (px * tx + py * ty);
            cross += w * (px * ty - py * tx);
        }
        if (norm == 0) {
            return new Similarity(1, 0, qx - fx, qy - fy);
        }
        double a = dot / norm, b = cross / norm;
        return new Similarity(a, b, qx - (a * fx - b * fy), qy - (b * fx + a * fy));
    }

    public double x(double x, double y) {
        return a * x - b * y + tx;
    }

    public double y(double x, double y) {
        return b * x + a * y + ty;
    }

    public Similarity inverse() {
        double s = a * a + b * b;
        double ia = a / s, ib = -b / s;
        return new Similarity(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }

    public double scale() {
        return Math.hypot(a, b);
    }
}
