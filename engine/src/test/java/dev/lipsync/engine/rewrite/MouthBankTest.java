package dev.lipsync.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.Landmarks;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class MouthBankTest {
    /** 68 points spread over a face-sized box, the box's corner at (x, y). */
    private static Landmarks face(int x, int y) {
        float[] xy = new float[136];
        for (int i = 0; i < 68; i++) {
            xy[2 * i] = x + (i * 37 % 160);
            xy[2 * i + 1] = y + (i * 53 % 180);
        }
        return new Landmarks(xy);
    }

    /** A smooth colour pattern with some detail, the kind of content JPEG keeps well. */
    private static Mat frame(int w, int h) {
        Mat m = new Mat(h, w, opencv_core.CV_8UC3, new Scalar(0));
        UByteIndexer px = m.createIndexer();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px.put(y, x, 0, (int) (100 + 60 * Math.sin(x / 23.0)));
                px.put(y, x, 1, (int) (120 + 50 * Math.cos(y / 17.0)));
                px.put(y, x, 2, (int) (140 + 40 * Math.sin((x + y) / 31.0)));
            }
        }
        px.close();
        return m;
    }

    @Test
    void windowsStartOnTheChromaGridAndStillCoverTheOriginal() {
        assertArrayEquals(new int[] {10, 20, 31, 41}, MouthBank.onChromaGrid(new int[] {11, 21, 30, 40}));
        assertArrayEquals(new int[] {10, 20, 30, 40}, MouthBank.onChromaGrid(new int[] {10, 20, 30, 40}));
        assertNull(MouthBank.onChromaGrid(null));
    }

    @Test
    void cropsKeptInMemoryOrRawInTheFileAreExactAndThoseSpilledToJpegAreClose() throws Exception {
        Mat image = frame(640, 480);
        Landmarks a = face(101, 81), b = face(301, 161);
        int[] wa = {101, 81, 160, 180}, wb = {301, 161, 150, 170};
        try (MouthBank bank = MouthBank.open(1, 1)) { // budgets of one byte: everything goes to JPEG
            bank.put(0, 5, image, wa);
            check(bank.crop(0, 5), image, wa, a, 1.5);
            assertNull(bank.crop(0, 6), "a frame never put");
            assertNull(bank.crop(1, 5), "another person");
        }
        int[] ga = MouthBank.onChromaGrid(wa);
        long first = 3L * ga[2] * ga[3];
        try (MouthBank bank = MouthBank.open(1, first)) { // the first crop raw in the file, the second as JPEG
            bank.put(0, 5, image, wa);
            bank.put(1, 5, image, wb);
            check(bank.crop(0, 5), image, wa, a, 0);
            check(bank.crop(0, 5), image, wa, a, 0); // read again: the file is not consumed
            check(bank.crop(1, 5), image, wb, b, 1.5);
            assertTrue(meanError(bank.crop(1, 5), image, wb) > 0, "the second crop went to JPEG");
            assertEquals(2, bank.size());
        }
        try (MouthBank bank = MouthBank.open(MouthBank.RAW_BUDGET_BYTES, 0)) {
            bank.put(0, 5, image, wa);
            bank.put(1, 5, image, wb);
            check(bank.crop(0, 5), image, wa, a, 0);
            check(bank.crop(1, 5), image, wb, b, 0);
            bank.crop(0, 5).image().close(); // the caller's header only: the bank keeps its pixels
            check(bank.crop(0, 5), image, wa, a, 0);
            assertEquals(2, bank.size());
        }
    }

    /** The largest of the three channels' mean absolute difference between a crop and its window of the image. */
    private static double meanError(MouthBank.Crop crop, Mat image, int[] window) {
        int[] w = MouthBank.onChromaGrid(window);
        try (Mat original = image.apply(new Rect(w[0], w[1], w[2], w[3])); Mat diff = new Mat()) {
            opencv_core.absdiff(original, crop.image(), diff);
            Scalar mean = opencv_core.mean(diff);
            return Math.max(mean.get(0), Math.max(mean.get(1), mean.get(2)));
        } finally {
            crop.image().close();
        }
    }

    private static void check(MouthBank.Crop crop, Mat image, int[] window, Landmarks face, double maxMeanError) {
        assertNotNull(crop);
        int[] w = MouthBank.onChromaGrid(window);
        assertEquals(w[0], crop.x());
        assertEquals(w[1], crop.y());
        assertEquals(0, crop.x() % 2);
        assertEquals(0, crop.y() % 2);
        try (Mat original = image.apply(new Rect(w[0], w[1], w[2], w[3])); Mat diff = new Mat()) {
            assertEquals(w[2], crop.image().cols());
            assertEquals(w[3], crop.image().rows());
            opencv_core.absdiff(original, crop.image(), diff);
            Scalar mean = opencv_core.mean(diff);
            for (int c = 0; c < 3; c++) {
                assertTrue(mean.get(c) <= maxMeanError, "channel " + c + " mean error " + mean.get(c));
            }
        }
        float[] shifted = crop.shift(face).toArray(), xy = face.toArray();
        assertEquals(xy[0] - crop.x(), shifted[0], 1e-6);
        assertEquals(xy[1] - crop.y(), shifted[1], 1e-6);
        crop.image().close();
    }
}
