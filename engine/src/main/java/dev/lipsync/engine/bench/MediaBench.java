package dev.lipsync.engine.bench;

import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.EngineConfig;
import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.Options;
import dev.lipsync.engine.ProgressListener;
import dev.lipsync.engine.Result;
import dev.lipsync.engine.landmarks.ShapePredictor;
import dev.lipsync.engine.media.Mp4Writer;
import dev.lipsync.engine.media.VideoFrames;
import dev.lipsync.engine.media.VideoInfo;
import dev.lipsync.engine.pipeline.LipSyncStages;
import dev.lipsync.engine.pipeline.PassThrough;
import dev.lipsync.engine.pipeline.TwoPassPipeline;
import dev.lipsync.engine.rewrite.MouthRewrite;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Speed and memory of the media path, against baselines measured in the same run: the
 * FFmpeg command-line tool bundled with JavaCV re-encoding the same clip with the same
 * settings, and the process's own memory before the run.
 */
public final class MediaBench {
    /** Warm-up lip-sync runs stop once one spends less than this compiling (compiler threads' time). */
    static final double JIT_SETTLED_SECONDS = 0.5;
    static final int MAX_WARM_UP_RUNS = 6;

    private final PrintStream out;
    private final Path workDir;
    /** Stage times of the fastest lip-sync run so far. */
    private TimedStages fastestStages;
    private double fastestLipSyncSeconds = Double.POSITIVE_INFINITY;

    public MediaBench(PrintStream out, Path workDir) {
        this.out = out;
        this.workDir = workDir;
    }

    /**
     * One measurement: frames handled in seconds of wall time, and the CPU seconds it took
     * (all threads; NaN where not measured). On a shared machine the CPU time moves less with
     * other load than the wall time does.
     */
    public record Speed(String what, long frames, double seconds, double cpuSeconds) {
        public Speed(String what, long frames, double seconds) {
            this(what, frames, seconds, Double.NaN);
        }

        public double fps() {
            return frames / seconds;
        }
    }

