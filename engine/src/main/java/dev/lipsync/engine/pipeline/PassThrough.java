package dev.lipsync.engine.pipeline;

import dev.lipsync.engine.media.VideoInfo;
import dev.lipsync.engine.timing.TimingPlan;
import java.util.function.Supplier;

/**
 * Stages that change nothing: frames go through re-timed and re-encoded with the new
 * audio, the mouth untouched. For testing and benchmarking the media path only; never
 * used to answer a customer (that would be a lip-sync that did not happen).
 */
public final class PassThrough implements LipSyncStages {

    @Override
    public FrameAnalyzer analyzer(VideoInfo video, Supplier<float[]> soundtrack, float[] newAudio) {
        return (frameIndex, frame, prepared) -> { };
    }

    /** Like the lip-sync, frames stay in the decoder's I420 wherever the video allows. */
    @Override
    public boolean takesI420() {
        return true;
    }

    @Override
    public FrameRenderer renderer(VideoInfo video, TimingPlan plan, float[] newAudio, SourceFrames sources) {
        return (outputIndex, sourceFrameIndex, frame, prepared) -> frame;
    }
}
