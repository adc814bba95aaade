package dev.lipsync.engine.rewrite;

import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.EngineConfig;
import dev.lipsync.engine.LipSync;
import dev.lipsync.engine.Options;
import dev.lipsync.engine.ProgressListener;
import dev.lipsync.engine.media.MediaFixtures;
import dev.lipsync.engine.media.VideoFrames;
import dev.lipsync.engine.pipeline.PassThrough;
import dev.lipsync.engine.pipeline.TwoPassPipeline;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The engine's output beside a pass-through render of the same input (the codec's own loss
 * only), frame by frame: what the speaker tests measure whether a face was touched against.
 */
final class AgainstPassThrough {
    /** A 16×16 block whose mean absolute difference exceeds this was re-rendered. */
    static final double CHANGED_BLOCK = 8;
    /** Below this PSNR (against the pass-through), a region counts as touched. */
    static final double UNTOUCHED_PSNR = 35;

    /** One frame of both renders, BGR bytes, row-major. */
    interface Frames {
        void accept(int t, byte[] synced, byte[] passed, int width, int height);
    }

    private AgainstPassThrough() {
    }

    /**
     * Renders {@code clip} dubbed with {@code dub} both ways into {@code dir} and hands over the
     * first {@code frames} frame pairs; returns how many there were.
     */
    static int compare(Path clip, Path dub, Options options, Path dir, int frames, Frames visitor) throws Exception {
        String name = (options.maxFace() ? "max_face_" : "") + clip.getFileName();
        Path synced = dir.resolve("synced_" + name);
        Path passed = dir.resolve("passed_" + name);
        LipSync.create(EngineConfig.defaults()).run(clip, dub, synced, options, ProgressListener.NONE, new Cancellation());
        new TwoPassPipeline(new PassThrough()).run(clip, dub, passed, ProgressListener.NONE, new Cancellation());
        int t = 0;
        try (VideoFrames a = VideoFrames.open(synced); VideoFrames b = VideoFrames.open(passed)) {
            for (Mat x = a.next(), y = b.next(); x != null && y != null && t < frames; x = a.next(), y = b.next(), t++) {
                visitor.accept(t, MediaFixtures.bytes(x), MediaFixtures.bytes(y), x.cols(), x.rows());
            }
        }
        return t;
    }

    /** The largest mean absolute difference over 16×16 blocks of columns [x0, x1), rows [y0, y1). */
    static double largestBlockChange(byte[] a, byte[] b, int w, int x0, int x1, int y0, int y1) {
        double largest = 0;
        for (int by = y0; by + 16 <= y1; by += 16) {
            for (int bx = x0; bx + 16 <= x1; bx += 16) {
                long sum = 0;
                for (int r = by; r < by + 16; r++) {
                    for (int c = 3 * bx; c < 3 * (bx + 16); c++) {
                        sum += Math.abs((a[r * 3 * w + c] & 0xff) - (b[r * 3 * w + c] & 0xff));
                    }
                }
                largest = Math.max(largest, sum / (16.0 * 16 * 3));
            }
        }
        return largest;
    }

    /** PSNR (dB, 99 when identical) of columns [x0, x1), rows [y0, y1) of two BGR frames. */
    static double regionPsnr(byte[] a, byte[] b, int w, int x0, int x1, int y0, int y1) {
        double sq = 0;
        long n = 0;
        for (int r = y0; r < y1; r++) {
            for (int c = 3 * x0; c < 3 * x1; c++) {
                double d = (a[r * 3 * w + c] & 0xff) - (b[r * 3 * w + c] & 0xff);
                sq += d * d;
                n++;
            }
        }
        return sq == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 * n / sq);
    }
}
