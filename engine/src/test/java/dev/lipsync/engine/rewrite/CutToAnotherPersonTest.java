package dev.lipsync.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.TestAssets;
import dev.lipsync.engine.media.MediaFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A video that cuts from one person to another and back, never showing both at once (an
 * interview's shot and reverse shot): the two are two persons, so no mouth of one is ever put
 * on the other, and the first person's two shots are one person, sharing one bank of mouths.
 */
class CutToAnotherPersonTest {
    static final int SHOT_FRAMES = 75; // 3 s at 25 fps

    @TempDir
    Path dir;

    @Test
    void eachShotsFaceIsItsOwnPersonAndTheReturningOneIsRecognised() throws Exception {
        TestAssets.model(); // skips without the dlib model
        Path woman = MediaFixtures.sharedMedia("video/woman_blue_en.mp4");
        Path man = MediaFixtures.sharedMedia("video/man_en.mp4");
        String fit = "scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=25";
        Path video = dir.resolve("cuts.mp4");
        MediaFixtures.ffmpeg("-i", woman.toString(), "-i", man.toString(), "-filter_complex",
                "[0:v]trim=0:3,setpts=PTS-STARTPTS," + fit + "[a];[1:v]trim=0:3,setpts=PTS-STARTPTS," + fit
                        + "[b];[0:v]trim=3:6,setpts=PTS-STARTPTS," + fit + "[c];[a][b][c]concat=n=3:v=1:a=0[v]",
                "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", video.toString());

        FaceLog log = PassOne.faceLog(video);
        Speakers speakers = Speakers.choose(log, null, null, 25, false);
        int first = speakers.person(SHOT_FRAMES / 2);
        int second = speakers.person(SHOT_FRAMES + SHOT_FRAMES / 2);
        int third = speakers.person(2 * SHOT_FRAMES + SHOT_FRAMES / 2);
        assertTrue(first >= 0 && second >= 0 && third >= 0, "a speaker in each shot");
        assertNotEquals(first, second, "the man is not the woman");
        assertEquals(first, third, "the woman's second shot is the woman again");
        assertEquals(2, speakers.persons());
        for (int t = 0; t < log.frameCount(); t++) {
            int p = speakers.person(t);
            if (p >= 0) {
                assertEquals(t >= SHOT_FRAMES && t < 2 * SHOT_FRAMES ? second : first, p, "frame " + t);
            }
        }
    }
}
