package dev.lipsync.server.jobs;

import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.LipSync;
import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.Options;
import dev.lipsync.engine.ProgressListener;
import dev.lipsync.engine.Result;
import java.nio.file.Path;

/** The step that turns a video and an audio file into the output MP4: the engine, in production. */
@FunctionalInterface
public interface Renderer {

    Result render(Path video, Path audio, Path output, Options options, ProgressListener progress,
                  Cancellation cancel) throws LipSyncException;

    /** The engine's public entry point. */
    static Renderer engine(LipSync lipSync) {
        return lipSync::run;
    }
}
