package dev.lipsync.engine.pipeline;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.landmarks.GrayImage;
import org.bytedeco.opencv.opencv_core.Mat;

/** Pass 1: sees every source frame once, in order, to learn about the video (faces, mouths, cuts). */
public interface FrameAnalyzer {

    /**
     * @param frameIndex 0, 1, 2, … (the constant-rate index, see {@code media.VideoFrames})
     * @param frame      BGR CV_8UC3, valid only during this call and not to be modified:
     *                   copy ({@code frame.clone()}) whatever must outlive it
     * @param grey       the frame in dlib's grey when {@link #needsGrey()}, else null
     */
    void analyse(int frameIndex, Mat frame, GrayImage grey) throws LipSyncException;

    /**
     * Whether {@link #analyse} wants each frame's grey image too: the pipeline then makes it
     * on its decoding thread, while the previous frame is analysed.
     */
    default boolean needsGrey() {
        return false;
    }

    /** After the last frame; {@code frameCount} is the number of frames {@link #analyse} saw. */
    default void finish(int frameCount) throws LipSyncException {
    }
}
