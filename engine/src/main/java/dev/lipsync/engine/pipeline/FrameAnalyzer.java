package dev.lipsync.engine.pipeline;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.landmarks.GrayImage;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Pass 1: sees every source frame once, in order, to learn about the video (faces, mouths,
 * cuts). Closed when the run ends, whether it succeeded or not.
 */
public interface FrameAnalyzer extends AutoCloseable {

    /**
     * @param frameIndex 0, 1, 2, … (the constant-rate index, see {@code media.VideoFrames})
     * @param frame      BGR CV_8UC3, valid only during this call and not to be modified:
     *                   copy ({@code frame.clone()}) whatever must outlive it
     * @param grey       the frame in dlib's grey when {@link #needsGrey()}, else null; like
     *                   {@code frame}, valid only during this call (it converts the frame's
     *                   pixels as they are read: {@link GrayImage#ofBgr})
     */
    void analyse(int frameIndex, Mat frame, GrayImage grey) throws LipSyncException;

    /**
     * Whether {@link #analyse} wants each frame's grey image too.
     */
    default boolean needsGrey() {
        return false;
    }

    /** After the last frame; {@code frameCount} is the number of frames {@link #analyse} saw. */
    default void finish(int frameCount) throws LipSyncException {
    }

    /** Releases what the analysis kept (temporary files); the run is over. */
    @Override
    default void close() {
    }
}
