package dev.lipsync.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-encoding 1080p needs a few hundred MB of native memory whatever the Java heap is: with
 * JavaCPP's default cap (four times a 48 MB heap) the encoder process fails, with the cap
 * lifted it does not.
 */
class NativeMemoryTest {
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
        Child child = encodeInChild("lift");
        assertEquals(0, child.exitCode(), child.log());
    }

    /** The control: shows the cap is real, so the test above can fail. */
    @Test
    void withJavaCppsDefaultCapTheSameEncodeFails() throws Exception {
        Child child = encodeInChild("keep");
        assertNotEquals(0, child.exitCode(), child.log());
        assertTrue(child.log().contains("Physical memory usage is too high"), child.log());
    }

    private record Child(int exitCode, String log) {
    }

    private static Child encodeInChild(String cap) throws Exception {
        Process process = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx48m",
                "-cp", System.getProperty("java.class.path"), Encode.class.getName(), cap, clip.toString(),
                dir.resolve(cap + ".mp4").toString())).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("encoder process hung: " + log);
        }
        return new Child(process.exitValue(), log);
    }

    /** The child process: {@code lift|keep}, then decode {@code args[1]} as I420 and encode it to {@code args[2]}. */
    public static final class Encode {
        public static void main(String[] args) throws Exception {
            if (args[0].equals("lift")) {
                NativeMemory.liftProcessCap();
            }
            try (VideoFrames video = VideoFrames.openI420(Path.of(args[1]))) {
                VideoInfo info = video.info();
                Mp4Writer writer = Mp4Writer.open(Path.of(args[2]), info.width(), info.height(), info.frameRate(), null);
                for (Mat frame = video.next(); frame != null; frame = video.next()) {
                    writer.write(frame);
                }
                writer.finish();
            }
        }
    }
}
