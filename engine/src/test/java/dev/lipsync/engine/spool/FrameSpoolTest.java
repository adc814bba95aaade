package dev.lipsync.engine.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lipsync.engine.media.MediaFixtures;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class FrameSpoolTest {
    /** A 16×12 picture in the I420 layout (18 rows of 16 bytes), every byte telling its frame and place. */
    private static Mat picture(int frame) {
        Mat m = new Mat(18, 16, opencv_core.CV_8UC1);
        byte[] bytes = new byte[18 * 16];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (frame * 31 + i * 7);
        }
        m.data().put(bytes);
        return m;
    }

    private static final long FRAME_BYTES = 18 * 16;

    @Test
    void framesComeBackInAnyOrderAsTheyWereKept() throws Exception {
        try (FrameSpool spool = new FrameSpool(1 << 20)) {
            for (int k = 0; k < 5; k++) {
                spool.append(picture(k));
            }
            assertEquals(5, spool.frames());
            Mat target = new Mat(); // given memory by the first read, reused by the others
            for (int k : new int[] {4, 0, 3, 3, 1, 2}) {
                assertArrayEquals(MediaFixtures.bytes(picture(k)), MediaFixtures.bytes(spool.read(k, target)), "frame " + k);
            }
            Mat otherShape = new Mat(2, 2, opencv_core.CV_8UC3);
            assertEquals(18, spool.read(0, otherShape).rows(), "a target of another shape is made to fit");
            assertArrayEquals(MediaFixtures.bytes(picture(0)), MediaFixtures.bytes(otherShape));
        }
    }

    @Test
    void keepsTheFirstFramesWithinItsBudgetAndThenStops() throws Exception {
        try (FrameSpool spool = new FrameSpool(3 * FRAME_BYTES + FRAME_BYTES / 2)) {
            for (int k = 0; k < 6; k++) {
                spool.append(picture(k));
            }
            assertEquals(3, spool.frames(), "three frames fit");
            assertArrayEquals(MediaFixtures.bytes(picture(2)), MediaFixtures.bytes(spool.read(2, new Mat())));
            assertThrows(IndexOutOfBoundsException.class, () -> spool.read(3, new Mat()));
            assertThrows(IndexOutOfBoundsException.class, () -> spool.read(-1, new Mat()));
        }
        try (FrameSpool none = new FrameSpool(0)) {
            none.append(picture(0));
            assertEquals(0, none.frames());
        }
    }

    @Test
    void aVideoIsSpooledWholeOrNotAtAll() {
        long frame = 1280 * 720 * 3 / 2;
        assertEquals(1000 * frame, FrameSpool.wholeOrNothing(1000 * frame, 1000, frame), "exactly fits");
        assertEquals(0, FrameSpool.wholeOrNothing(1000 * frame, 1001, frame), "one frame more: none");
        assertEquals(2048L << 20, FrameSpool.wholeOrNothing(2048L << 20, 600, frame), "the 20 s bench clip");
        assertEquals(0, FrameSpool.wholeOrNothing(2048L << 20, 5400, frame), "three minutes of 720p");
        assertEquals(2048L << 20, FrameSpool.wholeOrNothing(2048L << 20, 0, frame), "length unknown: spool while it fits");
        assertEquals(0, FrameSpool.wholeOrNothing(0, 10, frame));
        try (FrameSpool none = FrameSpool.forVideo(1 << 20, 5, 1 << 20)) {
            none.append(picture(0));
            assertEquals(0, none.frames(), "five frames of a megabyte do not fit in one");
        }
        try (FrameSpool all = FrameSpool.forVideo(1 << 20, 5, FRAME_BYTES)) {
            all.append(picture(0));
            assertEquals(1, all.frames());
        }
    }

    @Test
    void aFrameOfAnotherLayoutEndsTheSpoolForGood() {
        try (FrameSpool spool = new FrameSpool(1 << 20)) {
            spool.append(picture(0));
            spool.append(new Mat(12, 16, opencv_core.CV_8UC1, new Scalar(0)));
            spool.append(picture(2)); // fits again, but would be kept as frame 1
            assertEquals(1, spool.frames());
        }
        try (FrameSpool spool = new FrameSpool(1 << 20); Mat wide = new Mat(18, 20, opencv_core.CV_8UC1, new Scalar(9));
             Rect left = new Rect(0, 0, 16, 18)) {
            spool.append(wide.apply(left)); // rows with gaps between them: not one block of memory
            assertEquals(0, spool.frames());
        }
    }
}
