package dev.lipsync.engine.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.Loader;

/**
 * The ffmpeg and ffprobe programs bundled in JavaCV's jars, for the benchmarks and the tests'
 * fixtures (the engine itself links FFmpeg's libraries; it never runs a program).
 *
 * <p>The programs find their own libraries through {@code $ORIGIN}, but those libraries'
 * dependencies (libva, libdrm, bundled beside them) are only found on the library path, so
 * every process gets the bundle's folder there.
 */
public final class FfmpegProgram {
    private FfmpegProgram() {
    }

    /** {@code ffmpeg -nostdin -y -v error ARGS}. */
    public static ProcessBuilder ffmpeg(List<String> args) {
        return builder(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class), List.of("-nostdin", "-y", "-v", "error"), args);
    }

    /** {@code ffprobe -v error ARGS}. */
    public static ProcessBuilder ffprobe(List<String> args) {
        return builder(Loader.load(org.bytedeco.ffmpeg.ffprobe.class), List.of("-v", "error"), args);
    }

    /**
     * Runs {@code ffmpeg -nostdin -y -v error ARGS} to its end.
     *
     * @param what what it does, for the error ("make the bench clip")
     * @throws IOException with ffmpeg's own messages when it fails
     */
    public static void run(String what, List<String> args) throws IOException {
        Process process = ffmpeg(args).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("could not " + what + " (ffmpeg " + String.join(" ", args) + "): " + log.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffmpeg was running", e);
        }
    }

    private static ProcessBuilder builder(String program, List<String> fixed, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(fixed);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        String bundle = Path.of(program).getParent().toString();
        String existing = env.get("LD_LIBRARY_PATH");
        env.put("LD_LIBRARY_PATH", existing == null || existing.isEmpty() ? bundle : bundle + ":" + existing);
        return builder;
    }
}
