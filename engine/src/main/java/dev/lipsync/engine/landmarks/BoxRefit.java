package dev.lipsync.engine.landmarks;

/**
 * The box dlib's HOG face detector would have given for a face whose 68 landmarks are known.
 * The landmark model was trained on those boxes, so predicting from a box of another detector
 * (an OpenCV cascade, or the previous frame's face) is less accurate until the box has been
 * re-derived from the predicted points and the prediction repeated.
 */
public final class BoxRefit {
    /*
     * Fitted by least squares (through the origin) on the 17 faces of shared/testvectors,
     * dlib 19.24 HOG boxes vs dlib's points for those boxes, with s = RMS distance of the 68
     * points from their centroid:
     *   box centre x = centroid x - 0.0087 s,  box centre y = centroid y - 0.1381 s,
     *   box side (right - left) = 2.808 s  (height fitted 2.809: the boxes are square).
     * Residuals are about +-8 px in centre and +-20 px in side at s = 70 px, mostly the HOG
     * detector's own scale quantisation (its sides come in steps of about 1.2x).
     */
    static final double CENTER_X_PER_SCALE = -0.0087;
    static final double CENTER_Y_PER_SCALE = -0.1381;
    static final double SIDE_PER_SCALE = 2.808;

    private BoxRefit() {
    }

    /** The dlib-detector-like box for these points. */
    public static FaceBox boxFor(Landmarks points) {
        return boxFor(points.toArray());
    }

    static FaceBox boxFor(float[] xy) {
        double[] centre = ShapePredictor.centroid(xy);
        double cx = centre[0], cy = centre[1];
        double s = rmsRadius(xy, cx, cy);
        return FaceBox.square(cx + CENTER_X_PER_SCALE * s, cy + CENTER_Y_PER_SCALE * s, SIDE_PER_SCALE * s);
    }

    static double rmsRadius(float[] xy, double cx, double cy) {
        int n = xy.length / 2;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double dx = xy[2 * i] - cx, dy = xy[2 * i + 1] - cy;
            ss += dx * dx + dy * dy;
        }
        return Math.sqrt(ss / n);
    }

    /**
     * Predicts from {@code start}, then {@code refits} times re-derives the box from the points
     * and predicts again. Returns the last points with the box they were predicted from.
     */
    public static Fitted predictRefitted(ShapePredictor model, GrayImage img, FaceBox start, int refits) {
        return predictRefitted(model, img, start, refits, 0);
    }

    /**
     * As {@link #predictRefitted(ShapePredictor, GrayImage, FaceBox, int)}, but stops refitting
     * once the re-derived box lies within {@code tolerance} × its side of the box just used
     * (centre and side): a box that close changes the points by a fraction of a pixel, and each
     * prediction is the tracker's largest cost.
     */
    public static Fitted predictRefitted(ShapePredictor model, GrayImage img, FaceBox start, int refits,
                                         double tolerance) {
        FaceBox box = start;
        float[] pts = model.predictPoints(img, box);
        for (int i = 0; i < refits; i++) {
            FaceBox next = boxFor(pts);
            if (next.width() < 4 || close(next, box, tolerance)) break;
            box = next;
            pts = model.predictPoints(img, box);
        }
        return new Fitted(box, new Landmarks(pts));
    }

    static boolean close(FaceBox a, FaceBox b, double tolerance) {
        double limit = tolerance * Math.max(a.width(), b.width());
        return a.equals(b) || (Math.abs(a.centerX() - b.centerX()) <= limit && Math.abs(a.centerY() - b.centerY()) <= limit
                && Math.abs(a.width() - b.width()) <= limit);
    }

    /** Landmarks and the box they were predicted from. */
    public record Fitted(FaceBox box, Landmarks landmarks) {
    }
}
