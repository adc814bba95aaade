package dev.lipsync.engine.landmarks;

/**
 * A face rectangle in image pixels, dlib style: {@code right} and {@code bottom} are
 * inclusive, so the width is {@code right - left}, as dlib's shape predictor measures it.
 */
public record FaceBox(int left, int top, int right, int bottom) {

    public int width() {
        return right - left;
    }

    public int height() {
        return bottom - top;
    }

    public double centerX() {
        return (left + right) / 2.0;
    }

    public double centerY() {
        return (top + bottom) / 2.0;
    }

    /** A square box of the given centre and side (side = right - left), rounded to pixels. */
    public static FaceBox square(double centerX, double centerY, double side) {
        int left = (int) Math.floor(centerX - side / 2 + 0.5);
        int top = (int) Math.floor(centerY - side / 2 + 0.5);
        int s = (int) Math.floor(side + 0.5);
        return new FaceBox(left, top, left + s, top + s);
    }

    /** Intersection over union, using the inclusive extents (width+1 pixels). */
    public double iou(FaceBox o) {
        long ix = Math.min(right, o.right) - Math.max(left, o.left) + 1L;
        long iy = Math.min(bottom, o.bottom) - Math.max(top, o.top) + 1L;
        if (ix <= 0 || iy <= 0) return 0;
        double inter = (double) ix * iy;
        double a = (double) (width() + 1) * (height() + 1);
        double b = (double) (o.width() + 1) * (o.height() + 1);
        return inter / (a + b - inter);
    }

    public FaceBox scaled(double factor) {
        return new FaceBox((int) Math.round(left * factor), (int) Math.round(top * factor),
                (int) Math.round(right * factor), (int) Math.round(bottom * factor));
    }
}
