package dev.lipsync.engine.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NoiseFloorTest {
    static final double NATS_PER_10_DB = Math.log(10);

    static double[][] constant(int frames, double value) {
        double[][] mel = new double[frames][LogMel.BANDS];
        for (double[] row : mel) {
            java.util.Arrays.fill(row, value);
        }
        return mel;
    }

    @Test
    void aBurstInEightBandsStandsItsHeightAboveASteadyBackground() {
        double[][] mel = constant(1000, -3);
        for (int t = 300; t < 310; t++) {
            for (int b = 4; b < 12; b++) {
                mel[t][b] += 2 * NATS_PER_10_DB; // 20 dB
            }
        }
        double[] excess = NoiseFloor.excessDb(mel);
        assertEquals(20, excess[305], 1e-9);
        assertEquals(0, excess[200], 1e-9);
        assertEquals(0, excess[320], 1e-9);
        // its edges are smoothed over 50 ms: two of the five frames around 299 are in the burst
        assertEquals(8, excess[299], 1e-9);
    }

    @Test
    void theFloorFollowsABackgroundThatChangesOverSeconds() {
        double[][] mel = constant(1000, -3);
        for (int t = 500; t < 1000; t++) {
            for (int b = 0; b < LogMel.BANDS; b++) {
                mel[t][b] += NATS_PER_10_DB; // the background rises by 10 dB and stays there
            }
        }
        double[] excess = NoiseFloor.excessDb(mel);
        assertEquals(10, excess[520], 1e-9); // the old, lower floor is still within reach
        assertEquals(0, excess[800], 1e-9); // two seconds on it is the new floor
        assertEquals(0, excess[100], 1e-9);
    }

    @Test
    void onlyTheStrongestBandsCount() {
        double[][] mel = constant(400, -3);
        for (int b = 0; b < 4; b++) {
            mel[200][b] += 2 * NATS_PER_10_DB;
        }
        // one frame of 20 dB in four bands: 4 dB after smoothing over five frames, in half of the top eight
        assertEquals(2, NoiseFloor.excessDb(mel)[200], 1e-9);
    }
}
