package dev.lipsync.engine;

import dev.lipsync.engine.media.NativeMemory;
import dev.lipsync.engine.pipeline.TwoPassPipeline;
import dev.lipsync.engine.rewrite.MouthRewrite;
import java.nio.file.Path;

/**
 * The engine's one entry point: a video of a person talking plus a new audio track in, the
 * same video with the active speaker's mouth re-rendered to the new audio out (MP4, H.264 +
 * AAC). Everything behind it is package-private to its stage.
 *
 * <p>Create one instance per process and reuse it: it holds the parsed landmark model.
 */
public final class LipSync {

    static {
        NativeMemory.liftProcessCap(); // before the first native allocation of a library user
    }

    private final EngineConfig config;

    private LipSync(EngineConfig config) {
        this.config = config;
    }

    public static LipSync create(EngineConfig config) {
        return new LipSync(config);
    }

    public EngineConfig config() {
        return config;
    }

    /**
     * Renders {@code output} from {@code video} and {@code audio}.
     *
     * @throws LipSyncException with a customer-readable message when the input cannot be used
     * @throws CancelledException when {@code cancel} was triggered
     */
    public Result run(Path video, Path audio, Path output, Options options, ProgressListener progress,
                      Cancellation cancel) throws LipSyncException {
        // The pipeline checks the inputs (the customer's errors) before any work starts.
        return new TwoPassPipeline(new MouthRewrite(config, options)).frameSpoolBytes(config.frameSpoolBytes())
                .run(video, audio, output, progress, cancel);
    }
}
