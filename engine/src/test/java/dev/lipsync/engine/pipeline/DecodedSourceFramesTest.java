package dev.lipsync.engine.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.media.MediaFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class DecodedSourceFramesTest {
    @TempDir
    static Path dir;

    /** In BGR, or decoded in I420 and converted: BGR frames either way, each the one its index names. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void visitsExactlyTheWantedFramesInOrder(boolean i420) throws Exception {
        Path video = MediaFixtures.indexedVideo(dir, "thirty.mkv", 30, null, "-c:v", "libx264", "-qp", "0", "-g", "7");
        int[] wanted = {0, 1, 5, 6, 13, 28, 29};
        List<Integer> indices = new ArrayList<>();
        List<Integer> pictures = new ArrayList<>();
        try (DecodedSourceFrames sources = new DecodedSourceFrames(video, 30, new Cancellation(), i420)) {
            sources.visitInOrder(wanted, (index, frame) -> {
                indices.add(index);
                pictures.add(MediaFixtures.indexOf(frame));
            });
            assertEquals(List.of(0, 1, 5, 6, 13, 28, 29), indices);
            assertEquals(indices, pictures, "each frame is the one its index names");
            for (int index : new int[] {17, 3}) {
                Mat frame = sources.frame(index);
                assertEquals(CV_8UC3, frame.type());
                assertEquals(index, MediaFixtures.indexOf(frame));
            }
            assertThrows(IllegalArgumentException.class, () -> sources.visitInOrder(new int[] {3, 3}, (i, f) -> { }));
        }
    }

    /** Gaps longer than the limit (here 0.2 s: 5 frames) are sought over, and the frames are still the ones wanted. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void longGapsAreSoughtOver(boolean i420) throws Exception {
        Path video = MediaFixtures.indexedVideo(dir, "thirtysix.mkv", 36, null, "-c:v", "libx264", "-qp", "0", "-g", "4");
        List<Integer> indices = new ArrayList<>();
        List<Integer> pictures = new ArrayList<>();
        try (DecodedSourceFrames sources = new DecodedSourceFrames(video, 36, new Cancellation(), i420, 0.2)) {
            sources.visitInOrder(new int[] {0, 1, 15, 16, 18, 33, 35}, (index, frame) -> {
                indices.add(index);
                pictures.add(MediaFixtures.indexOf(frame));
            });
            assertEquals(List.of(0, 1, 15, 16, 18, 33, 35), indices);
            assertEquals(indices, pictures, "each frame is the one its index names");
            assertEquals(2, sources.seeks(), "1 -> 15 and 18 -> 33; the short gaps are decoded through");
        }
    }

    @Test
    void wantedFramesPastTheEndAreNotVisited() throws Exception {
        Path video = MediaFixtures.indexedVideo(dir, "ten.mkv", 10, null, "-c:v", "libx264", "-qp", "0");
        List<Integer> indices = new ArrayList<>();
        try (DecodedSourceFrames sources = new DecodedSourceFrames(video, 12, new Cancellation(), false)) {
            sources.visitInOrder(new int[] {8, 9, 10, 11}, (index, frame) -> indices.add(index));
        }
        assertEquals(List.of(8, 9), indices);
    }
}
