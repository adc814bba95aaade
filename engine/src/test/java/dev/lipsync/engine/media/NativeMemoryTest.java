package dev.lipsync.engine.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-encoding 1080p needs a few hundred MB of native memory whatever the Java heap is: with
 * JavaCPP's default cap (four times a 48 MB heap) the encoder process fails, with the cap
 * lifted it does not.
 */
class NativeMemoryTest {
    private static final List<String> SMALL_HEAP = List.of("-Xmx48m");

    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void makeClip() {
        clip = dir.resolve("1080p.mp4");
        MediaFixtures.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30", "-t", "2", "-c:v", "libx264",
                "-preset", "ultrafast", clip.toString());
    }

    @Test
    void aBigVideoEncodesOnASmallHeapOnceTheCapIsLifted() throws Exception {
        EncoderProcess.Outcome child = EncoderProcess.encode(clip, dir.resolve("lifted.mp4"), true, SMALL_HEAP, Map.of());
        assertTrue(child.succeeded(), child.log());
    }

    /** The control: shows the cap is real, so the test above can fail. */
    @Test
    void withJavaCppsDefaultCapTheSameEncodeFails() throws Exception {
        EncoderProcess.Outcome child = EncoderProcess.encode(clip, dir.resolve("capped.mp4"), false, SMALL_HEAP, Map.of());
        assertFalse(child.succeeded(), child.log());
        assertTrue(child.log().contains("Physical memory usage is too high"), child.log());
    }
}
