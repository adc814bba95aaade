package dev.lipsync.engine.landmarks;

/**
 * One-Euro smoothing of a face's landmarks over time, with speeds measured in face sizes (outer eye-corner
 * distance) per second so one setting suits small and large faces. One instance per face track.
 */
public final class LandmarkSmoother {
    /*
     * Speeds are in eye-corner distances per second. At rest the cutoff is 1.5 Hz (dlib's
     * frame-to-frame jitter of about half a pixel mostly goes); a lip moving a tenth of the eye
     * distance in 0.1 s (1 per second) raises it to 5.5 Hz, so speech keeps most of its amplitude.
     */
    static final double MIN_CUTOFF_HZ = 1.5;
    static final double BETA_PER_FACE = 4.0;
    static final double DERIVATIVE_CUTOFF_HZ = 1.0;

    private final OneEuroFilter[] filters = new OneEuroFilter[2 * Landmarks.COUNT];

    public LandmarkSmoother(double fps) {
        for (int i = 0; i < filters.length; i++) {
            filters[i] = new OneEuroFilter(fps, MIN_CUTOFF_HZ, BETA_PER_FACE, DERIVATIVE_CUTOFF_HZ);
        }
    }

    public Landmarks smooth(Landmarks raw) {
        float[] xy = raw.toArray();
        double faceSize = Math.max(1.0, faceSize(xy));
        for (int i = 0; i < xy.length; i++) {
            xy[i] = (float) filters[i].filter(xy[i], faceSize);
        }
        return new Landmarks(xy);
    }

    public void reset() {
        for (OneEuroFilter f : filters) f.reset();
    }

    /** Distance between the outer eye corners (36, 45): a pose-robust face size. */
    static double faceSize(float[] xy) {
        return Math.hypot(xy[2 * 45] - xy[2 * 36], xy[2 * 45 + 1] - xy[2 * 36 + 1]);
    }
}
