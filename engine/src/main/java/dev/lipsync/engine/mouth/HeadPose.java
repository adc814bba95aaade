package dev.lipsync.engine.mouth;

import dev.lipsync.engine.landmarks.Landmarks;

/**
 * A rough head pose from the 68 landmarks alone, in degrees. Rough but monotone: good for
 * telling which frames of the same person face the same way, not for absolute angles.
 *
 * @param yaw   turn left/right: positive when the nose tip moves toward the image's right
 *              (the person turns toward their left)
 * @param pitch nod: positive when the nose tip moves toward the mouth (looking down)
 * @param roll  tilt in the image plane: the angle of the line from the image-left eye to the
 *              image-right eye, positive clockwise on screen (image y points down)
 */
public record HeadPose(double yaw, double pitch, double roll) {

    /**
     * Nose tip offset from the jaw's middle over the jaw's half width, per tan(yaw): the tip stands
     * about 1.35 eye distances in front of the jaw's ends (points 0 and 16, near the ears), which
     * are about 1.1 eye distances from the face's middle line (adult averages).
     */
    static final double YAW_RATIO_PER_TAN = 1.2;
    /** Where the nose tip sits between the eye line and the mouth line in a frontal face (dlib on real frames: 0.32–0.56). */
    static final double FRONTAL_NOSE_RATIO = 0.45;
    /**
     * How fast that ratio moves with tan(pitch): the nose tip's depth in front of the eyes (about
     * 28 mm, less the mouth corners' share) over the eye-to-mouth height (about 70 mm).
     */
    static final double PITCH_RATIO_PER_TAN = 0.4;

    public static HeadPose of(Landmarks l) {
        double leftEyeX = mean(l, 36, 42, true), leftEyeY = mean(l, 36, 42, false);
        double rightEyeX = mean(l, 42, 48, true), rightEyeY = mean(l, 42, 48, false);
        double roll = Math.atan2(rightEyeY - leftEyeY, rightEyeX - leftEyeX);

        // undo the roll about the eyes' midpoint, then read yaw and pitch in an upright frame
        double cx = (leftEyeX + rightEyeX) / 2, cy = (leftEyeY + rightEyeY) / 2;
        double cos = Math.cos(-roll), sin = Math.sin(-roll);
        double[] nose = upright(l, 30, cx, cy, cos, sin);
        double[] jawLeft = upright(l, 0, cx, cy, cos, sin);
        double[] jawRight = upright(l, 16, cx, cy, cos, sin);
        double[] mouthLeft = upright(l, 48, cx, cy, cos, sin);
        double[] mouthRight = upright(l, 54, cx, cy, cos, sin);

        double halfWidth = (jawRight[0] - jawLeft[0]) / 2;
        double yawRatio = (nose[0] - (jawLeft[0] + jawRight[0]) / 2) / halfWidth;
        double yaw = Math.atan(yawRatio / YAW_RATIO_PER_TAN);

        double eyeToMouth = (mouthLeft[1] + mouthRight[1]) / 2; // eye line is y = 0 now
        double noseRatio = nose[1] / eyeToMouth;
        double pitch = Math.atan((noseRatio - FRONTAL_NOSE_RATIO) / PITCH_RATIO_PER_TAN);

        return new HeadPose(Math.toDegrees(yaw), Math.toDegrees(pitch), Math.toDegrees(roll));
    }

    private static double[] upright(Landmarks l, int i, double cx, double cy, double cos, double sin) {
        double dx = l.x(i) - cx, dy = l.y(i) - cy;
        return new double[] {dx * cos - dy * sin, dx * sin + dy * cos};
    }

    private static double mean(Landmarks l, int from, int to, boolean x) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x ? l.x(i) : l.y(i);
        }
        return sum / (to - from);
    }
}
