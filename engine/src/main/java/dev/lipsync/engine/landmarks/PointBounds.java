package dev.lipsync.engine.landmarks;

/**
 * The axis-aligned extent of points given as interleaved x, y. {@link #EMPTY} for no points; a
 * NaN coordinate makes the bounds NaN.
 */
public record PointBounds(double minX, double minY, double maxX, double maxY) {
    /** No points: every bound past its opposite, so that any union replaces it. */
    public static final PointBounds EMPTY = new PointBounds(Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
            -Double.MAX_VALUE);

    /** Bounds of every point of {@code xy}. */
    public static PointBounds of(float[] xy) {
        return of(xy, xy.length / 2, null);
    }

    /** Bounds of the points of {@code xy} numbered in {@code points}. */
    public static PointBounds of(float[] xy, int[] points) {
        return of(xy, points.length, points);
    }

    /** Bounds of {@code count} points: the first ones, or those numbered in {@code points} when given. */
    private static PointBounds of(float[] xy, int count, int[] points) {
        double minX = EMPTY.minX, minY = EMPTY.minY, maxX = EMPTY.maxX, maxY = EMPTY.maxY;
        for (int k = 0; k < count; k++) {
            int i = points == null ? k : points[k];
            minX = Math.min(minX, xy[2 * i]);
            maxX = Math.max(maxX, xy[2 * i]);
            minY = Math.min(minY, xy[2 * i + 1]);
            maxY = Math.max(maxY, xy[2 * i + 1]);
        }
        return new PointBounds(minX, minY, maxX, maxY);
    }

    /** These bounds grown to take in {@code other}'s. */
    public PointBounds union(PointBounds other) {
        return new PointBounds(Math.min(minX, other.minX), Math.min(minY, other.minY), Math.max(maxX, other.maxX),
                Math.max(maxY, other.maxY));
    }

    public boolean isEmpty() {
        return minX > maxX || minY > maxY;
    }
}
