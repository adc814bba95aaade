package dev.lipsync.engine.pipeline;

import dev.lipsync.engine.LipSyncException;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Read access to any source frame during pass 2, e.g. to take a mouth from another frame
 * of the same person (unit selection). Backed by its own decoder, opened on first use.
 * Runs of consecutive indices are cheap (decode on); a jump costs a seek plus up to one
 * keyframe interval of decoding, so prefer paths made of runs.
 */
public interface SourceFrames {

    /** Frames in the video (as counted by pass 1). */
    int count();

    /**
     * Source frame {@code index} (BGR CV_8UC3), valid until the next call and not to be
     * modified: copy what must outlive it.
     */
    Mat frame(int index) throws LipSyncException;
}
