package dev.lipsync.engine.shots;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import dev.lipsync.engine.media.I420Frames;
import java.nio.ByteBuffer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A cheap summary of one frame for finding shot cuts: a colour histogram (16 bins per channel,
 * blind to motion) and a 16x16 grey thumbnail (blind to nothing, catches cuts between shots of
 * similar colours). Computed from a sparse grid of about 160 x 90 samples.
 */
public final class FrameSignature {
    static final int BINS = 16;
    static final int THUMB = 16;
    static final int SAMPLES_ACROSS = 160;

    final float[] histogram; // 3 x BINS, each channel summing to 1
    final float[] thumbnail; // THUMB x THUMB mean grey, 0..255

    FrameSignature(float[] histogram, float[] thumbnail) {
        this.histogram = histogram;
        this.thumbnail = thumbnail;
    }

    /** From an OpenCV frame, BGR (CV_8UC3) or I420 ({@link I420Frames}); reads only the sampled pixels. */
    public static FrameSignature of(Mat frame) {
        if (I420Frames.isI420(frame)) {
            I420Frames.Pixels pixels = new I420Frames.Pixels(frame);
            return of(pixels::rgb, I420Frames.width(frame), I420Frames.height(frame));
        }
        if (frame.type() != CV_8UC3) throw new IllegalArgumentException("expected CV_8UC3 or I420, got type " + frame.type());
        // As a buffer, a read is a plain memory read (through the BytePointer, a JNI call).
        long bytes = frame.rows() == 0 ? 0 : (frame.rows() - 1) * frame.step() + 3L * frame.cols();
        return of(frame.data().capacity(bytes).asByteBuffer(), frame.cols(), frame.rows(), (int) frame.step());
    }

    /** From interleaved 3-channel bytes with a row stride in bytes. */
    static FrameSignature of(byte[] px, int width, int height, int stride) {
        return of(ByteBuffer.wrap(px), width, height, stride);
    }

    private static FrameSignature of(ByteBuffer px, int width, int height, int stride) {
        return of((x, y) -> {
            int i = y * stride + 3 * x;
            return (px.get(i + 2) & 0xff) << 16 | (px.get(i + 1) & 0xff) << 8 | px.get(i) & 0xff;
        }, width, height);
    }

    /** A pixel as 0xRRGGBB. */
    private interface Sampler {
        int rgb(int x, int y);
    }

    private static FrameSignature of(Sampler pixels, int width, int height) {
        int step = Math.max(1, width / SAMPLES_ACROSS);
        float[] hist = new float[3 * BINS];
        float[] thumb = new float[THUMB * THUMB];
        int[] thumbCount = new int[THUMB * THUMB];
        int n = 0;
        for (int y = step / 2; y < height; y += step) {
            int ty = y * THUMB / height;
            for (int x = step / 2; x < width; x += step) {
                int rgb = pixels.rgb(x, y);
                int c0 = rgb & 0xff, c1 = (rgb >>> 8) & 0xff, c2 = rgb >>> 16;
                hist[c0 * BINS / 256]++;
                hist[BINS + c1 * BINS / 256]++;
                hist[2 * BINS + c2 * BINS / 256]++;
                int t = ty * THUMB + x * THUMB / width;
                thumb[t] += (c0 + c1 + c2) / 3f;
                thumbCount[t]++;
                n++;
            }
        }
        for (int i = 0; i < hist.length; i++) hist[i] /= n;
        for (int i = 0; i < thumb.length; i++) thumb[i] = thumbCount[i] == 0 ? 0 : thumb[i] / thumbCount[i];
        return new FrameSignature(hist, thumb);
    }

    /**
     * How different two frames look, 0 (same) to 1: the mean of the histograms' L1 distance
     * (per channel, halved, so 0..1) and the thumbnails' mean absolute difference over 64 grey
     * levels (capped at 1).
     */
    public double distance(FrameSignature o) {
        double h = 0;
        for (int i = 0; i < histogram.length; i++) h += Math.abs(histogram[i] - o.histogram[i]);
        h /= 6; // three channels, each L1 in 0..2
        double t = 0;
        for (int i = 0; i < thumbnail.length; i++) t += Math.abs(thumbnail[i] - o.thumbnail[i]);
        t = Math.min(1.0, t / thumbnail.length / 64.0);
        return 0.5 * (h + t);
    }
}
