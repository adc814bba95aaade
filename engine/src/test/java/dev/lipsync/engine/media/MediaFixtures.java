package dev.lipsync.engine.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.lipsync.engine.bench.FfmpegProgram;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes small real media files with the FFmpeg binary bundled in the JavaCV jars (test
 * only: production code never runs a binary), and probes outputs with the bundled ffprobe.
 */
public final class MediaFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MediaFixtures() {
    }

    /** Runs the bundled ffmpeg with {@code args} (after -y -v error); fails the test on error. */
    public static void ffmpeg(String... args) {
        run(FfmpegProgram.ffmpeg(List.of(args)));
    }

    /** testsrc pattern + 440 Hz sine, {@code seconds} long, 160×120 at 25 fps, with the given codec args. */
    public static Path testVideo(Path dir, String name, double seconds, boolean withAudio, String... codecArgs) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                "testsrc=size=160x120:rate=25:duration=" + seconds));
        if (withAudio) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=" + seconds));
        }
        args.addAll(List.of(codecArgs));
        args.add(out.toString());
        ffmpeg(args.toArray(String[]::new));
        return out;
    }

    /** A {@code hz} sine of {@code seconds}, encoded by {@code codecArgs} into {@code name}. */
    public static Path sine(Path dir, String name, double seconds, int hz, int rate, int channels,
                            String... codecArgs) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                "sine=frequency=" + hz + ":sample_rate=" + rate + ":duration=" + seconds, "-ac",
                Integer.toString(channels)));
        args.addAll(List.of(codecArgs));
        args.add(out.toString());
        ffmpeg(args.toArray(String[]::new));
        return out;
    }

    /**
     * A silent video whose frame k is a flat grey of level {@code 16 + 6k} (k &lt; 36), so a
     * decoded frame tells which source frame it was ({@link #indexOf}). {@code setpts} may
     * re-time the frames (variable frame rate); null keeps 25 fps.
     */
    public static Path indexedVideo(Path dir, String name, int frames, String setpts, String... codecArgs) {
        if (frames > 36) {
            throw new IllegalArgumentException("at most 36 distinguishable frames");
        }
        Path out = dir.resolve(name);
        String filter = "color=c=black:size=64x48:rate=25,format=gray,geq=lum='16+6*N',format=yuv420p"
                + (setpts == null ? "" : ",setpts='" + setpts + "'");
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", filter, "-frames:v",
                Integer.toString(frames)));
        if (setpts != null) {
            args.addAll(List.of("-fps_mode", "passthrough"));
        }
        args.addAll(List.of(codecArgs));
        args.add(out.toString());
        ffmpeg(args.toArray(String[]::new));
        return out;
    }

    /** The source frame index encoded in a frame of {@link #indexedVideo} (from its mean level). */
    public static int indexOf(org.bytedeco.opencv.opencv_core.Mat bgr) {
        // geq draws full-range grey, so the decoded BGR grey is the level itself
        double mean = org.bytedeco.opencv.global.opencv_core.mean(bgr).get(1);
        return (int) Math.round((mean - 16) / 6);
    }

    /** The pixels of an 8-bit image (any channel count), row after row without padding. */
    public static byte[] bytes(org.bytedeco.opencv.opencv_core.Mat image) {
        org.bytedeco.opencv.opencv_core.Mat rows = image.isContinuous() ? image : image.clone();
        byte[] out = new byte[(int) (rows.total() * rows.channels())];
        rows.<java.nio.ByteBuffer>createBuffer().get(out);
        return out;
    }

    /** ffprobe's JSON (streams + format) for a file. */
    public static JsonNode probe(Path file) {
        String out = run(FfmpegProgram.ffprobe(List.of("-print_format", "json", "-show_streams", "-show_format",
                file.toString())));
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new AssertionError("ffprobe output is not JSON: " + out, e);
        }
    }

    /** The first stream of {@code type} ("video"/"audio") in a probe, or null. */
    public static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode s : probe.path("streams")) {
            if (type.equals(s.path("codec_type").asText())) {
                return s;
            }
        }
        return null;
    }

    /** Decoded video frame count, counted by ffprobe. */
    public static int countFrames(Path file) {
        String out = run(FfmpegProgram.ffprobe(List.of("-select_streams", "v:0", "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString())));
        return Integer.parseInt(out.trim().split("[,\\s]")[0]);
    }

    /** Presentation times (seconds) of the video frames, as ffprobe reads them. */
    public static double[] frameTimes(Path file) {
        String out = run(FfmpegProgram.ffprobe(List.of("-select_streams", "v:0", "-show_entries",
                "frame=pts_time", "-of", "csv=p=0", file.toString())));
        return out.lines().map(l -> l.replace(",", "").trim()).filter(l -> !l.isEmpty())
                .mapToDouble(Double::parseDouble).toArray();
    }

    /** Types of the top-level boxes of an MP4, in file order ("ftyp", "moov", "mdat", …). */
    public static List<String> topLevelBoxes(Path mp4) {
        List<String> types = new ArrayList<>();
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(mp4)) {
            long position = 0;
            long size = channel.size();
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(16);
            while (position + 8 <= size) {
                header.clear();
                channel.read(header, position);
                header.flip();
                long boxSize = Integer.toUnsignedLong(header.getInt());
                byte[] type = new byte[4];
                header.get(type);
                if (boxSize == 1) {
                    boxSize = header.getLong();
                } else if (boxSize == 0) {
                    boxSize = size - position;
                }
                types.add(new String(type, StandardCharsets.ISO_8859_1));
                if (boxSize < 8) {
                    break;
                }
                position += boxSize;
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return types;
    }

    /** {@code ../shared/media/<relative>}, or a skipped test when the shared folder is absent. */
    public static Path sharedMedia(String relative) {
        String dir = System.getProperty("lipsync.shared.dir", "../shared");
        Path file = Path.of(dir, "media", relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared test media absent: " + file + " (skipped)");
        return file;
    }

    private static String run(ProcessBuilder builder) {
        List<String> command = builder.command();
        try {
            Process process = builder.redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("failed: " + String.join(" ", command) + "\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
