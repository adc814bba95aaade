package dev.lipsync.engine.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
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

    @Test
    void aWindowConvertsAsTheWholeFrameDoes() {
        try (Mat i420 = frame(1); Mat whole = I420Frames.toBgr(i420)) {
            Rect window = new Rect(10, 6, 20, 14);
            try (Mat part = I420Frames.toBgr(i420, window); Mat expected = whole.apply(window).clone()) {
                assertEquals(CV_8UC3, part.type());
                assertEquals(20, part.cols());
                assertEquals(14, part.rows());
                byte[] a = MediaFixtures.bytes(part), b = MediaFixtures.bytes(expected);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(b[i] & 0xff, a[i] & 0xff, 1, "byte " + i);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> I420Frames.toBgr(i420, new Rect(1, 0, 4, 4)));
        }
    }

    @Test
    void onlyChangedPixelsAndTheirChromaAreWritten() {
        try (Mat i420 = frame(2); Mat original = i420.clone()) {
            Rect window = new Rect(8, 4, 16, 12);
            Mat bgr = I420Frames.toBgr(i420, window);
            bgr.put(new Scalar(0, 0, 255, 0)); // the whole window turns red...
            Mat changed = new Mat(12, 16, CV_8UC1, new Scalar(0));
            changed.ptr(5, 7).put((byte) 1); // ...but only one pixel counts as changed: frame (15, 9)
            I420Frames.putBgr(i420, window, bgr, changed);

            byte[] before = MediaFixtures.bytes(original), after = MediaFixtures.bytes(i420);
            int differing = 0;
            for (int i = 0; i < after.length; i++) {
                if (before[i] != after[i]) {
                    differing++;
                }
            }
            int y = 9 * W + 15, u = W * H + (9 / 2) * (W / 2) + 15 / 2, v = u + W * H / 4;
            assertTrue(differing <= 3, differing + " bytes changed: one luma and its two chroma samples at most");
            assertEquals(81, after[y] & 0xff, 2, "red's luma (BT.601 limited range)");
            assertTrue((after[v] & 0xff) > (before[v] & 0xff), "its block's Cr moved towards red");
            bgr.close();
            changed.close();
        }
    }
}
