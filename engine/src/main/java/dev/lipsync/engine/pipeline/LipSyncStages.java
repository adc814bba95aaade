package dev.lipsync.engine.pipeline;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.media.VideoInfo;
import dev.lipsync.engine.timing.TimingPlan;
import java.util.function.Supplier;

/**
 * What the lip-sync stages plug into {@link TwoPassPipeline}: an analyser for pass 1 and,
 * built from what it learnt, a renderer for pass 2.
 */
public interface LipSyncStages {

    /**
     * Before pass 1. Both audio tracks are known from here on: work on them may go on while
     * pass 1 runs.
     *
     * @param soundtrack reads the video's own audio, 16 kHz mono (empty when it has none or it
     *                   does not decode: never fails), on whichever thread calls it; the
     *                   active-speaker stage correlates it with lip motion
     * @param newAudio   the new audio, 16 kHz mono, as {@link #renderer} gets it
     */
    FrameAnalyzer analyzer(VideoInfo video, Supplier<float[]> soundtrack, float[] newAudio) throws LipSyncException;

    /**
     * After pass 1 (the analyser's {@code finish} has run).
     *
     * @param plan     source frame per output frame; {@code plan.sourceFrames()} is the real
     *                 frame count, {@code plan.outputFrames()} the number of frames to render
     * @param newAudio the new audio, 16 kHz mono; output frame i covers samples
     *                 [i / rate × 16000, (i+1) / rate × 16000)
     * @param sources  any source frame on demand during pass 2 (valid until the run ends)
     */
    FrameRenderer renderer(VideoInfo video, TimingPlan plan, float[] newAudio, SourceFrames sources)
            throws LipSyncException;

    /**
     * Whether the analyser and the renderer take frames in I420 ({@code media.I420Frames}) where
     * the video allows it (even size, no rotation): frames then go from the decoder to the
     * analysis, and from the decoder to the encoder, without colour conversion; the stages
     * convert only the pixels they read or change. False: always BGR.
     */
    default boolean takesI420() {
        return false;
    }
}
