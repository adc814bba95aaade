package dev.lipsync.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.media.I420Frames;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class FaceCropSpoolTest {
    /**
     * A face whose lower-face points (jaw, nose, mouth) span x 200–300 and y 150–250, with the
     * eye centres 100 px apart at y 120 (the eyes and brows lie outside that span sideways,
     * but they do not count).
     */
    private static Landmarks face(float dx, float dy) {
        float[] xy = new float[136];
        for (int i = 0; i < 68; i++) {
            xy[2 * i] = 250 + dx;
            xy[2 * i + 1] = 200 + dy;
        }
        set(xy, 0, 200 + dx, 150 + dy);  // jaw, left top
        set(xy, 16, 300 + dx, 150 + dy); // jaw, right top
        set(xy, 8, 250 + dx, 250 + dy);  // chin
        for (int i = 36; i < 42; i++) {
            set(xy, i, 150 + dx, 120 + dy); // far out sideways and above: must not count
        }
        for (int i = 42; i < 48; i++) {
            set(xy, i, 250 + dx, 120 + dy);
        }
        for (int i = 17; i < 27; i++) {
            set(xy, i, 350 + dx, 50 + dy); // brows: must not count either
        }
        return new Landmarks(xy);
    }

    private static void set(float[] xy, int i, float x, float y) {
        xy[2 * i] = x;
        xy[2 * i + 1] = y;
    }

    /** Every pixel a different colour, so a shifted read shows. */
    private static Mat frame(int w, int h) {
        Mat m = new Mat(h, w, opencv_core.CV_8UC3, new Scalar(0));
        try (UByteIndexer px = m.createIndexer()) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    px.put(y, x, 0, x & 255);
                    px.put(y, x, 1, y & 255);
                    px.put(y, x, 2, (x * 7 + y * 13) & 255);
                }
            }
        }
        return m;
    }

    @Test
    void windowIsTheLowerFacesBoxGrownSidewaysAndDown() {
        // eye distance 100: 60 px each side, none above, 95 below
        assertArrayEquals(new int[] {140, 150, 220, 195}, FaceCropSpool.window(face(0, 0), 1000, 1000));
        // clipped to the frame
        assertArrayEquals(new int[] {140, 150, 160, 150}, FaceCropSpool.window(face(0, 0), 300, 300));
        Landmarks broken = new Landmarks(new float[136]); // all points at one place: no eye distance
        assertNull(FaceCropSpool.window(broken, 1000, 1000));
    }

    @Test
    void readsGiveBackTheExactPixelsOfTheFaceKept() throws Exception {
        Mat image = frame(640, 480);
        try (FaceCropSpool spool = new FaceCropSpool(1 << 20)) {
            spool.put(7, 3, face(0, 0), image);
            int[] inside = {150, 160, 100, 80};
            assertTrue(spool.contains(7, 3, inside));
            assertFalse(spool.contains(7, 3, new int[] {139, 160, 100, 80}), "one pixel beyond the kept window");
            assertFalse(spool.contains(7, 4, inside), "another face");
            assertFalse(spool.contains(8, 3, inside), "another frame");
            assertReadsAs(image, spool, 7, 3, inside);
            assertThrows(IllegalArgumentException.class, () -> spool.read(7, 4, inside, crop -> { }));
        }
    }

    @Test
    void atItsBudgetTheSpoolKeepsWhatItHoldsAndTakesNoMore() throws Exception {
        Mat image = frame(640, 480);
        long oneFace = 3L * 220 * 195;
        try (FaceCropSpool spool = new FaceCropSpool(2 * oneFace + oneFace / 2)) {
            spool.put(0, 1, face(0, 0), image);
            spool.put(1, 1, face(0, 0), image);
            assertEquals(2, spool.size());
            spool.put(2, 1, face(0, 0), image); // the third does not fit
            assertEquals(2, spool.size());
            assertFalse(spool.contains(2, 1, new int[] {150, 160, 10, 10}), "its donor is decoded");
            assertReadsAs(image, spool, 1, 1, new int[] {150, 160, 10, 10});
            int[] small = FaceCropSpool.window(face(-270, 0), 640, 480); // cut by the frame's edge
            assertTrue(3L * small[2] * small[3] <= oneFace / 2, "a face that would fit: " + small[2] + "x" + small[3]);
            spool.put(3, 1, face(-270, 0), image); // nor anything after it, even a face that would fit
            assertEquals(2, spool.size());
        }
    }

    /**
     * An I420 frame's face is kept in I420 (half the bytes, its window grown to even corners) and
     * read back as the whole frame converted to BGR shows it, odd window corners included.
     */
    @Test
    void anI420FacesReadsGiveBackTheFrameConvertedToBgr() throws Exception {
        try (Mat i420 = I420Frames.fromBgr(frame(640, 480)); Mat bgr = I420Frames.toBgr(i420)) {
            long oneFace = 3L * 220 * 196 / 2; // the window {140, 150, 220, 195}, one row more to be even
            try (FaceCropSpool spool = new FaceCropSpool(2 * oneFace)) {
                spool.put(7, 3, face(0, 0), i420);
                spool.put(8, 3, face(0, 0), i420);
                assertEquals(2, spool.size(), "two faces in the bytes of two I420 windows");
                int[] inside = {151, 161, 99, 79};
                assertTrue(spool.contains(7, 3, inside));
                assertReadsAs(bgr, spool, 7, 3, inside);
                spool.put(9, 3, face(0, 0), i420);
                assertEquals(2, spool.size(), "the third is over the budget");
            }
        }
    }

    /** Reading {@code window} of face {@code track} in frame {@code index} gives that window of {@code frame} (BGR), exactly. */
    private static void assertReadsAs(Mat frame, FaceCropSpool spool, int index, int track, int[] window) throws Exception {
        int[] read = {0};
        spool.read(index, track, window, crop -> {
            assertEquals(window[2], crop.cols());
            assertEquals(window[3], crop.rows());
            assertPixelsOf(frame, window[0], window[1], crop);
            read[0]++;
        });
        assertEquals(1, read[0], "one visit");
    }

    private static void assertPixelsOf(Mat frame, int x0, int y0, Mat crop) {
        try (UByteIndexer got = crop.createIndexer(); UByteIndexer want = frame.createIndexer()) {
            for (int y = 0; y < crop.rows(); y++) {
                for (int x = 0; x < crop.cols(); x++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(want.get(y0 + y, x0 + x, c), got.get(y, x, c), "(" + x + ", " + y + ")");
                    }
                }
            }
        }
    }
}
