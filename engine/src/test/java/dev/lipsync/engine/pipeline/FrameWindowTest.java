package dev.lipsync.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.media.MediaFixtures;
import dev.lipsync.engine.media.VideoFrames;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameWindowTest {
    @TempDir
    static Path dir;

    @Test
    void sizesTheWindowByMemory() {
        assertEquals(21, FrameWindow.capacityFor(1920, 1080, 3, 128L << 20));
        assertEquals(43, FrameWindow.capacityFor(1920, 1080, 1.5, 128L << 20), "I420 frames are half the size");
        assertEquals(4, FrameWindow.capacityFor(3840, 2160, 3, 64L << 20), "at least 4 frames");
        assertEquals(256, FrameWindow.capacityFor(64, 48, 3, 1L << 30), "at most 256 frames");
    }

    @Test
    void servesAnyOrderFromABoundedWindow() throws Exception {
        Path video = MediaFixtures.indexedVideo(dir, "twenty.mkv", 20, null, "-c:v", "libx264", "-qp", "0", "-g", "5");
        int[] order = {0, 1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1, 0, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 11, 12, 7, 25};
        try (FrameWindow window = new FrameWindow(VideoFrames.open(video), 4)) {
            for (int index : order) {
                int expected = Math.min(index, 19); // past the end: the last frame
                assertEquals(expected, MediaFixtures.indexOf(window.get(index)), "frame " + index);
            }
            assertTrue(window.seeks() >= 3 && window.seeks() <= 8, "seeks " + window.seeks());
        }
    }

    @Test
    void aWindowOfOneDecodesForwardPlayIntoTheCallersBuffer() throws Exception {
        Path video = MediaFixtures.indexedVideo(dir, "twelve.mkv", 12, null, "-c:v", "libx264", "-qp", "0", "-g", "5");
        try (FrameWindow window = new FrameWindow(VideoFrames.open(video), 1); Mat buffer = new Mat()) {
            for (int index = 0; index < 12; index++) {
                assertSame(buffer, window.get(index, buffer), "frame " + index + " handed over, not kept");
                assertEquals(index, MediaFixtures.indexOf(buffer), "frame " + index);
            }
            assertEquals(0, window.seeks());
            for (int index : new int[] {12, 15, 11, 3}) { // past the end: the last frame; backward: from the window
                assertEquals(Math.min(index, 11), MediaFixtures.indexOf(window.get(index, buffer)), "frame " + index);
            }
        }
    }
}
