package dev.lipsync.engine.bench;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.media.VideoInfo;
import dev.lipsync.engine.pipeline.FrameAnalyzer;
import dev.lipsync.engine.pipeline.FrameRenderer;
import dev.lipsync.engine.pipeline.LipSyncStages;
import dev.lipsync.engine.pipeline.SourceFrames;
import dev.lipsync.engine.timing.TimingPlan;
import java.util.function.Supplier;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Wraps the lip-sync stages to time what they add to the pipeline's own decode and encode:
 * pass-1 analysis (faces, landmarks, cuts), planning between the passes (speaker choice,
 * audio model, unit selection, donor mouths cut out in one more decode), pass-2 rendering
 * (donor mouths composited).
 */
final class TimedStages implements LipSyncStages {
    private final LipSyncStages inner;
    private long analyseNanos;
    private long planNanos;
    private long renderNanos;
    private long analysedFrames;
    private long renderedFrames;

    TimedStages(LipSyncStages inner) {
        this.inner = inner;
    }

    @Override
    public FrameAnalyzer analyzer(VideoInfo video, Supplier<float[]> soundtrack, float[] newAudio) throws LipSyncException {
        long start = System.nanoTime();
        FrameAnalyzer analyzer = inner.analyzer(video, soundtrack, newAudio);
        planNanos += System.nanoTime() - start;
        return new FrameAnalyzer() {
            @Override
            public Object prepare(Mat frame, Object recycled) throws LipSyncException {
                return analyzer.prepare(frame, recycled);
            }

            @Override
            public void analyse(int frameIndex, Mat frame, Object prepared) throws LipSyncException {
                long t = System.nanoTime();
                analyzer.analyse(frameIndex, frame, prepared);
                analyseNanos += System.nanoTime() - t;
                analysedFrames++;
            }

            @Override
            public void finish(int frameCount) throws LipSyncException {
                long t = System.nanoTime();
                analyzer.finish(frameCount);
                analyseNanos += System.nanoTime() - t;
            }

            @Override
            public void close() {
                analyzer.close();
            }
        };
    }

    @Override
    public boolean takesI420() {
        return inner.takesI420();
    }

    @Override
    public FrameRenderer renderer(VideoInfo video, TimingPlan plan, float[] newAudio, SourceFrames sources)
            throws LipSyncException {
        long start = System.nanoTime();
        FrameRenderer renderer = inner.renderer(video, plan, newAudio, sources);
        planNanos += System.nanoTime() - start;
        return new FrameRenderer() {
            @Override
            public Mat render(long outputIndex, int sourceFrameIndex, Mat frame, Object prepared)
                    throws LipSyncException {
                long t = System.nanoTime();
                Mat out = renderer.render(outputIndex, sourceFrameIndex, frame, prepared);
                renderNanos += System.nanoTime() - t;
                renderedFrames++;
                return out;
            }

            @Override
            public Object prepare(long outputIndex, int sourceFrameIndex, Mat frame) throws LipSyncException {
                return renderer.prepare(outputIndex, sourceFrameIndex, frame); // fetching thread: not in the render time
            }

            @Override
            public long framesRendered() {
                return renderer.framesRendered();
            }

            @Override
            public void close() {
                renderer.close();
            }
        };
    }

    /** Wall seconds and frames of each stage, as {@link MediaBench.Speed}s. */
    MediaBench.Speed analysis() {
        return new MediaBench.Speed("  faces + landmarks + cuts (pass 1)", analysedFrames, analyseNanos / 1e9);
    }

    MediaBench.Speed planning(long frames) {
        return new MediaBench.Speed("  speaker, audio model, units, crops", frames, planNanos / 1e9);
    }

    MediaBench.Speed rendering() {
        return new MediaBench.Speed("  mouth compositing (pass 2)", renderedFrames, renderNanos / 1e9);
    }
}
