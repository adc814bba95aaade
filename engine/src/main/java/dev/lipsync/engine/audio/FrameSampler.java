package dev.lipsync.engine.audio;

/** Samples 100 Hz feature tracks at video frame times. */
public final class FrameSampler {
    private FrameSampler() {
    }

    /** Number of video frames that cover {@code samples} samples of 16 kHz audio at {@code fps}. */
    public static int videoFrames(int samples, double fps) {
        return (int) Math.round(samples * fps / AnalysisFrames.SAMPLE_RATE);
    }

    /** Time in seconds of the centre of video frame {@code i}. */
    public static double frameCentre(int i, double fps) {
        return (i + 0.5) / fps;
    }

    /** Linear interpolation of a 100 Hz track at time {@code t} seconds (clamped at the ends). */
    public static double at(double[] track100Hz, double t) {
        double pos = t * AnalysisFrames.RATE_HZ;
        if (pos <= 0) {
            return track100Hz[0];
        }
        int last = track100Hz.length - 1;
        if (pos >= last) {
            return track100Hz[last];
        }
        int j = (int) pos;
        double f = pos - j;
        return track100Hz[j] * (1 - f) + track100Hz[j + 1] * f;
    }

    /** A 100 Hz track sampled at the centres of {@code frames} video frames. */
    public static double[] atFrames(double[] track100Hz, double fps, int frames) {
        double[] out = new double[frames];
        for (int i = 0; i < frames; i++) {
            out[i] = at(track100Hz, frameCentre(i, fps));
        }
        return out;
    }
}
