package dev.lipsync.engine.landmarks;

/**
 * Pose normalisation: a face's landmarks mapped by the least-squares similarity (scale,
 * rotation, shift) that takes its rigid points (eye corners and lids 36-47, nose bridge 27-30;
 * they do not move when the mouth does) onto dlib's mean face. In that frame the eye centres
 * sit at (-0.5, 0) and (0.5, 0), so mouth shapes of different frames, head sizes and in-plane
 * head rotations compare directly. Also rough head-pose measures for choosing frames of
 * similar pose.
 */
public final class FacePose {
    /**
     * dlib's mean face (the model's initial shape), 68 points, moved and scaled so the eye
     * centres (means of 36-41 and 42-47) lie at (-0.5, 0) and (0.5, 0). Image axes: y down.
     */
    static final float[] MEAN_FACE = {
            -1.1450f, 0.0164f, -1.1373f, 0.3192f, -1.1049f, 0.6210f, -1.0420f, 0.9168f,
            -0.9240f, 1.1916f, -0.7428f, 1.4299f, -0.5212f, 1.6287f, -0.2767f, 1.7884f,
            0.0000f, 1.8358f, 0.2766f, 1.7884f, 0.5211f, 1.6287f, 0.7428f, 1.4299f,
            0.9239f, 1.1916f, 1.0419f, 0.9168f, 1.1048f, 0.6210f, 1.1372f, 0.3192f,
            1.1450f, 0.0163f, -0.9267f, -0.2052f, -0.7847f, -0.3330f, -0.5844f, -0.3710f,
            -0.3770f, -0.3415f, -0.1828f, -0.2608f, 0.1828f, -0.2608f, 0.3770f, -0.3415f,
            0.5844f, -0.3711f, 0.7848f, -0.3330f, 0.9267f, -0.2052f, 0.0000f, -0.0236f,
            0.0000f, 0.1716f, 0.0000f, 0.3650f, 0.0000f, 0.5640f, -0.2324f, 0.6986f,
            -0.1208f, 0.7397f, 0.0000f, 0.7748f, 0.1208f, 0.7397f, 0.2324f, 0.6986f,
            -0.6963f, 0.0008f, -0.5725f, -0.0704f, -0.4238f, -0.0683f, -0.2936f, 0.0300f,
            -0.4330f, 0.0549f, -0.5810f, 0.0529f, 0.2936f, 0.0300f, 0.4238f, -0.0683f,
            0.5725f, -0.0704f, 0.6963f, 0.0008f, 0.5810f, 0.0529f, 0.4330f, 0.0549f,
            -0.4451f, 1.0606f, -0.2813f, 0.9951f, -0.1155f, 0.9612f, 0.0000f, 0.9898f,
            0.1155f, 0.9612f, 0.2812f, 0.9951f, 0.4450f, 1.0606f, 0.2865f, 1.2207f,
            0.1255f, 1.2915f, 0.0000f, 1.3049f, -0.1255f, 1.2915f, -0.2865f, 1.2206f,
            -0.3767f, 1.0693f, -0.1170f, 1.0577f, 0.0000f, 1.0702f, 0.1170f, 1.0577f,
            0.3767f, 1.0693f, 0.1192f, 1.1447f, 0.0000f, 1.1591f, -0.1193f, 1.1447f,
    };
    static final int[] RIGID = {27, 28, 29, 30, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47};

    private FacePose() {
    }

    /** The 68 points in the mean face's frame (interleaved x, y; eye distance 1, y down). */
    public static float[] normalize(Landmarks face) {
        float[] xy = face.toArray();
        // least squares over the rigid points (nose bridge, eyes), which speech does not move
        Similarity s = Similarity.fit(xy, MEAN_FACE, RIGID);
        float[] out = new float[xy.length];
        for (int i = 0; i < xy.length / 2; i++) {
            double x = xy[2 * i], y = xy[2 * i + 1];
            out[2 * i] = (float) s.x(x, y);
            out[2 * i + 1] = (float) s.y(x, y);
        }
        return out;
    }

    /**
     * dlib's mean face placed on {@code face} by its rigid points (the inverse of {@link
     * #normalize}'s fit): where a face of this size, position and in-plane rotation has its
     * mouth and jaw, wherever the landmarks there are only guessed (beyond the frame's edge).
     */
    public static float[] meanFaceOn(Landmarks face) {
        Similarity s = Similarity.fit(face.toArray(), MEAN_FACE, RIGID).inverse();
        float[] out = new float[MEAN_FACE.length];
        for (int i = 0; i < MEAN_FACE.length / 2; i++) {
            out[2 * i] = (float) s.x(MEAN_FACE[2 * i], MEAN_FACE[2 * i + 1]);
            out[2 * i + 1] = (float) s.y(MEAN_FACE[2 * i], MEAN_FACE[2 * i + 1]);
        }
        return out;
    }

    /**
     * How far the head is turned, from the landmarks: where the nose tip lies between the cheeks,
     * as a share of the cheek distance ({@link #yawOffset(float[])}); 0 frontal, about +-0.33
     * at a 30-degree turn, +-0.38 at 40 degrees (it saturates toward profile). (The unit selection's finer pose is {@link dev.lipsync.engine.mouth.HeadPose}.)
     */
    public static double yawOffset(Landmarks face) {
        return yawOffset(face.toArray());
    }

    /** Where the nose tip (30) lies between the cheeks (2 and 14), along the line joining them, minus one half. */
    static double yawOffset(float[] xy) {
        double ax = xy[2 * 2], ay = xy[2 * 2 + 1], dx = xy[2 * 14] - ax, dy = xy[2 * 14 + 1] - ay;
        double len2 = dx * dx + dy * dy;
        if (len2 < 1e-9) return 0;
        return ((xy[2 * 30] - ax) * dx + (xy[2 * 30 + 1] - ay) * dy) / len2 - 0.5;
    }
}
