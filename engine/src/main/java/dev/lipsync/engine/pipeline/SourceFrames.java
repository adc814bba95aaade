package dev.lipsync.engine.pipeline;

import dev.lipsync.engine.LipSyncException;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Read access to any source frame between the passes and during pass 2, e.g. to take a mouth
 * from another frame of the same person (unit selection). Backed by its own decoder, opened
 * on first use. With {@link #frame}, runs of consecutive indices are cheap (decode on) but a
 * jump costs a seek plus up to one keyframe interval of decoding: to read many scattered
 * frames, {@link #visitInOrder} them once.
 */
public interface SourceFrames {

    /** Frames in the video (as counted by pass 1). */
    int count();

    /**
     * Source frame {@code index} (BGR CV_8UC3), valid until the next call and not to be
     * modified: copy what must outlive it.
     */
    Mat frame(int index) throws LipSyncException;

    /**
     * Decodes the video once from its start and hands each of {@code sortedIndices} (ascending,
     * distinct) to {@code visitor}, in order: the cheap way to read many scattered frames.
     * The frame is valid only during the call and not to be modified.
     */
    void visitInOrder(int[] sortedIndices, FrameVisitor visitor) throws LipSyncException;

    /** Receives the frames of {@link #visitInOrder}. */
    @FunctionalInterface
    interface FrameVisitor {
        void visit(int index, Mat frame) throws LipSyncException;
    }
}
