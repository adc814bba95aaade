package dev.lipsync.engine.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffScreenSpeechTest {
    static final double FPS = 30;

    /** A talking mouth: openings swinging 0 … 0.2 eye distances about three times a second. */
    static double talking(int t) {
        return 0.1 + 0.1 * Math.sin(2 * Math.PI * 3 * t / FPS);
    }

    /** A still mouth: slightly parted, with landmark jitter of the given standard deviation. */
    static double still(Random random, double jitter) {
        return 0.03 + jitter * random.nextGaussian();
    }

    static boolean[] all(int n, boolean value) {
        boolean[] b = new boolean[n];
        Arrays.fill(b, value);
        return b;
    }

    static int count(boolean[] b, int from, int to) {
        int n = 0;
        for (int t = from; t < to; t++) {
            n += b[t] ? 1 : 0;
        }
        return n;
    }

    @Test
    void aFaceStillThroughSpeechListensAndTheTalkAroundItIsLeftToTheFace() {
        // 3 s talking, 4 s still while someone off screen talks, 3 s talking; speech all along
        Random random = new Random(1);
        double[] opening = new double[300];
        for (int t = 0; t < 300; t++) {
            opening[t] = t >= 90 && t < 210 ? still(random, 0.004) : talking(t);
        }
        boolean[] listening = OffScreenSpeech.listening(opening, all(300, true), FPS);
        // a window reaching a few frames into the talk, where the mouth closes, may still be still
        assertEquals(0, count(listening, 0, 85), "talking before");
        assertEquals(0, count(listening, 215, 300), "talking after");
        // every frame the still windows cover: all of the still part
        assertEquals(120, count(listening, 90, 210));
    }

    @Test
    void stillLipsInSilenceAreNotListening() {
        // a pause: nobody talks, so the dub decides what the mouth does there
        double[] opening = new double[300];
        Arrays.fill(opening, 0.02);
        boolean[] speech = all(300, false);
        assertEquals(0, count(OffScreenSpeech.listening(opening, speech, FPS), 0, 300));
    }

    @Test
    void aBriefStillnessInSpeechIsNotListening() {
        // lips still for 2 s (window centres still for 1 s, under the 1.5 s asked)
        Random random = new Random(2);
        double[] opening = new double[300];
        for (int t = 0; t < 300; t++) {
            opening[t] = t >= 100 && t < 160 ? still(random, 0.002) : talking(t);
        }
        assertEquals(0, count(OffScreenSpeech.listening(opening, all(300, true), FPS), 0, 300));
    }

    @Test
    void jitteryLandmarksOfASmallFaceAreNotTakenForStillness() {
        // a still mouth whose landmarks jitter by 0.02 eye distances looks like a mumbling speaker
        Random random = new Random(3);
        double[] opening = new double[300];
        for (int t = 0; t < 300; t++) {
            opening[t] = still(random, 0.02);
        }
        assertEquals(0, count(OffScreenSpeech.listening(opening, all(300, true), FPS), 0, 300));
    }

    @Test
    void shortPausesInTheOffScreenSpeechDoNotBreakTheStretch() {
        // the off-screen voice pauses 0.2 s every second: each window is still mostly speech
        Random random = new Random(4);
        double[] opening = new double[240];
        boolean[] speech = new boolean[240];
        for (int t = 0; t < 240; t++) {
            opening[t] = still(random, 0.003);
            speech[t] = t % 30 >= 6;
        }
        boolean[] listening = OffScreenSpeech.listening(opening, speech, FPS);
        assertEquals(240, count(listening, 0, 240));
    }

    @Test
    void framesWithoutAFaceEndAStretch() {
        Random random = new Random(5);
        double[] opening = new double[200];
        for (int t = 0; t < 200; t++) {
            opening[t] = t >= 100 && t < 110 ? Double.NaN : still(random, 0.003);
        }
        boolean[] listening = OffScreenSpeech.listening(opening, all(200, true), FPS);
        assertFalse(listening[105], "no face, nothing to leave alone");
        assertEquals(100, count(listening, 0, 100)); // 71 still windows, 1.5 s needs 45
        assertEquals(90, count(listening, 110, 200)); // 61 still windows
    }

    @Test
    void tooShortAVideoHasNoWindowAndNothingListens() {
        double[] opening = {0.02, 0.02, 0.02};
        boolean[] listening = OffScreenSpeech.listening(opening, all(3, true), FPS);
        assertEquals(0, count(listening, 0, 3));
        assertTrue(OffScreenSpeech.listening(new double[0], new boolean[0], FPS).length == 0);
    }
}
