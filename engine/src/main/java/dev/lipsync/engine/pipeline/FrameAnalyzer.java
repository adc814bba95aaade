package dev.lipsync.engine.pipeline;

import dev.lipsync.engine.LipSyncException;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Pass 1: sees every source frame once, in order, to learn about the video (faces, mouths,
 * cuts). Closed when the run ends, whether it succeeded or not.
 */
public interface FrameAnalyzer extends AutoCloseable {

    /**
     * Work on one frame that needs nothing from the frames before it, done on the decoding
     * thread ahead of {@link #analyse} (pass 1's analysis is its slower half); the result is
     * handed to {@code analyse} with the frame.
     *
     * @param frame    the frame {@code analyse} will see (same layout); what is made of it
     *                 may read it until {@code analyse} returns, not after
     * @param recycled what was made of an earlier frame that {@code analyse} is done with, or
     *                 null: its memory may be reused
     * @return anything (null: nothing to hand over)
     */
    default Object prepare(Mat frame, Object recycled) throws LipSyncException {
        return null;
    }

    /**
     * @param frameIndex 0, 1, 2, … (the constant-rate index, see {@code media.VideoFrames})
     * @param frame      BGR (CV_8UC3), or I420 ({@code media.I420Frames}, CV_8UC1) where the
     *                   stages asked for it ({@link LipSyncStages#takesI420()}) and the video
     *                   allows it; valid only during this call and not to be modified: copy
     *                   ({@code frame.clone()}) whatever must outlive it
     * @param prepared   what {@link #prepare} made of this frame
     */
    void analyse(int frameIndex, Mat frame, Object prepared) throws LipSyncException;

    /** After the last frame; {@code frameCount} is the number of frames {@link #analyse} saw. */
    default void finish(int frameCount) throws LipSyncException {
    }

    /** Releases what the analysis kept (temporary files); the run is over. */
    @Override
    default void close() {
    }
}
