package dev.lipsync.engine.face;

import dev.lipsync.engine.landmarks.FaceBox;
import dev.lipsync.engine.landmarks.FacePose;
import dev.lipsync.engine.landmarks.GrayImage;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.landmarks.ShapeCheck;
import dev.lipsync.engine.landmarks.ShapePredictor;

/** Whether predicted landmarks describe a usable face: big enough, frontal enough, face-shaped, on real image content. */
final class FaceCheck {
    /** Smaller faces give too few mouth pixels to re-render; they pass through untouched. */
    static final int MIN_FACE_SIDE = 40;
    /**
     * Nose tip position between the cheeks (0.5 = frontal); beyond this the face is too far
     * toward profile for its landmarks. Measured on shared clips: -0.33 at a turn of about 30
     * degrees ({@code mouth.HeadPose} -29), which renders cleanly (media/av's vox2_unk_00098),
     * -0.38 at about 40 degrees; nearer profile the cascades mostly find no face at all.
     */
    static final double MAX_YAW_OFFSET = 0.36;
    /** Grey standard deviation inside the face below which there is no face (a black or flat frame). */
    static final double MIN_CONTRAST = 6.0;

    private FaceCheck() {
    }

    static boolean usable(ShapePredictor model, GrayImage img, FaceBox box, Landmarks points) {
        if (box.width() < MIN_FACE_SIDE) return false;
        double cx = box.centerX(), cy = box.centerY();
        if (cx < 0 || cy < 0 || cx >= img.width() || cy >= img.height()) return false;
        if (Math.abs(FacePose.yawOffset(points)) > MAX_YAW_OFFSET) return false;
        if (!ShapeCheck.plausible(model, points)) return false;
        return contrast(img, box) >= MIN_CONTRAST;
    }

    /** Standard deviation of grey on a 16x16 grid over the middle of the box (clipped to the image). */
    static double contrast(GrayImage img, FaceBox box) {
        double sum = 0, sum2 = 0;
        int n = 0;
        for (int j = 0; j < 16; j++) {
            int y = (int) (box.top() + (0.2 + 0.6 * j / 15.0) * box.height());
            if (y < 0 || y >= img.height()) continue;
            for (int i = 0; i < 16; i++) {
                int x = (int) (box.left() + (0.2 + 0.6 * i / 15.0) * box.width());
                if (x < 0 || x >= img.width()) continue;
                int v = img.at(x, y);
                sum += v;
                sum2 += (double) v * v;
                n++;
            }
        }
        if (n < 32) return 0;
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sum2 / n - mean * mean));
    }
}
