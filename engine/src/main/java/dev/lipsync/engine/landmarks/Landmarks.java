package dev.lipsync.engine.landmarks;

import java.util.Arrays;

/**
 * The 68 iBUG/dlib face points of one face in one frame, in image pixels (sub-pixel floats).
 * Index conventions (0-based): jaw 0–16, brows 17–26, nose 27–35, eyes 36–47,
 * outer lip 48–59, inner lip 60–67.
 */
public final class Landmarks {
    public static final int COUNT = 68;

    private final float[] xy;

    /** @param xy interleaved x0, y0, x1, y1, ... (136 values); copied */
    public Landmarks(float[] xy) {
        if (xy.length != 2 * COUNT) {
            throw new IllegalArgumentException("expected " + 2 * COUNT + " values, got " + xy.length);
        }
        this.xy = xy.clone();
    }

    public float x(int i) {
        return xy[2 * i];
    }

    public float y(int i) {
        return xy[2 * i + 1];
    }

    /** A copy of the interleaved coordinates. */
    public float[] toArray() {
        return xy.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Landmarks other && Arrays.equals(xy, other.xy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xy);
    }
}
