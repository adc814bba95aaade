package dev.lipsync.engine.pipeline;

import dev.lipsync.engine.LipSyncException;
import org.bytedeco.opencv.opencv_core.Mat;

/** Pass 2: turns the source frame chosen by the timing plan into the output frame. */
public interface FrameRenderer extends AutoCloseable {

    /**
     * Called for output frames 0, 1, 2, … in order.
     *
     * @param outputIndex      the output frame (time {@code outputIndex / frameRate} in the new audio)
     * @param sourceFrameIndex the source frame shown there ({@code TimingPlan.sourceFrame(outputIndex)})
     * @param frame            a private copy of that source frame (BGR CV_8UC3): the renderer may
     *                         draw into it
     * @return the frame to encode: {@code frame} itself or a Mat of the same size and type
     *         that stays valid until the next call
     */
    Mat render(long outputIndex, int sourceFrameIndex, Mat frame) throws LipSyncException;

    /** How many output frames had their mouth re-rendered (reported in the result). */
    default long framesRendered() {
        return 0;
    }

    /** After pass 2 (or when it failed): releases what the renderer holds. */
    @Override
    default void close() {
    }
}
