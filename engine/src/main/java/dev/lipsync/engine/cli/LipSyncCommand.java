package dev.lipsync.engine.cli;

import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.EngineConfig;
import dev.lipsync.engine.LipSync;
import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.Options;
import dev.lipsync.engine.Result;
import dev.lipsync.engine.media.NativeMemory;
import dev.lipsync.engine.pipeline.TwoPassPipeline;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lipsync VIDEO AUDIO -o OUT.mp4}: the engine on the command line, with a progress
 * bar and a one-line error (exit 3 for input the user must fix, 2 for wrong usage or a bad
 * {@code LIPSYNC_*} setting, 1 for engine failures).
 */
@Command(name = "lipsync", mixinStandardHelpOptions = true, version = "lipsync 0.1.0",
        subcommands = BenchCommand.class, sortOptions = false,
        description = "Re-renders the speaking person's mouth in VIDEO to match AUDIO and writes an MP4 "
                + "(H.264 + AAC) with AUDIO as its soundtrack.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the engine failed", "2:wrong usage", "3:an input file cannot be used",
            "130:cancelled"})
public final class LipSyncCommand implements Callable<Integer> {
    static final int ENGINE_FAILED = 1;
    static final int USAGE = 2;
    static final int BAD_INPUT = 3;
    static final int CANCELLED = 130;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "VIDEO", description = "the video (mp4, mov, webm, mkv, avi, …)")
    Path video;

    @Parameters(index = "1", arity = "0..1", paramLabel = "AUDIO",
            description = "the new audio (wav, mp3, m4a, ogg, flac, or a video's audio track)")
    Path audio;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.mp4", description = "where to write the result")
    Path output;

    @Option(names = "--max-face", description = "re-render the largest face instead of the active speaker")
    boolean maxFace;

    @Option(names = "--debug-overlay", description = "draw face boxes, landmarks and the speaker choice")
    boolean debugOverlay;

    @Option(names = "--no-progress", description = "do not draw a progress bar")
    boolean noProgress;

    public static void main(String[] args) {
        NativeMemory.liftProcessCap();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new LipSyncCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    // a bug, not the user's input: still one line, details only on request
                    commandLine.getErr().println("error: internal failure (" + e + ")");
                    if (Boolean.getBoolean("lipsync.stacktrace")) {
                        e.printStackTrace(commandLine.getErr());
                    }
                    return ENGINE_FAILED;
                });
    }

    @Override
    public Integer call() {
        if (video == null || audio == null || output == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "needs VIDEO, AUDIO and -o OUT.mp4 (or a subcommand, e.g. 'bench')");
        }
        PrintWriter err = spec.commandLine().getErr();
        String problem = inputProblem(video, "video");
        problem = problem != null ? problem : inputProblem(audio, "audio");
        problem = problem != null ? problem : outputProblem(output, video, audio);
        if (problem != null) {
            err.println("error: " + problem);
            err.flush();
            return USAGE;
        }
        EngineConfig config = engineConfig(err);
        if (config == null) {
            return USAGE;
        }
        Cancellation cancel = new Cancellation();
        Thread worker = Thread.currentThread();
        Thread onInterrupt = new Thread(() -> {
            cancel.cancel(); // Ctrl-C: let the run stop between frames and remove its partial output
            try {
                worker.join(5000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try (ProgressBars progress = new ProgressBars(!noProgress)) {
            Result result = LipSync.create(config)
                    .run(video, audio, output, new Options(maxFace, debugOverlay), progress, cancel);
            progress.close();
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%.2f s, %d frames, %d re-rendered)%n",
                    result.output(), result.durationSeconds(), result.framesTotal(), result.framesRendered());
            return 0;
        } catch (LipSyncException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return exitCode(e.reason());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    /**
     * What is wrong with an input path before any work starts, or null: a typo in a path is the
     * user's to fix, and the engine would only see a file it cannot read ("not a valid video").
     */
    static String inputProblem(Path input, String what) {
        if (Files.isDirectory(input)) {
            return what + " " + input + " is a directory, not a file";
        }
        if (!Files.exists(input)) {
            return what + " " + input + ": no such file";
        }
        if (!Files.isReadable(input)) {
            return what + " " + input + ": not readable (permissions)";
        }
        return null;
    }

    /**
     * What is wrong with {@code -o} before any work starts, or null: a directory, a folder that
     * does not exist, or one of the inputs (the finished output replaces the file of its name:
     * the input would be lost).
     */
    static String outputProblem(Path output, Path video, Path audio) {
        if (Files.isDirectory(output)) {
            return "-o " + output + " is a directory: name the output file";
        }
        Path folder = output.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            return "-o " + output + ": no such directory " + folder;
        }
        if (TwoPassPipeline.isAnInput(output, video, audio)) {
            return "-o " + output + " is an input file: write the output elsewhere";
        }
        return null;
    }

    /**
     * The engine's settings from the environment, or null after a one-line error on {@code err}
     * where a {@code LIPSYNC_*} variable the user set is no valid value.
     */
    static EngineConfig engineConfig(PrintWriter err) {
        try {
            return EngineConfig.defaults();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return null;
        }
    }

    static int exitCode(LipSyncException.Reason reason) {
        return switch (reason) {
            case VIDEO_UNREADABLE, NO_VIDEO_STREAM, AUDIO_UNREADABLE, NO_AUDIO_STREAM, VIDEO_TOO_LONG, NO_FACE ->
                    BAD_INPUT;
            case CANCELLED -> CANCELLED;
            default -> ENGINE_FAILED;
        };
    }
}
