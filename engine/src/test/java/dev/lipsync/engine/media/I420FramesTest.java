package dev.lipsync.engine.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

class I420FramesTest {
    private static final int W = 64, H = 48;

    /** A frame of smooth colour gradients plus noise, in I420. */
    private static Mat frame(long seed) {
        Random r = new Random(seed);
        byte[] bgr = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = 3 * (y * W + x);
                bgr[p] = (byte) Math.clamp(40 + 2 * x + r.nextInt(9), 0, 255);
                bgr[p + 1] = (byte) Math.clamp(90 + 3 * y + r.nextInt(9), 0, 255);
                bgr[p + 2] = (byte) Math.clamp(200 - x - y + r.nextInt(9), 0, 255);
            }
        }
        try (Mat m = new Mat(H, W, CV_8UC3)) {
            m.<ByteBuffer>createBuffer().put(bgr);
            return I420Frames.fromBgr(m);
        }
    }

    @Test
    void windowsHaveEvenCornersAndStayInside() {
        Rect r = I420Frames.evenWindow(3, 5, 10, 7, W, H);
        assertEquals(2, r.x());
        assertEquals(4, r.y());
        assertEquals(12, r.width(), "columns 2..13 hold 3..12");
        assertEquals(8, r.height(), "rows 4..11 hold 5..11");
        Rect edge = I420Frames.evenWindow(59, 45, 5, 3, W, H);
        assertEquals(W, edge.x() + edge.width());
        assertEquals(H, edge.y() + edge.height());
        assertTrue(I420Frames.fits(64, 48));
        assertFalse(I420Frames.fits(65, 48));
    }

    /** A window's planes are views into the frame: the packed layout's bytes, and writes land in the frame. */
    @Test
    void aWindowsPlanesAreViewsIntoTheFrame() {
        try (Mat i420 = frame(1)) {
            byte[] packed = MediaFixtures.bytes(i420);
            Rect window = new Rect(10, 6, 20, 14);
            Mat[] planes = I420Frames.planes(i420, window);
            assertEquals(20, planes[0].cols());
            assertEquals(14, planes[0].rows());
            assertEquals(10, planes[1].cols());
            assertEquals(7, planes[2].rows());
            int u0 = W * H, v0 = u0 + W * H / 4;
            assertEquals(packed[(6 + 3) * W + 10 + 5] & 0xff, planes[0].ptr(3, 5).get() & 0xff, "Y at (15, 9)");
            assertEquals(packed[u0 + (3 + 2) * (W / 2) + 5 + 4] & 0xff, planes[1].ptr(2, 4).get() & 0xff, "U");
            assertEquals(packed[v0 + (3 + 2) * (W / 2) + 5 + 4] & 0xff, planes[2].ptr(2, 4).get() & 0xff, "V");

            planes[2].ptr(2, 4).put((byte) 7);
            byte[] after = MediaFixtures.bytes(i420);
            for (int i = 0; i < after.length; i++) {
                assertEquals(i == v0 + 5 * (W / 2) + 9 ? 7 : packed[i], after[i], "byte " + i);
            }
            assertThrows(IllegalArgumentException.class, () -> I420Frames.planes(i420, new Rect(1, 0, 4, 4)));
        }
    }

    /** Every byte value in all three planes, the clamped extremes included. */
    private static Mat randomI420(long seed) {
        byte[] bytes = new byte[W * H * 3 / 2];
        new Random(seed).nextBytes(bytes);
        Mat m = new Mat(H * 3 / 2, W, org.bytedeco.opencv.global.opencv_core.CV_8UC1);
        m.<ByteBuffer>createBuffer().put(bytes);
        return m;
    }

    /** A pixel read alone is the pixel of the frame converted whole by OpenCV, to the byte. */
    @Test
    void singlePixelsReadAsTheWholeFrameConverted() {
        for (long seed = 1; seed <= 3; seed++) {
            try (Mat i420 = randomI420(seed); Mat bgr = I420Frames.toBgr(i420)) {
                byte[] expected = MediaFixtures.bytes(bgr);
                I420Frames.Pixels pixels = new I420Frames.Pixels(i420);
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        int p = 3 * (y * W + x);
                        int b = expected[p] & 0xff, g = expected[p + 1] & 0xff, r = expected[p + 2] & 0xff;
                        assertEquals(r << 16 | g << 8 | b, pixels.rgb(x, y), "pixel " + x + "," + y);
                        assertEquals((r + g + b) / 3, pixels.meanOfChannels(x, y));
                    }
                }
            }
        }
    }

    /** A window converted alone, odd corners included, is that window of the whole frame converted. */
    @Test
    void aWindowConvertsAsTheWholeFrame() {
        try (Mat i420 = randomI420(4); Mat whole = I420Frames.toBgr(i420)) {
            for (Rect window : new Rect[] {new Rect(3, 5, 11, 7), new Rect(0, 0, W, H), new Rect(W - 5, H - 3, 5, 3)}) {
                try (Mat part = I420Frames.toBgr(i420, window); Mat expected = whole.apply(window)) {
                    assertEquals(window.width(), part.cols());
                    assertEquals(window.height(), part.rows());
                    assertEquals(CV_8UC3, part.type());
                    assertArrayEquals(MediaFixtures.bytes(expected), MediaFixtures.bytes(part), window.toString());
                }
            }
        }
    }
}
