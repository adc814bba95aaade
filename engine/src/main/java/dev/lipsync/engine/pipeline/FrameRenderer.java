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
     * @param frame            a private copy of that source frame: the renderer may draw into it.
     *                         BGR (CV_8UC3), or I420 ({@code media.I420Frames}, CV_8UC1) where the
     *                         stages asked for it ({@link LipSyncStages#takesI420()}) and the video
     *                         allows it
     * @param prepared         what {@link #prepare} returned for this output frame
     * @return the frame to encode: {@code frame} itself or a Mat of the same size and type
     *         that stays valid until the next call
     */
    Mat render(long outputIndex, int sourceFrameIndex, Mat frame, Object prepared) throws LipSyncException;

    /**
     * Work for one output frame (showing source frame {@code sourceFrameIndex}) that needs nothing
     * from earlier {@link #render} calls (fetching what it will draw from, say). The pipeline
     * calls it for frames 0, 1, 2, … in order on its fetching thread, a few frames ahead of
     * {@code render}, so it must be thread-safe against {@code render}; the result comes back
     * as {@code render}'s {@code prepared}.
     *
     * @param frame the frame {@code render} will get, to read only and only during this call
     */
    default Object prepare(long outputIndex, int sourceFrameIndex, Mat frame) throws LipSyncException {
        return null;
    }

    /** How many output frames had their mouth re-rendered (reported in the result). */
    default long framesRendered() {
        return 0;
    }

    /** After pass 2 (or when it failed): releases what the renderer holds. */
    @Override
    default void close() {
    }
}