    /**
     * Decode, decode+encode, the two-pass pipeline and the FFmpeg CLI on {@code clip}; each the
     * best of {@code repeat} rounds that take every measurement once. The lip-sync run is driven
     * by {@code dub} (null: the clip's own soundtrack).
     */
    public List<Speed> speed(Path clip, Path dub, int repeat) throws LipSyncException, IOException {
        VideoInfo info = VideoFrames.probe(clip);
        Path audio = info.hasAudio() ? clip : null;
        Path driving = dub != null ? dub : audio;
        out.printf(Locale.ROOT, "clip: %s, %dx%d at %.3f fps, %.1f s%s%n", clip.getFileName(), info.width(),
                info.height(), info.frameRate(), info.durationSeconds(), audio == null ? " (no audio)" : "");
        if (driving != null) {
            out.printf(Locale.ROOT, "lip-sync driven by %s%n", driving == clip ? "the clip's own soundtrack" : driving.getFileName());
        }
        // one untimed run first: class loading, native libraries and the JIT would otherwise
        // be charged to whichever measurement comes first
        boolean i420 = VideoFrames.canGiveI420(info);
        decodeEncode(clip, i420, audio, workDir.resolve("warmup.mp4"));
        // the landmark model (~2 s to parse) is loaded once per process, as in the server
        ShapePredictor.shared(EngineConfig.defaults());
        out.println("(landmark model loaded before timing, once per process as in the server)");
        boolean lipSyncs = false;
        if (driving != null) {
            // The JIT compiles the analysis and compositing code during a process's first jobs: on
            // the bench clip its compiler threads took ~7 CPU s in the first run, 1-2 s in each of
            // the next three (a fifth to a tenth of a run's CPU time, on two cores), under 0.2 s
            // from the sixth on. A server's worker is past that after a few jobs, so the timed
            // runs come after it has settled; the first job is printed too.
            try {
                warmUp(clip, driving);
                lipSyncs = true;
            } catch (LipSyncException e) {
                out.println("lip-sync not measured on this clip: " + e.getMessage());
            }
            fastestStages = null;
            fastestLipSyncSeconds = Double.POSITIVE_INFINITY;
        }
        long[] frames = {0}; // the CLI's frame count, from our decode of the same round
        List<Measurement> measurements = new ArrayList<>();
        measurements.add(() -> {
            Speed decoded = decode(clip);
            frames[0] = decoded.frames();
            return decoded;
        });
        measurements.add(() -> decodeEncode(clip, i420, audio, workDir.resolve("ours.mp4")));
        int passThroughAt = -1, lipSyncAt = -1;
        if (audio != null) {
            passThroughAt = measurements.size();
            measurements.add(() -> twoPass(clip, workDir.resolve("twopass.mp4")));
            if (lipSyncs) {
                lipSyncAt = measurements.size();
                measurements.add(() -> lipSync(clip, driving, workDir.resolve("lipsync.mp4")));
            }
        }
        int baselineAt = measurements.size();
        measurements.add(() -> ffmpegCli(clip, workDir.resolve("cli.mp4"), frames[0]));
        // Rounds that take each measurement once, rather than each measurement's runs in a row: on
        // a shared machine the load changes from minute to minute, and a ratio of two measurements
        // taken minutes apart measured the load as much as the engine.
        Speed[] best = new Speed[measurements.size()];
        List<String> roundRatios = new ArrayList<>();
        for (int round = 0; round < Math.max(1, repeat); round++) {
            Speed[] taken = new Speed[measurements.size()];
            for (int m = 0; m < measurements.size(); m++) {
                taken[m] = measurements.get(m).run();
                if (best[m] == null || taken[m].seconds() < best[m].seconds()) {
                    best[m] = taken[m];
                }
            }
            if (lipSyncAt >= 0) {
                roundRatios.add(String.format(Locale.ROOT, "%.2f", taken[lipSyncAt].seconds() / taken[baselineAt].seconds()));
            }
        }
        List<Speed> results = List.of(best);
        Speed passThrough = passThroughAt >= 0 ? best[passThroughAt] : null;
        Speed whole = lipSyncAt >= 0 ? best[lipSyncAt] : null;
        Speed baseline = best[baselineAt];
        out.printf(Locale.ROOT, "%-38s %9s %14s %9s%n", "", "frames/s", "x ffmpeg CLI", "CPU s");
        for (Speed s : results) {
            out.printf(Locale.ROOT, "%-38s %9.1f %14.2f %9s%n", s.what(), s.fps(), s.fps() / baseline.fps(),
                    Double.isNaN(s.cpuSeconds()) ? "" : String.format(Locale.ROOT, "%.2f", s.cpuSeconds()));
        }
        if (whole != null) {
            out.printf(Locale.ROOT, "lip-sync speed / pass-through speed: %.2f; lip-sync time / ffmpeg CLI time: %.2f "
                    + "(target <= 1.5)%n", whole.fps() / passThrough.fps(), baseline.fps() / whole.fps());
            out.printf(Locale.ROOT, "lip-sync CPU time / ffmpeg CLI CPU time: %.2f (of the same runs; steadier than "
                    + "wall time when the machine is shared)%n", whole.cpuSeconds() / baseline.cpuSeconds());
            out.printf(Locale.ROOT, "lip-sync time / ffmpeg CLI time in each round: %s%n", String.join(" ", roundRatios));
            out.printf(Locale.ROOT, "stages of the fastest lip-sync run (the rest is decode, encode, I/O):%n");
            for (Speed s : List.of(fastestStages.analysis(), fastestStages.planning(whole.frames()),
                    fastestStages.rendering())) {
                out.printf(Locale.ROOT, "%-38s %9.1f %14.2f   %4.0f %% of the run%n", s.what(), s.fps(),
                        s.fps() / baseline.fps(), 100 * s.seconds() / whole.seconds());
            }
        }
        return results;
    }

