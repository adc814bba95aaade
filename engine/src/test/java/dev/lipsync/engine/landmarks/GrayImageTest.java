package dev.lipsync.engine.landmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lipsync.engine.media.I420Frames;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class GrayImageTest {
    private static Mat frame(int w, int h, int seed) {
        Mat m = new Mat(h, w, opencv_core.CV_8UC3);
        try (UByteIndexer px = m.createIndexer()) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        px.put(y, x, c, (x * 7 + y * 13 + c * 101 + seed) % 256);
                    }
                }
            }
        }
        return m;
    }

    @Test
    void greyIsDlibsIntegerMeanOfTheThreeChannels() {
        Mat bgr = frame(5, 3, 0);
        GrayImage g = GrayImage.fromBgr(bgr);
        try (UByteIndexer px = bgr.createIndexer()) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 5; x++) {
                    int sum = px.get(y, x, 0) + px.get(y, x, 1) + px.get(y, x, 2);
                    assertEquals(sum / 3, g.at(x, y), "(" + x + ", " + y + ")");
                }
            }
        }
    }

    @Test
    void aSameSizedImageIsOverwrittenInPlaceAndAnotherSizeGetsANewOne() {
        GrayImage first = GrayImage.fromBgr(frame(8, 6, 0));
        GrayImage again = GrayImage.fromBgr(frame(8, 6, 50), first);
        assertSame(first, again);
        GrayImage fresh = GrayImage.fromBgr(frame(8, 6, 50));
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                assertEquals(fresh.at(x, y), again.at(x, y));
            }
        }
        GrayImage other = GrayImage.fromBgr(frame(4, 6, 0), first);
        assertNotSame(first, other);
        assertEquals(4, other.width());
    }

    @Test
    void anImageReadingItsFrameHasTheEagerImagesPixelsAndIsReused() {
        // 70 x 45: odd sizes
        Mat bgr = frame(70, 45, 0);
        GrayImage eager = GrayImage.fromBgr(bgr);
        GrayImage lazy = GrayImage.ofFrame(bgr, null);
        assertEquals(eager.at(69, 44), lazy.at(69, 44), "the last pixel");
        for (int y = 0; y < 45; y++) {
            for (int x = 0; x < 70; x++) {
                assertEquals(eager.at(x, y), lazy.at(x, y), "(" + x + ", " + y + ")");
            }
        }
        Mat next = frame(70, 45, 77);
        GrayImage reused = GrayImage.ofFrame(next, lazy);
        assertSame(lazy, reused);
        GrayImage expected = GrayImage.fromBgr(next);
        for (int y = 0; y < 45; y++) {
            for (int x = 0; x < 70; x++) {
                assertEquals(expected.at(x, y), reused.at(x, y), "(" + x + ", " + y + ") of the next frame");
            }
        }
        assertNotSame(lazy, GrayImage.ofFrame(frame(64, 45, 0), lazy), "another size: a new image");
    }

    @Test
    void aFrameWithPaddedRowsIsReadThroughItsStride() {
        Mat wide = frame(80, 20, 3);
        Mat view = wide.colRange(5, 66); // rows 240 bytes apart, 61 pixels wide
        GrayImage eager = GrayImage.fromBgr(view.clone());
        GrayImage lazy = GrayImage.ofFrame(view, null);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 61; x++) {
                assertEquals(eager.at(x, y), lazy.at(x, y), "(" + x + ", " + y + ")");
            }
        }
    }

    /** Of an I420 frame, the grey of that frame converted to BGR; an image of a BGR frame of that size is reused for it. */
    @Test
    void anImageOfAnI420FrameIsTheGreyOfItsBgrConversion() {
        try (Mat i420 = I420Frames.fromBgr(frame(70, 44, 5)); Mat bgr = I420Frames.toBgr(i420)) {
            GrayImage expected = GrayImage.fromBgr(bgr);
            GrayImage lazy = GrayImage.ofFrame(frame(70, 44, 0), null);
            GrayImage planar = GrayImage.ofFrame(i420, lazy);
            assertSame(lazy, planar);
            assertEquals(70, planar.width());
            assertEquals(44, planar.height());
            for (int y = 0; y < 44; y++) {
                for (int x = 0; x < 70; x++) {
                    assertEquals(expected.at(x, y), planar.at(x, y), "(" + x + ", " + y + ")");
                }
            }
        }
    }
}
