package dev.lipsync.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.media.MediaFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodedSourceFramesTest {
    @TempDir
    static Path dir;

    @Test
    void visitsExactlyTheWantedFramesInOrder() throws Exception {
        Path video = MediaFixtures.indexedVideo(dir, "thirty.mkv", 30, null, "-c:v", "libx264", "-qp", "0", "-g", "7");
        int[] wanted = {0, 1, 5, 6, 13, 28, 29};
        List<Integer> indices = new ArrayList<>();
        List<Integer> pictures = new ArrayList<>();
        try (DecodedSourceFrames sources = new DecodedSourceFrames(video, 30, new Cancellation())) {
            sources.visitInOrder(wanted, (index, frame) -> {
                indices.add(index);
                pictures.add(MediaFixtures.indexOf(frame));
            });
            assertEquals(List.of(0, 1, 5, 6, 13, 28, 29), indices);
            assertEquals(indices, pictures, "each frame is the one its index names");
            assertThrows(IllegalArgumentException.class, () -> sources.visitInOrder(new int[] {3, 3}, (i, f) -> { }));
        }
    }

    @Test
    void wantedFramesPastTheEndAreNotVisited() throws Exception {
        Path video = MediaFixtures.indexedVideo(dir, "ten.mkv", 10, null, "-c:v", "libx264", "-qp", "0");
        List<Integer> indices = new ArrayList<>();
        try (DecodedSourceFrames sources = new DecodedSourceFrames(video, 12, new Cancellation())) {
            sources.visitInOrder(new int[] {8, 9, 10, 11}, (index, frame) -> indices.add(index));
        }
        assertEquals(List.of(8, 9), indices);
    }
}
