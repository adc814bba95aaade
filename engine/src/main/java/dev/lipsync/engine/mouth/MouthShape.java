package dev.lipsync.engine.mouth;

import dev.lipsync.engine.landmarks.Landmarks;

/**
 * A mouth's shape measured from landmarks, in units of the distance between the eye centres
 * (so it does not depend on face size or distance to the camera).
 *
 * @param opening inner-lip gap: mean of the three vertical inner-lip distances (61–67, 62–66, 63–65)
 * @param width   outer mouth-corner distance (48–54)
 */
public record MouthShape(double opening, double width) {

    public static MouthShape measure(Landmarks l) {
        double eyeDistance = eyeDistance(l);
        double gap = (dist(l, 61, 67) + dist(l, 62, 66) + dist(l, 63, 65)) / 3.0;
        return new MouthShape(gap / eyeDistance, dist(l, 48, 54) / eyeDistance);
    }

    /** Distance between the centres of the two eyes (points 36–41 and 42–47), in pixels. */
    public static double eyeDistance(Landmarks l) {
        double lx = 0, ly = 0, rx = 0, ry = 0;
        for (int i = 0; i < 6; i++) {
            lx += l.x(36 + i);
            ly += l.y(36 + i);
            rx += l.x(42 + i);
            ry += l.y(42 + i);
        }
        return Math.hypot((rx - lx) / 6.0, (ry - ly) / 6.0);
    }

    private static double dist(Landmarks l, int a, int b) {
        return Math.hypot(l.x(a) - l.x(b), l.y(a) - l.y(b));
    }
}
