package dev.lipsync.engine.landmarks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;
import org.bytedeco.ffmpeg.global.avutil;
import dev.lipsync.engine.bench.FfmpegProgram;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/** Decodes real clips for tests (the production reader lives in the media stage). */
public final class TestVideo {
    private TestVideo() {
    }

    /** Calls {@code each} with every frame (BGR, valid only during the call) and its index, up to {@code maxFrames}. */
    public static double forEachFrame(Path clip, int maxFrames, ObjIntConsumer<Mat> each) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile());
             OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat()) {
            g.start();
            double fps = g.getFrameRate();
            Frame f;
            int i = 0;
            while (i < maxFrames && (f = g.grabImage()) != null) {
                each.accept(conv.convert(f), i++);
            }
            g.stop();
            return fps;
        }
    }

    /** Two clips side by side (each scaled to 360x360, 25 fps, the first {@code seconds}), written into {@code dir}. */
    public static Path sideBySide(Path left, Path right, double seconds, Path dir) throws Exception {
        return runFfmpeg(dir.resolve("side_by_side.mp4"), List.of(
                "-t", Double.toString(seconds), "-i", left.toString(),
                "-t", Double.toString(seconds), "-i", right.toString(),
                "-filter_complex",
                "[0:v]scale=360:360,fps=25,setsar=1[a];[1:v]scale=360:360,fps=25,setsar=1[b];[a][b]hstack=inputs=2[v]"));
    }

    /**
     * {@code still} (480x480) on the left of a grey 960x480 frame, and from {@code enterAt}
     * seconds {@code entering} (480x480) sliding in from the right edge at 400 px a second to
     * sit beside it: a second face coming into the shot without a cut. 25 fps, 5 s.
     */
    public static Path slideIn(Path still, Path entering, double enterAt, Path dir) throws Exception {
        String x = "if(lt(t\\," + enterAt + ")\\,960\\,max(480\\,960-(t-" + enterAt + ")*400))";
        return runFfmpeg(dir.resolve("slide_in.mp4"), List.of(
                "-t", "5", "-i", still.toString(),
                "-t", "5", "-i", entering.toString(),
                "-filter_complex",
                "[0:v]scale=480:480,fps=25,setsar=1,pad=960:480:0:0:gray[a];[1:v]scale=480:480,fps=25,setsar=1[b];"
                        + "[a][b]overlay=x=" + x + ":y=0[v]"));
    }

    /**
     * A wide shot: {@code clip} scaled to {@code side} px in a {@code width}x{@code height} frame,
     * off centre, over its own top left corner enlarged and blurred (a background with the
     * tones of a real one), the first {@code seconds} at 25 fps.
     */
    public static Path wideShot(Path clip, int side, int width, int height, double seconds, Path dir) throws Exception {
        return runFfmpeg(dir.resolve("wide_" + side + "_in_" + width + ".mp4"), List.of(
                "-t", Double.toString(seconds), "-i", clip.toString(),
                "-filter_complex", "[0:v]split[a][b];[a]crop=iw/4:ih/4:0:0,scale=" + width + ":" + height
                        + ",boxblur=10[bg];[b]scale=" + side + ":" + side + "[fg];[bg][fg]overlay=" + (width * 2 / 3)
                        + ":" + (height / 3) + ",fps=25,setsar=1[v]"));
    }

    /**
     * A webcam picture on slides: {@code clip} scaled to {@code side} px in the bottom right
     * corner of a white 1920x1080 frame, the first {@code seconds} at 25 fps.
     */
    public static Path webcamOnSlides(Path clip, int side, double seconds, Path dir) throws Exception {
        return runFfmpeg(dir.resolve("webcam_" + side + ".mp4"), List.of(
                "-t", Double.toString(seconds), "-i", clip.toString(),
                "-filter_complex", "[0:v]scale=" + side + ":" + side + ",fps=25,setsar=1,pad=1920:1080:" + (1900 - side)
                        + ":" + (1060 - side) + ":white[v]"));
    }

    private static Path runFfmpeg(Path out, List<String> inputsAndFilter) throws Exception {
        List<String> args = new ArrayList<>(inputsAndFilter);
        args.addAll(List.of("-map", "[v]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", out.toString()));
        Process p = FfmpegProgram.ffmpeg(args).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor() == 0, "could not build the test clip: " + log);
        return out;
    }

    /**
     * Two clips joined with the bundled ffmpeg binary (both scaled to 480x480, 25 fps, the
     * first {@code seconds} of each), written into {@code dir}. Returns the file.
     */
    public static Path splice(Path first, Path second, double seconds, Path dir) throws Exception {
        return runFfmpeg(dir.resolve("spliced.mp4"), List.of(
                "-t", Double.toString(seconds), "-i", first.toString(),
                "-t", Double.toString(seconds), "-i", second.toString(),
                "-filter_complex",
                "[0:v]scale=480:480,fps=25,setsar=1[a];[1:v]scale=480:480,fps=25,setsar=1[b];[a][b]concat=n=2:v=1:a=0[v]"));
    }
}
