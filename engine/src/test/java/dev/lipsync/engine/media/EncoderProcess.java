package dev.lipsync.engine.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Re-encodes a video in a JVM of its own, for what a test cannot change in its own process:
 * the allocator's environment, the heap size, properties read once when JavaCPP loads.
 */
final class EncoderProcess {
    private EncoderProcess() {
    }

    /** How the child ended: its exit code and what it printed. */
    record Outcome(int exitCode, String log) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Decodes {@code input} as I420 and encodes it to {@code output} (no audio) in a child JVM
     * started with {@code jvmOptions} and {@code environment} added to ours; with
     * {@code liftMemoryCap} the child calls {@link NativeMemory#liftProcessCap()} first.
     */
    static Outcome encode(Path input, Path output, boolean liftMemoryCap, List<String> jvmOptions,
                          Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                Boolean.toString(liftMemoryCap), input.toString(), output.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process child = builder.start();
        String log = new String(child.getInputStream().readAllBytes());
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("encoder process hung: " + log);
        }
        return new Outcome(child.exitValue(), log);
    }

    /** The child: {@code liftMemoryCap input output}. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            if (Boolean.parseBoolean(args[0])) {
                NativeMemory.liftProcessCap();
            }
            try (VideoFrames video = VideoFrames.openI420(Path.of(args[1]))) {
                VideoInfo info = video.info();
                Mp4Writer writer = Mp4Writer.open(Path.of(args[2]), info.width(), info.height(), info.frameRate(), null);
                for (Mat frame = video.next(); frame != null; frame = video.next()) {
                    writer.write(frame);
                }
                writer.finish();
            }
        }
    }
}
