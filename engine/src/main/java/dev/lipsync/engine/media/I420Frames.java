package dev.lipsync.engine.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2YUV_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_YUV2BGR_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Frames kept as the decoder gives them and the encoder takes them: planar YUV 4:2:0 (I420),
 * packed in one CV_8UC1 {@link Mat} of {@code height × 3/2} rows and {@code width} columns (the
 * Y plane, then U and V at half resolution, each plane's rows back to back), as OpenCV's
 * {@code COLOR_YUV2BGR_I420} expects. Pass 2 handles most frames only to copy them from the
 * decoder to the encoder; keeping them in I420 saves two whole-frame colour conversions per
 * frame, and the window that gets a new mouth is blended in the planes themselves
 * ({@link #planes(Mat, Rect)}).
 * Even widths and heights only (one chroma sample per 2 × 2 pixels).
 */
public final class I420Frames {
    private I420Frames() {
    }

    /** Whether frames of this size can be held in I420: even width and height. */
    public static boolean fits(int width, int height) {
        return width > 0 && height > 0 && width % 2 == 0 && height % 2 == 0;
    }

    /** Whether {@code frame} is an I420 frame (as opposed to BGR). */
    public static boolean isI420(Mat frame) {
        return frame.type() == CV_8UC1;
    }

    /** Width of an I420 frame Mat. */
    public static int width(Mat i420) {
        return i420.cols();
    }

    /** Height of the picture an I420 frame Mat holds (two thirds of its rows). */
    public static int height(Mat i420) {
        return i420.rows() * 2 / 3;
    }

    /** Height of the picture a frame holds, I420 or BGR (a frame's width is its columns either way). */
    public static int pictureHeight(Mat frame) {
        return isI420(frame) ? height(frame) : frame.rows();
    }

    /** The smallest window with even corners that holds {x, y, width, height}, inside the frame. */
    public static Rect evenWindow(int x, int y, int width, int height, int frameWidth, int frameHeight) {
        int x0 = Math.max(0, x & ~1), y0 = Math.max(0, y & ~1);
        int x1 = Math.min(frameWidth, (x + width + 1) & ~1), y1 = Math.min(frameHeight, (y + height + 1) & ~1);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    /**
     * Views (no copy) of the Y, U and V planes of {@code window} (even corners, see
     * {@link #evenWindow}) of an I420 frame: {@code window}'s size, then half of it twice.
     * Writing into them writes into the frame.
     */
    public static Mat[] planes(Mat i420, Rect window) {
        requireEven(window);
        Mat[] whole = planes(i420, width(i420), height(i420));
        Mat[] views = new Mat[3];
        for (int p = 0; p < 3; p++) {
            views[p] = whole[p].apply(planeWindow(window, p));
        }
        return views;
    }

    /** A new I420 frame of a BGR frame (even size). */
    public static Mat fromBgr(Mat bgr) {
        if (!fits(bgr.cols(), bgr.rows())) {
            throw new IllegalArgumentException("I420 needs an even size, got " + bgr.cols() + "x" + bgr.rows());
        }
        Mat out = new Mat();
        cvtColor(bgr, out, COLOR_BGR2YUV_I420);
        return out;
    }

    /** A new BGR frame of a whole I420 frame. */
    public static Mat toBgr(Mat i420) {
        Mat out = new Mat();
        cvtColor(i420, out, COLOR_YUV2BGR_I420);
        return out;
    }

    /**
     * The BGR pixels of {@code window} (any rectangle inside the frame) of an I420 frame: a new
     * Mat, the same bytes as that window of the whole frame converted ({@link #toBgr(Mat)}).
     */
    public static Mat toBgr(Mat i420, Rect window) {
        Rect even = evenWindow(window.x(), window.y(), window.width(), window.height(), width(i420), height(i420));
        Mat out = new Mat(); // made outside the scope: it outlives it
        try (PointerScope scope = new PointerScope()) {
            Mat bgr = new Mat();
            cvtColor(crop(i420, even), bgr, COLOR_YUV2BGR_I420);
            Rect inside = new Rect(window.x() - even.x(), window.y() - even.y(), window.width(), window.height());
            bgr.apply(inside).copyTo(out);
        }
        return out;
    }

    /** A new I420 frame of the window {@code even} (even corners, see {@link #evenWindow}) of an I420 frame. */
    public static Mat crop(Mat i420, Rect even) {
        requireEven(even);
        Mat packed = new Mat(even.height() * 3 / 2, even.width(), CV_8UC1); // made outside the scope: it outlives it
        try (PointerScope scope = new PointerScope()) {
            Mat[] from = planes(i420, even);
            Mat[] to = planes(packed, even.width(), even.height());
            for (int p = 0; p < 3; p++) {
                from[p].copyTo(to[p]);
            }
        }
        return packed;
    }

    /**
     * Single pixels of an I420 frame in BGR, without converting the frame: for code that reads a
     * few thousand pixels of a frame (landmarks, shot signatures), where converting it whole
     * would cost more than those reads.
     */
    public static final class Pixels {
        /*
         * OpenCV's YUV-to-BGR conversion (COLOR_YUV2BGR_I420: ITU-R BT.601, limited range, 20-bit
         * fixed point, each chroma sample shared by its 2x2 pixels), so that a pixel read here is
         * the pixel of the frame converted whole.
         */
        private static final int SHIFT = 20;
        private static final int HALF = 1 << (SHIFT - 1);
        private static final int CY = 1220542, CUB = 2116026, CUG = -409993, CVG = -852492, CVR = 1673527;

        private final ByteBuffer data;
        private final int width;
        private final int uPlane;
        private final int vPlane;

        /** Reads {@code i420}'s memory: valid while the frame's pixels stay as they are. */
        public Pixels(Mat i420) {
            if (!isI420(i420) || !i420.isContinuous() || !fits(i420.cols(), height(i420))) {
                throw new IllegalArgumentException("not a packed I420 frame: " + i420);
            }
            this.width = width(i420);
            int lumaBytes = width * height(i420);
            this.uPlane = lumaBytes;
            this.vPlane = lumaBytes + lumaBytes / 4;
            this.data = i420.data().capacity(lumaBytes * 3L / 2).asByteBuffer();
        }

        /** The pixel at (x, y) as 0xRRGGBB. */
        public int rgb(int x, int y) {
            int c = (y >> 1) * (width >> 1) + (x >> 1);
            return rgb(data.get(y * width + x) & 0xff, data.get(uPlane + c) & 0xff, data.get(vPlane + c) & 0xff);
        }

        /** dlib's grey of the pixel at (x, y): (R + G + B) / 3 in integers. */
        public int meanOfChannels(int x, int y) {
            int rgb = rgb(x, y);
            return ((rgb >>> 16) + ((rgb >>> 8) & 0xff) + (rgb & 0xff)) / 3;
        }

        /** One pixel's Y, U and V as 0xRRGGBB. */
        static int rgb(int y, int u, int v) {
            int luma = Math.max(0, y - 16) * CY;
            int du = u - 128, dv = v - 128;
            int r = clamp((luma + HALF + CVR * dv) >> SHIFT);
            int g = clamp((luma + HALF + CVG * dv + CUG * du) >> SHIFT);
            int b = clamp((luma + HALF + CUB * du) >> SHIFT);
            return r << 16 | g << 8 | b;
        }

        private static int clamp(int v) {
            return Math.min(255, Math.max(0, v));
        }
    }

    /**
     * Copies a decoded picture in FFmpeg's yuv420p (three planes, each with its own row stride)
     * into {@code target}, packed.
     */
    static void copyPlanes(AVFrame picture, Mat target) {
        int width = picture.width(), height = picture.height();
        if (!target.isContinuous()) {
            target.release(); // a view into wider rows: the planes must lie back to back
        }
        target.create(height * 3 / 2, width, CV_8UC1);
        try (PointerScope scope = new PointerScope()) {
            Mat[] to = planes(target, width, height);
            for (int p = 0; p < 3; p++) {
                int rows = p == 0 ? height : height / 2, cols = p == 0 ? width : width / 2;
                new Mat(rows, cols, CV_8UC1, picture.data(p), picture.linesize(p)).copyTo(to[p]);
            }
        }
    }

    /** Headers over the Y, U and V planes of a packed I420 Mat (no copy). */
    private static Mat[] planes(Mat i420, int width, int height) {
        if (!i420.isContinuous()) {
            throw new IllegalArgumentException("an I420 frame's planes must lie back to back");
        }
        BytePointer data = i420.data();
        long y = (long) width * height, c = y / 4;
        return new Mat[] {
            new Mat(height, width, CV_8UC1, new BytePointer(data).position(0), width),
            new Mat(height / 2, width / 2, CV_8UC1, new BytePointer(data).position(y), width / 2),
            new Mat(height / 2, width / 2, CV_8UC1, new BytePointer(data).position(y + c), width / 2)};
    }

    private static Rect planeWindow(Rect window, int plane) {
        return plane == 0 ? window
                : new Rect(window.x() / 2, window.y() / 2, window.width() / 2, window.height() / 2);
    }

    private static void requireEven(Rect w) {
        if (((w.x() | w.y() | w.width() | w.height()) & 1) != 0) {
            throw new IllegalArgumentException("I420 windows need even corners, got " + w);
        }
    }
}
