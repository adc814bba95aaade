package dev.lipsync.engine.speaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ActiveSpeakerTest {
    static final double FPS = 25;
    static final int FRAMES = 200; // 8 s
    static final int A = 0, B = 1;
    /** Lips open 3 frames (120 ms) before the sound they make. */
    static final int LEAD = 3;

    /** A syllable-like envelope in [0, 1]: smoothed, rectified noise (about 4-5 bursts a second). */
    static double[] envelope(Random random, int n) {
        double[] noise = new double[n + 8];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextGaussian();
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < 5; j++) {
                s += noise[i + j];
            }
            out[i] = Math.min(1, Math.max(0, s / 4 + 0.3));
        }
        return out;
    }

    /**
     * A scene: who speaks when, what the audio model predicts from the soundtrack (the heard
     * opening, a noisy copy of the speaker's lips: the real model reaches r ≈ 0.45), the
     * soundtrack's voice activity and the tracks' lip openings.
     */
    static final class Scene {
        final double[] heard = new double[FRAMES];
        final boolean[] speech = new boolean[FRAMES];
        final double[][] opening = new double[2][FRAMES];
        final double[][] size = new double[2][FRAMES];
        final Random random;

        Scene(double sizeA, double sizeB) {
            this(sizeA, sizeB, 42);
        }

        Scene(double sizeA, double sizeB, long seed) {
            random = new Random(seed);
            Arrays.fill(size[A], sizeA);
            Arrays.fill(size[B], sizeB);
            for (int t = 0; t < FRAMES; t++) {
                heard[t] = -1.5 + 0.3 * random.nextGaussian(); // the model's closed mouth, in silence
                opening[A][t] = 0.03 + 0.005 * random.nextGaussian();
                opening[B][t] = 0.03 + 0.005 * random.nextGaussian();
            }
        }

        /**
         * Track k speaks in frames [from, to): its lips follow a syllable envelope; the model
         * predicts it from the sound LEAD frames later, with as much noise as signal (r ≈ 0.45).
         */
        Scene speaks(int k, int from, int to) {
            double[] env = envelope(random, FRAMES);
            for (int t = from; t < to; t++) {
                speech[t] = true;
                heard[t] = 4 * (env[t] - 0.4) + 2 * random.nextGaussian();
                if (t - LEAD >= 0) {
                    opening[k][t - LEAD] = 0.03 + 0.3 * env[t] + 0.01 * random.nextGaussian();
                }
            }
            return this;
        }

        /** Track k moves its mouth to no sound of its own (chewing, talking to another soundtrack). */
        Scene chews(int k, int from, int to) {
            double[] env = envelope(random, FRAMES);
            for (int t = from; t < to; t++) {
                opening[k][t] = 0.03 + 0.3 * env[t];
            }
            return this;
        }

        int[] choose(int... cuts) {
            return ActiveSpeaker.choose(opening, size, heard, speech, cuts, FPS);
        }
    }

    static int switches(int[] choice) {
        int n = 0;
        for (int t = 1; t < choice.length; t++) {
            if (choice[t] != choice[t - 1]) {
                n++;
            }
        }
        return n;
    }

    static int firstFrameOf(int[] choice, int track) {
        for (int t = 0; t < choice.length; t++) {
            if (choice[t] == track) {
                return t;
            }
        }
        return -1;
    }

    @Test
    void followsTheSpeakerWithinASecondAndSwitchesOnce() {
        // B's face is larger, so a size-only choice would be wrong for the first half
        int[] choice = new Scene(1.0, 2.0).speaks(A, 0, 100).speaks(B, 100, FRAMES).choose();
        assertEquals(A, choice[0]);
        assertEquals(1, switches(choice), () -> Arrays.toString(choice));
        int switchAt = firstFrameOf(choice, B);
        assertTrue(Math.abs(switchAt - 100) <= FPS, "switched at frame " + switchAt);
        assertEquals(B, choice[FRAMES - 1]);
    }

    @Test
    void followsTheSwitchInEveryOneOfFiftyRandomConversations() {
        int worst = 0;
        for (long seed = 1; seed <= 50; seed++) {
            int[] choice = new Scene(1.0, 2.0, seed).speaks(A, 0, 100).speaks(B, 100, FRAMES).choose();
            assertEquals(1, switches(choice), "seed " + seed);
            assertEquals(A, choice[0], "seed " + seed);
            worst = Math.max(worst, Math.abs(firstFrameOf(choice, B) - 100));
        }
        assertTrue(worst <= FPS, "worst switch " + worst + " frames off");
    }

    @Test
    void aTurnWithAPauseChangesHandsInsideThePause() {
        // the usual turn: A stops, 0.6 s of silence, B starts; the windowed scores alone place
        // the switch anywhere within about half a window of the turn
        int inside = 0;
        for (long seed = 1; seed <= 50; seed++) {
            int[] choice = new Scene(1.0, 2.0, seed).speaks(A, 0, 92).speaks(B, 107, FRAMES).choose();
            assertEquals(1, switches(choice), "seed " + seed);
            int switchAt = firstFrameOf(choice, B);
            inside += switchAt >= 92 && switchAt <= 107 ? 1 : 0;
        }
        assertEquals(50, inside, "switches inside the pause");
    }

    @Test
    void aPauseFarFromTheTurnDoesNotMoveIt() {
        // A pauses for 0.6 s two seconds before the turn; B starts right after A ends
        int[] choice = new Scene(1.0, 2.0, 7).speaks(A, 0, 40).speaks(A, 55, 100).speaks(B, 100, FRAMES).choose();
        assertEquals(1, switches(choice), () -> Arrays.toString(choice));
        assertTrue(Math.abs(firstFrameOf(choice, B) - 100) <= FPS, "switched at frame " + firstFrameOf(choice, B));
    }

    static boolean[] speech(String pattern) {
        boolean[] out = new boolean[pattern.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pattern.charAt(i) == 'S';
        }
        return out;
    }

    @Test
    void thePauseTakenIsTheLongestNearTheSwitchThenTheNearest() {
        //                          0123456789012345678901234
        boolean[] speech = speech("SS..SSS....SSSS...SSS.SSSS");
        assertEquals(9, ActiveSpeaker.middleOfLongestPause(speech, 0, 25, 3, 2)); // 7-10 beats 2-3 and 15-17
        assertEquals(16, ActiveSpeaker.middleOfLongestPause(speech, 12, 25, 20, 2)); // 7-10's middle is out of range
        assertEquals(-1, ActiveSpeaker.middleOfLongestPause(speech, 12, 25, 20, 4)); // none long enough
        // a run that begins before the range counts whole, by its middle
        assertEquals(4, ActiveSpeaker.middleOfLongestPause(speech("S.......SSSS"), 3, 11, 10, 2));
        assertEquals(-1, ActiveSpeaker.middleOfLongestPause(speech("S.......SSSS"), 5, 11, 10, 2));
    }

    @Test
    void aSwitchMovesIntoAPauseOnlyWhereTheFaceTakingOverIsVisible() {
        boolean[] speech = speech("SSSSSS....SSSSSSSSSS");
        double[][] opening = new double[2][20], size = new double[2][20];
        int[] choice = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
        int[] moved = choice.clone();
        ActiveSpeaker.moveSwitchesIntoPauses(moved, speech, opening, size, 0, 20, 10, ActiveSpeaker.Params.DEFAULTS);
        assertEquals(8, firstFrameOf(moved, 1));
        assertEquals(1, switches(moved));
        for (int t = 8; t < 14; t++) {
            opening[1][t] = Double.NaN; // track 1 not seen before the old switch: it stays
            size[1][t] = Double.NaN;
        }
        int[] kept = choice.clone();
        ActiveSpeaker.moveSwitchesIntoPauses(kept, speech, opening, size, 0, 20, 10, ActiveSpeaker.Params.DEFAULTS);
        assertArrayEquals(choice, kept);
    }

    @Test
    void followsTheSpeakerWhenTheSpeakerIsTheSmallerFaceAndAnotherChews() {
        int[] choice = new Scene(1.0, 3.0).speaks(A, 0, FRAMES).chews(B, 0, FRAMES).choose();
        int[] allA = new int[FRAMES];
        assertArrayEquals(allA, choice);
    }

    @Test
    void silenceKeepsTheCurrentChoiceEvenWhenTheOtherFaceMoves() {
        int[] choice = new Scene(1.0, 2.0).speaks(A, 0, 80).chews(B, 80, 140).speaks(A, 140, FRAMES).choose();
        int[] allA = new int[FRAMES];
        assertArrayEquals(allA, choice);
    }

    @Test
    void followsTheSpeakerWhileTheOtherFaceTalksToAnotherSoundAllThrough() {
        // both mouths move all the time; only the soundtrack tells who is heard
        int[] choice = new Scene(1.0, 1.0).chews(A, 0, FRAMES).chews(B, 0, FRAMES)
                .speaks(B, 0, 100).speaks(A, 100, FRAMES).choose();
        assertEquals(B, choice[0]);
        assertEquals(1, switches(choice), () -> Arrays.toString(choice));
        assertTrue(Math.abs(firstFrameOf(choice, A) - 100) <= FPS, "switched at frame " + firstFrameOf(choice, A));
    }

    @Test
    void aSilentClipFallsBackToTheLargestFace() {
        int[] choice = new Scene(1.0, 2.0).chews(A, 0, FRAMES).choose();
        int[] allB = new int[FRAMES];
        Arrays.fill(allB, B);
        assertArrayEquals(allB, choice);
    }

    @Test
    void aCutResetsTheChoiceAtExactlyTheCut() {
        // A is larger, so after the cut B has to win on evidence, from the cut's first frame
        int[] choice = new Scene(2.0, 1.0).speaks(A, 0, 100).speaks(B, 100, FRAMES).choose(100);
        for (int t = 0; t < FRAMES; t++) {
            assertEquals(t < 100 ? A : B, choice[t], "frame " + t);
        }
    }

    @Test
    void aVanishingFaceHandsOverAndNoFaceGivesMinusOne() {
        Scene scene = new Scene(1.0, 2.0).speaks(A, 0, FRAMES);
        for (int t = 120; t < 160; t++) {
            scene.opening[A][t] = Double.NaN;
            scene.size[A][t] = Double.NaN;
        }
        for (int t = 140; t < 160; t++) {
            scene.opening[B][t] = Double.NaN;
            scene.size[B][t] = Double.NaN;
        }
        int[] choice = scene.choose();
        for (int t = 0; t < FRAMES; t++) {
            int expected = t < 120 ? A : t < 140 ? B : t < 160 ? -1 : A;
            if (t >= 160 && t < 160 + FPS) {
                continue; // A has to win back on evidence once it reappears
            }
            assertEquals(expected, choice[t], "frame " + t);
        }
    }

    @Test
    void noTracksMeansNoChoice() {
        int[] choice = ActiveSpeaker.choose(new double[0][], new double[0][], new double[50], new boolean[50],
                new int[] {20}, FPS);
        int[] none = new int[50];
        Arrays.fill(none, -1);
        assertArrayEquals(none, choice);
    }

    @Test
    void speechMustCoverEveryFrame() {
        assertThrows(IllegalArgumentException.class, () -> ActiveSpeaker.choose(new double[0][], new double[0][],
                new double[50], new boolean[49], new int[0], FPS));
    }

    @Test
    void onlyTheHeardOpeningDuringSpeechCounts() {
        double[] heard = ActiveSpeaker.duringSpeech(new double[] {0.5, -1.0, 2.0}, new boolean[] {true, false, true});
        assertEquals(0.5, heard[0], 0);
        assertTrue(Double.isNaN(heard[1]));
        assertEquals(2.0, heard[2], 0);
    }
}
