package dev.lipsync.engine.landmarks;

import dev.lipsync.engine.media.I420Frames;
import java.nio.ByteBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * An 8-bit grey image. Grey is dlib's: (R + G + B) / 3 in integers, which the landmark model's
 * pixel-difference features were trained on.
 *
 * <p>An image made by {@link #ofFrame} converts nothing: each read takes the mean of the frame's
 * three bytes there (of a BGR frame), or of the pixel's three channels converted from YUV (of an
 * I420 frame). Landmarks and face checks read some 8,000 pixels of a frame, around its
 * faces; converting even just the faces' surroundings ahead cost more than those reads.
 */
public final class GrayImage {
    private final int width;
    private final int height;
    /** Row-major without padding, or null for an image that reads its frame. */
    private final byte[] pixels;
    /** For an image that reads a BGR frame: the frame's pixels and row stride in bytes. */
    private ByteBuffer bgr;
    private int bgrStride;
    /** For an image that reads an I420 frame (bgr is then null). */
    private I420Frames.Pixels i420;

    /** @param pixels row-major, {@code width * height} values (not copied) */
    public GrayImage(int width, int height, byte[] pixels) {
        if (width <= 0 || height <= 0 || pixels.length < width * height) {
            throw new IllegalArgumentException("bad grey image " + width + "x" + height + " with " + pixels.length + " pixels");
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    private GrayImage(int width, int height) {
        this.width = width;
        this.height = height;
        this.pixels = null;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The grey value at (x, y), 0..255. */
    public int at(int x, int y) {
        if (pixels == null) {
            if (bgr == null) {
                return i420.meanOfChannels(x, y);
            }
            int i = y * bgrStride + 3 * x;
            return ((bgr.get(i) & 0xff) + (bgr.get(i + 1) & 0xff) + (bgr.get(i + 2) & 0xff)) / 3;
        }
        return pixels[y * width + x] & 0xff;
    }

    /** The grey value at (x, y) between pixel centres, bilinear; positions beyond the image read its edge. */
    public double bilinear(double x, double y) {
        double cx = Math.clamp(x, 0, width - 1), cy = Math.clamp(y, 0, height - 1);
        int x0 = (int) cx, y0 = (int) cy;
        int x1 = Math.min(x0 + 1, width - 1), y1 = Math.min(y0 + 1, height - 1);
        double fx = cx - x0, fy = cy - y0;
        double top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
        double bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    /**
     * The colour at (x, y) as 0xRRGGBB, for the few readers that need more than grey; only an
     * image that reads a frame ({@link #ofFrame}) has colour, others give the grey in all three.
     */
    public int colourAt(int x, int y) {
        if (pixels == null) {
            if (bgr == null) {
                return i420.rgb(x, y);
            }
            int i = y * bgrStride + 3 * x;
            return (bgr.get(i + 2) & 0xff) << 16 | (bgr.get(i + 1) & 0xff) << 8 | (bgr.get(i) & 0xff);
        }
        int grey = pixels[y * width + x] & 0xff;
        return grey << 16 | grey << 8 | grey;
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
        requireBgr(bgr);
        int w = bgr.cols();
        int h = bgr.rows();
        int stride = (int) bgr.step();
        byte[] grey = reuse != null && reuse.width == w && reuse.height == h && reuse.pixels != null
                ? reuse.pixels : new byte[w * h];
        byte[] row = new byte[w * 3];
        ByteBuffer data = pixelsOf(bgr);
        for (int y = 0; y < h; y++) {
            data.get(y * stride, row, 0, row.length);
            int dst = y * w;
            for (int x = 0, src = 0; x < w; x++, src += 3) {
                grey[dst + x] = (byte) (((row[src] & 0xff) + (row[src + 1] & 0xff) + (row[src + 2] & 0xff)) / 3);
            }
        }
        return reuse != null && grey == reuse.pixels ? reuse : new GrayImage(w, h, grey);
    }

    /**
     * The grey image of {@code frame} (BGR, or I420 as {@link I420Frames} packs it), each pixel
     * worked out as it is read: it reads the frame's memory, so it is valid only while the frame's
     * pixels stay as they are. {@code reuse}, an earlier image of this kind no longer in use, is
     * pointed at this frame and returned when it has the frame's size (null, or another size: a
     * new image).
     */
    public static GrayImage ofFrame(Mat frame, GrayImage reuse) {
        boolean planar = I420Frames.isI420(frame);
        if (!planar) {
            requireBgr(frame);
        }
        int w = frame.cols(), h = I420Frames.pictureHeight(frame);
        GrayImage image = reuse != null && reuse.pixels == null && reuse.width == w && reuse.height == h ? reuse
                : new GrayImage(w, h);
        image.bgr = planar ? null : pixelsOf(frame);
        image.bgrStride = planar ? 0 : (int) frame.step();
        image.i420 = planar ? new I420Frames.Pixels(frame) : null;
        return image;
    }

    private static void requireBgr(Mat bgr) {
        if (bgr.type() != CV_8UC3) {
            throw new IllegalArgumentException("expected a CV_8UC3 frame, got type " + bgr.type());
        }
    }

    /**
     * The frame's pixel memory as a buffer, valid while the frame's pixels are: reading from it
     * is a plain memory read, where each read through the frame's {@code BytePointer} is a JNI
     * call.
     */
    private static ByteBuffer pixelsOf(Mat bgr) {
        long bytes = bgr.rows() == 0 ? 0 : (bgr.rows() - 1) * bgr.step() + 3L * bgr.cols();
        return bgr.data().capacity(bytes).asByteBuffer();
    }
}
