package dev.lipsync.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.landmarks.TestAssets;
import dev.lipsync.engine.media.MediaFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A close-up whose lower edge cuts through the lips: the predictor squeezes the lips into the
 * picture and a mouth rendered there smeared them, so such a face lends and gets no mouth, while
 * the same face framed with its whole mouth does.
 */
class MouthCutByTheEdgeTest {
    static final int SHOT_FRAMES = 50; // 2 s at 25 fps
    /** man_suit_en's lips lie at about y 285-315 of its 700 rows: 306 rows from the top cut them. */
    static final String WHOLE = "crop=500:306:150:60";
    static final String CUT = "crop=500:306:150:0";

    @TempDir
    Path dir;

    @Test
    void aFaceWhoseMouthTheEdgeCutsIsLeftAlone() throws Exception {
        TestAssets.model(); // skips without the dlib model
        Path clip = MediaFixtures.sharedMedia("video/man_suit_en.mp4");
        Path video = dir.resolve("shots.mp4");
        MediaFixtures.ffmpeg("-i", clip.toString(), "-filter_complex",
                "[0:v]trim=0:2,setpts=PTS-STARTPTS,fps=25," + WHOLE + "[a];[0:v]trim=2:4,setpts=PTS-STARTPTS,fps=25,"
                        + CUT + "[b];[a][b]concat=n=2:v=1:a=0[v]",
                "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", video.toString());
        FaceLog log = PassOne.faceLog(video);
        int whole = 0, cut = 0;
        for (int t = 0; t < log.frameCount(); t++) {
            if (log.faces(t).length > 0) {
                if (t < SHOT_FRAMES) {
                    whole++;
                } else {
                    cut++;
                }
            }
        }
        assertEquals(SHOT_FRAMES, whole, "the face with its whole mouth, in every frame");
        assertEquals(0, cut, "the face whose mouth the edge cuts, in none");

        Path cutOnly = dir.resolve("cut.mp4");
        MediaFixtures.ffmpeg("-i", clip.toString(), "-t", "1", "-vf", CUT, "-an", "-c:v", "libx264", "-preset",
                "ultrafast", cutOnly.toString());
        LipSyncException e = assertThrows(LipSyncException.class, () -> PassOne.faceLog(cutOnly));
        assertEquals(LipSyncException.Reason.NO_FACE, e.reason());
        assertTrue(e.getMessage().contains("whole mouth"), e.getMessage());
    }
}
