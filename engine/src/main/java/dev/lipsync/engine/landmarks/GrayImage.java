package dev.lipsync.engine.landmarks;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * An 8-bit grey image, row-major without padding. Grey is dlib's: (R + G + B) / 3 in integers,
 * which the landmark model's pixel-difference features were trained on.
 */
public final class GrayImage {
    private final int width;
    private final int height;
    private final byte[] pixels;

    /** @param pixels row-major, {@code width * height} values (not copied) */
    public GrayImage(int width, int height, byte[] pixels) {
        if (width <= 0 || height <= 0 || pixels.length < width * height) {
            throw new IllegalArgumentException("bad grey image " + width + "x" + height + " with " + pixels.length + " pixels");
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The grey value at (x, y), 0..255. */
    public int at(int x, int y) {
        return pixels[y * width + x] & 0xff;
    }

    /** The backing array (row-major, not a copy). */
    byte[] pixels() {
        return pixels;
    }

    /** From interleaved 3-channel bytes (B, G, R or R, G, B: the mean does not care) with a row stride in bytes. */
    public static GrayImage fromInterleaved3(byte[] data, int width, int height, int rowStride) {
        byte[] grey = new byte[width * height];
        for (int y = 0; y < height; y++) {
            int src = y * rowStride;
            int dst = y * width;
            for (int x = 0; x < width; x++, src += 3) {
                grey[dst + x] = (byte) (((data[src] & 0xff) + (data[src + 1] & 0xff) + (data[src + 2] & 0xff)) / 3);
            }
        }
        return new GrayImage(width, height, grey);
    }

    /** From an OpenCV CV_8UC3 BGR frame, a row at a time (no copy of the whole frame). */
    public static GrayImage fromBgr(Mat bgr) {
        return fromBgr(bgr, null);
    }

    /**
     * As {@link #fromBgr(Mat)}, writing into {@code reuse}'s pixels when it has the frame's size
     * (a video's frames all do: one image a frame would be megabytes of garbage a second).
     * {@code reuse} must no longer be in use; null makes a new image.
     */
    public static GrayImage fromBgr(Mat bgr, GrayImage reuse) {
        if (bgr.type() != CV_8UC3) {
            throw new IllegalArgumentException("expected a CV_8UC3 frame, got type " + bgr.type());
        }
        int w = bgr.cols();
        int h = bgr.rows();
        long stride = bgr.step();
        byte[] grey = reuse != null && reuse.width == w && reuse.height == h ? reuse.pixels : new byte[w * h];
        byte[] row = new byte[w * 3];
        BytePointer data = bgr.data();
        for (int y = 0; y < h; y++) {
            data.position(y * stride).get(row, 0, row.length);
            int dst = y * w;
            for (int x = 0, src = 0; x < w; x++, src += 3) {
                grey[dst + x] = (byte) (((row[src] & 0xff) + (row[src + 1] & 0xff) + (row[src + 2] & 0xff)) / 3);
            }
        }
        data.position(0);
        return reuse != null && grey == reuse.pixels ? reuse : new GrayImage(w, h, grey);
    }
}
