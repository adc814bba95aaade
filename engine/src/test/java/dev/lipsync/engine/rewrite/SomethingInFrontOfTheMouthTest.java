package dev.lipsync.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.TestAssets;
import dev.lipsync.engine.media.MediaFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A microphone held in front of the lips and chin for two of six seconds: rendered over, it
 * vanished from the mouth and stayed below it, and as a donor it was carried into frames that
 * never had it. Its frames now neither get nor lend a mouth; the others do.
 */
class SomethingInFrontOfTheMouthTest {
    @TempDir
    Path dir;

    @Test
    void theFramesWithAMicrophoneBeforeTheMouthAreLeftAlone() throws Exception {
        TestAssets.model(); // skips without the dlib model
        Path clip = MediaFixtures.sharedMedia("video/man_suit_en.mp4");
        Path video = dir.resolve("mic.mp4");
        // 25 fps, the microphone over frames 50-99 (the face's mouth is at about x 330-420, y 280-320)
        MediaFixtures.ffmpeg("-i", clip.toString(), "-t", "6", "-vf",
                "fps=25,drawbox=x=355:y=305:w=45:h=395:color=0x202020@1:t=fill:enable='between(n,50,99)',"
                        + "drawbox=x=345:y=290:w=65:h=40:color=0x404040@1:t=fill:enable='between(n,50,99)'",
                "-an", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18", video.toString());
        FaceLog log = PassOne.faceLog(video);
        int withMic = 0, without = 0, framesWithout = 0;
        for (int t = 0; t < log.frameCount(); t++) {
            boolean mic = t >= 50 && t <= 99;
            int faces = log.faces(t).length;
            if (mic) {
                withMic += faces;
            } else if (t < 49 || t > 100) { // beside it: left out too, where the thing's edges blur
                without += faces;
                framesWithout++;
            }
        }
        assertEquals(0, withMic, "no face kept where the microphone is");
        assertTrue(without >= framesWithout - 2, "the face kept elsewhere: " + without + " of " + framesWithout);
    }
}
