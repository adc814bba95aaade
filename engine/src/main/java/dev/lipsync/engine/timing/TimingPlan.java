package dev.lipsync.engine.timing;

/**
 * Which source frame each output frame shows. The output lasts as long as the new audio
 * ({@link #outputFrameCount}); a longer video is cut at the audio's end, a shorter one is
 * played forward and backward (0, 1, …, n−1, n−2, …, 1, 0, 1, …) so there is no jump cut.
 *
 * @param sourceFrames frames in the video (≥ 1)
 * @param outputFrames frames to write (≥ 0)
 */
public record TimingPlan(int sourceFrames, long outputFrames) {

    public TimingPlan {
        if (sourceFrames < 1) {
            throw new IllegalArgumentException("a video needs at least one frame, got " + sourceFrames);
        }
        if (outputFrames < 0) {
            throw new IllegalArgumentException("negative output length " + outputFrames);
        }
    }

    /** The plan for a video of {@code sourceFrames} driven by audio of {@code audioSeconds}. */
    public static TimingPlan forAudio(int sourceFrames, double audioSeconds, double frameRate) {
        return new TimingPlan(sourceFrames, outputFrameCount(audioSeconds, frameRate));
    }

    /** Frames covering the audio: its duration × rate, rounded, at least one for any audio. */
    public static long outputFrameCount(double audioSeconds, double frameRate) {
        if (!(audioSeconds > 0) || !(frameRate > 0)) {
            return 0;
        }
        return Math.max(1, Math.round(audioSeconds * frameRate));
    }

    /** Source frame for output frame {@code outputIndex} (0-based). */
    public int sourceFrame(long outputIndex) {
        return bounce(outputIndex, sourceFrames);
    }

    /** True when the output plays some of the video backwards. */
    public boolean bounces() {
        return outputFrames > sourceFrames;
    }

    /** Ping-pong index over {@code 0..n-1} with period 2(n−1); identity while i < n. */
    public static int bounce(long i, int n) {
        if (i < 0) {
            throw new IllegalArgumentException("negative index " + i);
        }
        if (n == 1) {
            return 0;
        }
        long period = 2L * (n - 1);
        long phase = i % period;
        return (int) (phase < n ? phase : period - phase);
    }
}
