package dev.lipsync.engine.cli;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.bench.FfmpegProgram;
import dev.lipsync.engine.bench.MediaBench;
import dev.lipsync.engine.bench.QualityBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lipsync bench}: speed of our decode / encode against the FFmpeg CLI on the same
 * clip, and with {@code --memory} the peak memory on a long 1080p video. Prints ratios,
 * never asserts on times.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures the media path: frames/s of our decode, decode+encode and two-pass pipeline "
                + "as ratios to a plain FFmpeg CLI re-encode; --memory adds peak memory on a long 1080p video; "
                + "--quality measures lip-sync quality instead (reconstruction, dub, PSNR, contact sheets).")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--clip", paramLabel = "VIDEO",
            description = "clip to measure (default: shared/media/video/man_en.mp4 looped to a 20 s 720p30 clip, "
                    + "else a generated 720p test pattern)")
    Path clip;

    @Option(names = "--audio", paramLabel = "AUDIO",
            description = "speech driving the lip-sync run (default: with the default clip, German speech from "
                    + "shared/media/audio looped to 20 s; else the clip's own soundtrack)")
    Path audio;

    @Option(names = "--repeat", defaultValue = "3", description = "rounds of all measurements, each measurement's best kept (default 3)")
    int repeat;

    @Option(names = "--memory", description = "also run the memory benchmark")
    boolean memory;

    @Option(names = "--no-speed", description = "skip the speed measurements")
    boolean noSpeed;

    @Option(names = "--minutes", defaultValue = "10", description = "length of the memory benchmark's video (default 10)")
    int minutes;

    @Option(names = "--keep", paramLabel = "DIR", description = "write the generated files here and keep them")
    Path keep;

    @Option(names = "--quality", description = "run the quality benchmark (instead of speed) on shared/media clips")
    boolean quality;

    @Option(names = "--clips", split = ",", paramLabel = "CLIP",
            description = "quality: clips by name in shared/media/video (man_en, ...) or path (default: all there)")
    List<String> clips;

    @Option(names = "--dub", split = ",", paramLabel = "CLIP=LANG",
            description = "quality: dub audio per clip, a name in shared/media/audio (de, fr, ja, ...) or a path "
                    + "(default: man_en=de, man_suit_en=fr, woman_blue_en=ja, woman_glasses_en=ru, tight_crop_noaudio=zh_news)")
    Map<String, String> dub;

    @Option(names = "--no-dub", description = "quality: skip the dub runs")
    boolean noDub;

    @Option(names = "--sheets", paramLabel = "DIR", description = "quality: write contact sheets (PNG) here")
    Path sheets;

    @Option(names = "--oracle", description = "quality: also drive the renderer with the true opening (its ceiling)")
    boolean oracle;

    @Override
    public Integer call() throws IOException, LipSyncException {
        if (LipSyncCommand.engineConfig(new PrintWriter(System.err)) == null) { // the benches read it again
            return LipSyncCommand.USAGE;
        }
        Path work = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("lipsync-bench");
        try {
            if (quality) {
                return quality(work);
            }
            MediaBench bench = new MediaBench(System.out, work);
            Path source = clip != null ? clip : defaultClip(work);
            Path dub = audio != null ? audio : clip != null ? null : defaultDub(work);
            if (!noSpeed) {
                bench.speed(source, dub, repeat);
            }
            if (memory) {
                long peak = bench.memory(source, minutes);
                System.out.println(peak < (1L << 30) ? "memory: within the 1 GB target" : "memory: OVER the 1 GB target");
            }
            return 0;
        } finally {
            if (keep == null) {
                deleteTree(work);
            }
        }
    }

    private int quality(Path work) throws IOException {
        Path shared = QualityBench.sharedDir();
        List<Path> videos = clips == null ? QualityBench.defaultClips(shared)
                : clips.stream().map(c -> QualityBench.clip(shared, c)).toList();
        for (Path v : videos) {
            if (!Files.isRegularFile(v)) {
                System.err.println("no such clip: " + v);
                return 2;
            }
        }
        if (videos.isEmpty()) {
            System.out.println("(no shared media at " + shared.resolve("media/video") + ": nothing to measure)");
            return 0;
        }
        Map<String, Path> dubs = new LinkedHashMap<>();
        if (!noDub) {
            (dub != null ? dub : QualityBench.DEFAULT_DUBS).forEach((clip, lang) ->
                    dubs.put(QualityBench.stem(Path.of(clip)), QualityBench.dubAudio(shared, lang)));
            for (Path a : dubs.values()) {
                if (!Files.isRegularFile(a)) {
                    System.err.println("no such dub audio: " + a);
                    return 2;
                }
            }
        }
        new QualityBench(System.out, work).run(new QualityBench.Settings(videos, dubs, sheets, oracle));
        return 0;
    }

    /**
     * The yardstick: a 720p30 talking head, 20 s long (a shared clip looped, scaled and
     * padded; the lip-sync run is driven by German speech, see defaultDub), so per-run costs (model loading, planning) weigh as they do
     * on real work. Without shared media, a generated 720p test pattern (no face: the lip-sync
     * run then fails and only the media path is measured).
     */
    private static Path defaultClip(Path work) throws IOException {
        Path real = QualityBench.sharedDir().resolve("media/video/man_en.mp4");
        if (Files.isRegularFile(real)) {
            Path clip = work.resolve("talk_720p30_20s.mp4");
            FfmpegProgram.run("make the bench clip", List.of("-stream_loop", "-1", "-i", real.toString(), "-t", "20", "-vf",
                    "scale=-2:720,pad=1280:720:(ow-iw)/2:0,fps=30,setsar=1", "-c:v", "libx264", "-preset", "veryfast",
                    "-crf", "18", "-pix_fmt", "yuv420p", "-c:a", "aac", clip.toString()));
            return clip;
        }
        System.out.println("(no shared media at " + real + ": using a generated 720p test pattern)");
        Path synthetic = work.resolve("testsrc_720p.mp4");
        FfmpegProgram.run("make the test pattern clip", List.of("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=10", "-f", "lavfi", "-i",
                "sine=frequency=220:duration=10", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", synthetic.toString()));
        return synthetic;
    }

    /** Another person's speech in another language for the default clip, 20 s; null without shared media. */
    private static Path defaultDub(Path work) throws IOException {
        Path german = QualityBench.sharedDir().resolve("media/audio/de.wav");
        if (!Files.isRegularFile(german)) {
            return null;
        }
        Path dub = work.resolve("dub_de_20s.wav");
        FfmpegProgram.run("make the dub", List.of("-stream_loop", "-1", "-i", german.toString(), "-t", "20", "-ac", "1", dub.toString()));
        return dub;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
