package dev.lipsync.engine.rewrite;

import dev.lipsync.engine.EngineConfig;
import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.Options;
import dev.lipsync.engine.audio.FrameSampler;
import dev.lipsync.engine.audio.SpeechFeatures;
import dev.lipsync.engine.face.FaceTracker;
import dev.lipsync.engine.media.VideoInfo;
import dev.lipsync.engine.mouth.MouthShape;
import dev.lipsync.engine.mouth.MouthTargetModel;
import dev.lipsync.engine.pipeline.FrameAnalyzer;
import dev.lipsync.engine.pipeline.FrameRenderer;
import dev.lipsync.engine.pipeline.LipSyncStages;
import dev.lipsync.engine.pipeline.SourceFrames;
import dev.lipsync.engine.timing.TimingPlan;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The lip-sync stages wired for {@link dev.lipsync.engine.pipeline.TwoPassPipeline}: pass 1
 * tracks faces and cuts ({@link FaceAnalyzer}) while both audio tracks are analysed aside; between
 * the passes the speaker is chosen with the original soundtrack ({@link Speakers}), the model adapted
 * to the person on it, the mouth target predicted from the new audio and the bank frames
 * selected ({@link MouthPlan}); pass 2 composites ({@link MouthRenderer}). One instance per run.
 */
public final class MouthRewrite implements LipSyncStages {
    /** Parsed once per JVM (about 0.1 s); immutable, adaptation returns a new model. */
    private static final class GenericModel {
        static final MouthTargetModel INSTANCE = MouthTargetModel.load();
    }

    /**
     * Where a run's mouth targets come from instead of the audio model: benchmarks drive the
     * same planning and rendering with baselines (audio energy alone, the true opening).
     */
    @FunctionalInterface
    public interface TargetSource {
        /** Targets per video frame of {@code newAudio16k} (16 kHz mono) at {@code fps}. */
        MouthTargetModel.Prediction targets(float[] newAudio16k, double fps);
    }

    private final EngineConfig config;
    private final Options options;
    /** Null: the audio model, adapted to the video's own soundtrack when it has one. */
    private final TargetSource targets;
    private FaceAnalyzer analyzer;
    /** The features of the video's own soundtrack (null without one) and of the new audio (null with {@link #targets}). */
    private CompletableFuture<SpeechFeatures> heard;
    private CompletableFuture<SpeechFeatures> dub;
    /** Where the last run's donor crops came from: {from pass 1's spool, decoded again}. */
    private int[] donorSources = {0, 0};

    public MouthRewrite(EngineConfig config, Options options) {
        this(config, options, null);
    }

    private MouthRewrite(EngineConfig config, Options options, TargetSource targets) {
        this.config = config;
        this.options = options;
        this.targets = targets;
    }

    /** The lip-sync with mouth targets from {@code targets} instead of the audio model (benchmarks). */
    public static MouthRewrite withTargets(EngineConfig config, Options options, TargetSource targets) {
        return new MouthRewrite(config, options, java.util.Objects.requireNonNull(targets));
    }

    @Override
    public FrameAnalyzer analyzer(VideoInfo video, Supplier<float[]> soundtrack, float[] newAudio) throws LipSyncException {
        // Both tracks' features (about 0.1 s for 20 s of video, and reading the soundtrack about
        // as long again) are worked out while pass 1 runs, which leaves a core partly idle,
        // instead of before or between the passes, where they would hold up the passes. Once
        // done, only the features are kept, not the samples.
        this.heard = analyseAside(() -> {
            float[] samples = soundtrack.get();
            return samples.length > 0 ? SpeechFeatures.analyse(samples) : null;
        });
        this.dub = targets == null ? analyseAside(() -> SpeechFeatures.analyse(newAudio))
                : CompletableFuture.completedFuture(null);
        this.analyzer = new FaceAnalyzer(FaceTracker.create(config, video.frameRate()),
                new FaceCropSpool(config.faceSpoolBytes()));
        return analyzer;
    }

    private static CompletableFuture<SpeechFeatures> analyseAside(Supplier<SpeechFeatures> analysis) {
        return CompletableFuture.supplyAsync(analysis, task -> Thread.ofPlatform().name("audio-analysis").daemon().start(task));
    }

    /** The result of a task started in {@link #analyzer}, its failure rethrown as it was. */
    private static SpeechFeatures await(CompletableFuture<SpeechFeatures> features) {
        try {
            return features.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Pass 1 reads a few thousand pixels of a frame and converts the faces' windows to BGR; pass 2
     * changes a window around one mouth per frame: the rest goes from decoder to encoder as is.
     */
    @Override
    public boolean takesI420() {
        return true;
    }

    @Override
    public FrameRenderer renderer(VideoInfo video, TimingPlan plan, float[] newAudio, SourceFrames sources)
            throws LipSyncException {
        FaceLog log = analyzer.log();
        double fps = video.frameRate();
        // the soundtrack is analysed once: it tells who speaks and how this person's mouth follows sound
        SpeechFeatures heard = await(this.heard);
        Speakers speakers = Speakers.choose(log, heard, GenericModel.INSTANCE, fps, options.maxFace());
        MouthTargetModel.Prediction prediction;
        if (targets != null) {
            prediction = targets.targets(newAudio, fps);
        } else {
            MouthTargetModel model = GenericModel.INSTANCE;
            if (heard != null) {
                // the person's own timing of mouth to sound, learnt from the original soundtrack
                model = model.adaptedTo(heard, fps, speakerOpenings(speakers, log.frameCount()));
            }
            prediction = model.predict(await(dub), fps, FrameSampler.videoFrames(newAudio.length, fps));
        }
        MouthPlan mouths = MouthPlan.build(speakers, log, plan, prediction);
        MouthBank bank;
        try (FaceCropSpool spool = analyzer.spool()) { // its disk space is not needed in pass 2
            bank = MouthBank.extract(mouths, speakers, plan, video.width(), video.height(), spool, sources);
        }
        donorSources = new int[] {bank.spooled(), bank.decoded()};
        return new MouthRenderer(speakers, mouths, bank, options.debugOverlay() ? new DebugOverlay(log, speakers) : null,
                video.width(), video.height());
    }

    /** Donor crops of the last run {taken from pass 1's spool, decoded again}. */
    int[] donorSources() {
        return donorSources.clone();
    }

    /** The chosen speaker's opening per source frame, NaN where none. */
    private static double[] speakerOpenings(Speakers speakers, int frames) {
        double[] out = new double[frames];
        for (int t = 0; t < frames; t++) {
            FaceLog.Face f = speakers.speaker(t);
            out[t] = f == null ? Double.NaN : MouthShape.measure(f.toLandmarks()).opening();
        }
        return out;
    }
}
