package dev.lipsync.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lipsync.engine.face.LowerFaceLook;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OcclusionsTest {
    private static final int SKIN = 0xC8A08C; // 200, 160, 140

    /** {@code frames} looks of skin with a little noise, the same every run. */
    private static int[][] skin(int frames) {
        Random random = new Random(7);
        int[][] looks = new int[frames][LowerFaceLook.SIZE];
        for (int[] look : looks) {
            for (int k = 0; k < look.length; k++) {
                look[k] = shifted(SKIN, random.nextInt(21) - 10);
            }
        }
        return looks;
    }

    private static int shifted(int rgb, int by) {
        int r = Math.clamp(((rgb >> 16) & 0xff) + by, 0, 255);
        int g = Math.clamp(((rgb >> 8) & 0xff) + by, 0, 255);
        int b = Math.clamp((rgb & 0xff) + by, 0, 255);
        return r << 16 | g << 8 | b;
    }

    /** A dark thing over the first {@code points} points of frames from … to (exclusive). */
    private static void cover(int[][] looks, int from, int to, int points) {
        for (int t = from; t < to; t++) {
            Arrays.fill(looks[t], 0, points, 0x202020);
        }
    }

    private static boolean[] expected(int frames, int from, int to) {
        boolean[] out = new boolean[frames];
        Arrays.fill(out, Math.max(0, from), Math.min(frames, to), true);
        return out;
    }

    @Test
    void aThingHeldInFrontOfTheMouthAndTheFramesBesideIt() {
        int[][] looks = skin(40);
        cover(looks, 10, 20, 8); // 8 of 25 points: a microphone's share
        assertArrayEquals(expected(40, 9, 21), Occlusions.of(looks));
    }

    @Test
    void neitherLightingNorABriefChangeNorAFewPointsAreAThing() {
        int[][] looks = skin(40);
        for (int t = 20; t < 40; t++) {
            for (int k = 0; k < LowerFaceLook.SIZE; k++) {
                looks[t][k] = shifted(looks[t][k], -60); // the light dims: every point alike
            }
        }
        cover(looks, 5, 7, 10); // two frames: an expression, a passing shadow
        cover(looks, 30, 38, 4); // 4 of 25 points: under the share
        assertArrayEquals(new boolean[40], Occlusions.of(looks));
    }

    @Test
    void pointsOutsideThePictureAndFramesWithoutALookDoNotCount() {
        int[][] looks = skin(30);
        looks[3] = null;
        for (int t = 0; t < 30; t++) {
            looks[t == 3 ? 4 : t][24] = LowerFaceLook.OUTSIDE;
        }
        cover(looks, 12, 16, 7); // 7 of the 24 points inside: over a quarter
        assertArrayEquals(expected(30, 11, 17), Occlusions.of(looks));
        assertEquals(0, Occlusions.changedShare(looks[0], Occlusions.median(looks)));
    }

    @Test
    void tooFewFramesToKnowTheFace() {
        int[][] looks = skin(Occlusions.MIN_FRAMES - 1);
        cover(looks, 0, looks.length, 20);
        assertArrayEquals(new boolean[looks.length], Occlusions.of(looks));
    }
}
