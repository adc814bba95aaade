package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import static org.bytedeco.opencv.global.opencv_core.setNumThreads;

import dev.lipsync.engine.landmarks.Landmarks;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Times one 720p compose (a real 640-px frame scaled into a 1280×720 canvas, face about 100 px
 * between the eyes). Prints milliseconds per frame and the ratio to copying the whole frame once,
 * measured in the same run. Not a test: run it with the test classpath,
 * {@code java -cp engine/target/test-classes:engine/target/classes:<deps> dev.lipsync.engine.compose.ComposeBench}.
 */
public final class ComposeBench {
    public static void main(String[] args) throws Exception {
        String t = args.length > 0 ? args[0] : "video-retalking_1_t0.5.png";
        String s = args.length > 1 ? args[1] : "video-retalking_1_t2.2.png";
        Mat target = to720p(ReferenceFrames.frame(t)), source = to720p(ReferenceFrames.frame(s));
        Landmarks tl = scale(ReferenceFrames.landmarks(t), 640), sl = scale(ReferenceFrames.landmarks(s), 640);
        System.out.printf("frame %dx%d, eye distance %.0f px%n", target.cols(), target.rows(),
                dev.lipsync.engine.mouth.MouthShape.eyeDistance(tl));

        // One OpenCV thread: all work then runs on this thread, so its CPU time is the whole cost
        // (on this shared 2-core machine wall time mostly measures waiting for a core).
        setNumThreads(1);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Mat work = target.clone();
        int warm = 100, runs = 300;
        for (int i = 0; i < warm; i++) {
            target.copyTo(work);
            MouthCompositor.composeInPlace(work, tl, source, sl, sl, 1.0);
        }
        long c0 = cpu.getCurrentThreadCpuTime(), t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            MouthCompositor.composeInPlace(work, tl, source, sl, sl, 1.0);
        }
        double composeMs = (System.nanoTime() - t0) / 1e6 / runs, composeCpu = (cpu.getCurrentThreadCpuTime() - c0) / 1e6 / runs;
        c0 = cpu.getCurrentThreadCpuTime();
        t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            target.copyTo(work);
        }
        double copyMs = (System.nanoTime() - t0) / 1e6 / runs, copyCpu = (cpu.getCurrentThreadCpuTime() - c0) / 1e6 / runs;
        int[] win = MouthCompositor.composeInPlace(work, tl, source, sl, sl, 1.0);
        System.out.printf("window %dx%d; compose: %.2f ms wall, %.2f ms CPU per frame; full-frame copy: %.3f ms wall, %.3f ms CPU;"
                + " compose/copy CPU ratio %.1f; load average %.1f%n", win[2], win[3], composeMs, composeCpu, copyMs, copyCpu,
                composeCpu / copyCpu, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** 640×640 → 720×720, centred in a 1280×720 canvas (x offset 280). */
    static Mat to720p(Mat m) {
        Mat big = new Mat();
        resize(m, big, new Size(720, 720), 0, 0, m.cols() < 720 ? INTER_CUBIC : INTER_AREA);
        Mat canvas = new Mat(720, 1280, CV_8UC3, new Scalar(40, 40, 40, 0));
        big.copyTo(canvas.apply(new Rect(280, 0, 720, 720)));
        return canvas;
    }

    static Landmarks scale(Landmarks l, int from) {
        float[] xy = l.toArray();
        double k = 720.0 / from;
        for (int i = 0; i < 68; i++) {
            xy[2 * i] = (float) (xy[2 * i] * k + 280);
            xy[2 * i + 1] = (float) (xy[2 * i + 1] * k);
        }
        return new Landmarks(xy);
    }
}