    /**
     * Untimed lip-sync runs until one spends less than {@link #JIT_SETTLED_SECONDS} compiling
     * (at most {@link #MAX_WARM_UP_RUNS}; one where the JVM does not report compilation time).
     */
    private void warmUp(Path clip, Path driving) throws LipSyncException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        int runs = 0;
        double lastCompiling = Double.NaN;
        Speed first = null;
        while (runs < (timed ? MAX_WARM_UP_RUNS : 1)) {
            long compiledBefore = timed ? jit.getTotalCompilationTime() : 0;
            Speed run = lipSync(clip, driving, workDir.resolve("warmup-lipsync.mp4"));
            first = first == null ? run : first;
            runs++;
            if (timed) {
                lastCompiling = (jit.getTotalCompilationTime() - compiledBefore) / 1000.0;
                if (lastCompiling < JIT_SETTLED_SECONDS) {
                    break;
                }
            }
        }
        out.printf(Locale.ROOT, "(a fresh process's first lip-sync: %.2f s, %.2f CPU s, the JIT compiling)%n",
                first.seconds(), first.cpuSeconds());
        out.printf(Locale.ROOT, "(%d lip-sync run(s) before timing, as a server's worker has done%s)%n", runs,
                timed ? String.format(Locale.ROOT, "; the JIT compiled for %.2f s in the last", lastCompiling) : "");
    }

    Speed decode(Path clip) throws LipSyncException {
        long start = System.nanoTime();
        long frames = 0;
        try (VideoFrames video = VideoFrames.open(clip)) {
            while (video.next() != null) {
                frames++;
            }
        }
        return new Speed("decode (ours, to BGR Mat)", frames, seconds(start));
    }

    /**
     * Decode and encode as pass 2 does for a plain frame: in I420 where the clip allows it
     * ({@code i420}, decided from the clip's header before timing starts).
     */
    Speed decodeEncode(Path clip, boolean i420, Path audio, Path output) throws LipSyncException {
        long start = System.nanoTime();
        double cpu = ownCpuSeconds();
        long frames = 0;
        try (VideoFrames video = VideoFrames.open(clip, i420)) {
            VideoInfo info = video.info();
            Mp4Writer writer = Mp4Writer.open(output, info.width(), info.height(), info.frameRate(), audio,
                    info.display());
            try {
                for (Mat frame = video.next(); frame != null; frame = video.next()) {
                    writer.write(frame);
                    frames++;
                }
                writer.finish();
            } finally {
                writer.abort();
            }
        }
        return new Speed(i420 ? "decode+encode (ours, one pass, I420)" : "decode+encode (ours, one pass, BGR)", frames,
                seconds(start), ownCpuSeconds() - cpu);
    }

    Speed twoPass(Path clip, Path output) throws LipSyncException {
        long start = System.nanoTime();
        double cpu = ownCpuSeconds();
        Result result = pipeline(new PassThrough()).run(clip, clip, output, ProgressListener.NONE,
                new Cancellation());
        return new Speed("two-pass pipeline, pass-through", result.framesTotal(), seconds(start), ownCpuSeconds() - cpu);
    }

    /**
     * The whole engine on {@code clip} driven by {@code audio}: best another voice, as in real
     * use (driven by its own soundtrack, unit selection often picks each frame's own mouth).
     */
    Speed lipSync(Path clip, Path audio, Path output) throws LipSyncException {
        long start = System.nanoTime();
        double cpu = ownCpuSeconds();
        TimedStages stages = new TimedStages(new MouthRewrite(EngineConfig.defaults(), Options.defaults()));
        Result result = pipeline(stages).run(clip, audio, output, ProgressListener.NONE, new Cancellation());
        Speed speed = new Speed("two-pass pipeline, lip-sync", result.framesTotal(), seconds(start),
                ownCpuSeconds() - cpu);
        if (speed.seconds() < fastestLipSyncSeconds) {
            fastestLipSyncSeconds = speed.seconds();
            fastestStages = stages;
        }
        return speed;
    }

    /** The pipeline as {@code LipSync.run} sets it up, with the environment's engine settings. */
    private static TwoPassPipeline pipeline(LipSyncStages stages) {
        return new TwoPassPipeline(stages).frameSpoolBytes(EngineConfig.defaults().frameSpoolBytes());
    }

    Speed ffmpegCli(Path clip, Path output, long frames) throws IOException {
        long start = System.nanoTime();
        double cpu = childrenCpuSeconds();
        FfmpegProgram.run("re-encode the clip", List.of("-i", clip.toString(), "-c:v", "libx264", "-preset", "veryfast", "-crf", "19",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart", output.toString()));
        return new Speed("ffmpeg CLI re-encode (baseline)", frames, seconds(start), childrenCpuSeconds() - cpu);
    }

    /**
     * Peak memory of whole lip-sync runs at 1080p: a {@code minutes}-long video made by looping and
     * scaling {@code clip}, driven by its own soundtrack (forward play), then its first 20 s
     * driven by a minute of that soundtrack (back-and-forth play, the frame window in use).
     *
     * @return the larger peak resident set size, in bytes
     */
    public long memory(Path clip, int minutes) throws LipSyncException, IOException {
        if (!VideoFrames.probe(clip).hasAudio()) {
            throw new IllegalArgumentException("the memory bench needs a clip with audio");
        }
        Path longVideo = workDir.resolve("long_" + minutes + "min_1080p.mp4");
        long start = System.nanoTime();
        FfmpegProgram.run("make the long video", List.of("-stream_loop", "-1", "-i", clip.toString(), "-t", Integer.toString(minutes * 60),
                "-vf", "scale=1920:1080,setsar=1", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "28",
                "-c:a", "aac", longVideo.toString()));
        Path shortVideo = workDir.resolve("short_20s_1080p.mp4");
        Path minuteAudio = workDir.resolve("audio_1min.m4a");
        FfmpegProgram.run("cut the short video", List.of("-i", longVideo.toString(), "-t", "20", "-c", "copy", shortVideo.toString()));
        FfmpegProgram.run("cut a minute of audio", List.of("-i", longVideo.toString(), "-t", "60", "-vn", "-c:a", "copy", minuteAudio.toString()));
        out.printf(Locale.ROOT, "made %s in %.0f s%n", longVideo.getFileName(), seconds(start));
        long forward = measurePeak(minutes + " min 1080p, forward", longVideo, longVideo);
        long bounce = measurePeak("20 s 1080p to 60 s audio, back and forth", shortVideo, minuteAudio);
        long peak = Math.max(forward, bounce);
        out.printf(Locale.ROOT, "peak resident memory: %d MB (target < 1024 MB), java heap max %d MB%n",
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        return peak;
    }

    private long measurePeak(String label, Path video, Path audio) throws LipSyncException {
        boolean reset = resetPeak() >= 0;
        out.printf(Locale.ROOT, "%s: resident before %d MB%s%n", label, rss() >> 20,
                reset ? "" : " (could not reset the peak: it includes earlier work)");
        long start = System.nanoTime();
        long[] lastTenth = {-1};
        Result result = pipeline(new MouthRewrite(EngineConfig.defaults(), Options.defaults())).run(
                video, audio, workDir.resolve("out.mp4"),
                (stage, fraction) -> {
                    long tenth = (long) (fraction * 10) + (stage == ProgressListener.Stage.RENDER ? 100 : 0);
                    if (tenth != lastTenth[0]) {
                        lastTenth[0] = tenth;
                        Runtime jvm = Runtime.getRuntime();
                        out.printf(Locale.ROOT, "  %s %3.0f%%  rss %d MB (java heap in use %d MB)%n", stage,
                                fraction * 100, rss() >> 20, (jvm.totalMemory() - jvm.freeMemory()) >> 20);
                    }
                }, new Cancellation());
        double seconds = seconds(start);
        long peak = peakRss();
        out.printf(Locale.ROOT, "%s: %d frames in %.0f s (%.1f frames/s over both passes), peak rss %d MB%n",
                label, result.framesTotal(), seconds, result.framesTotal() / seconds, peak >> 20);
        return peak;
    }

    /** CPU seconds this process has used, all threads (NaN where the JVM cannot tell). */
    static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /**
     * CPU seconds used by this process's finished child processes (the FFmpeg CLI): cutime + cstime
     * of /proc/self/stat, in Linux's 100 ticks a second; NaN elsewhere.
     */
    static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0; // fields 16 and 17 of stat(5)
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Resets the kernel's peak-RSS counter (Linux ≥ 4.0); -1 when not possible. */
    static long resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return peakRss();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** VmHWM: the process's peak resident set size, in bytes. */
    public static long peakRss() {
        return statusField("VmHWM:");
    }

    static long rss() {
        return statusField("VmRSS:");
    }

    private static long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private interface Measurement {
        Speed run() throws LipSyncException, IOException;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
