package dev.lipsync.engine.face;

import dev.lipsync.engine.landmarks.GrayImage;
import dev.lipsync.engine.landmarks.Landmarks;

/**
 * The colour of the skin around a face's mouth, at points the face's own landmarks place (above
 * the upper lip, beside the corners, below the lower lip, none on the lips), so they stay on the
 * same skin as the mouth and jaw move. Compared with the same points in the face's other frames
 * it tells when something is in front of the mouth (a microphone, a cup, a hand holding a
 * phone): see {@code rewrite.Occlusions}.
 */
public final class LowerFaceLook {
    /**
     * Each point as (a, b, t): a + t · (b − a) between landmarks a and b. Nose base to upper lip
     * (31-35 to 49-53), mouth corners to the jaw (48, 54 to 3-5, 11-13), lower lip to chin (55-59
     * to 6-10).
     */
    private static final double[][] POINTS = {
        {31, 49, 0.5}, {32, 50, 0.5}, {33, 51, 0.5}, {34, 52, 0.5}, {35, 53, 0.5},
        {48, 3, 0.4}, {48, 4, 0.4}, {48, 5, 0.4}, {48, 4, 0.7}, {48, 5, 0.7},
        {54, 13, 0.4}, {54, 12, 0.4}, {54, 11, 0.4}, {54, 12, 0.7}, {54, 11, 0.7},
        {59, 6, 0.35}, {58, 7, 0.35}, {57, 8, 0.35}, {56, 9, 0.35}, {55, 10, 0.35},
        {59, 6, 0.65}, {58, 7, 0.65}, {57, 8, 0.65}, {56, 9, 0.65}, {55, 10, 0.65},
    };
    /** Points per look. */
    public static final int SIZE = POINTS.length;
    /** A point outside the picture. */
    public static final int OUTSIDE = -1;

    private LowerFaceLook() {
    }

    /** The colour (0xRRGGBB) at each point, {@link #OUTSIDE} where a point lies outside the image. */
    public static int[] of(GrayImage image, Landmarks face) {
        int[] look = new int[SIZE];
        for (int k = 0; k < SIZE; k++) {
            int a = (int) POINTS[k][0], b = (int) POINTS[k][1];
            double t = POINTS[k][2];
            int x = (int) Math.round(face.x(a) + t * (face.x(b) - face.x(a)));
            int y = (int) Math.round(face.y(a) + t * (face.y(b) - face.y(a)));
            look[k] = x < 0 || y < 0 || x >= image.width() || y >= image.height() ? OUTSIDE : image.colourAt(x, y);
        }
        return look;
    }
}
