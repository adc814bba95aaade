package dev.lipsync.engine.speaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class MaxFaceTest {
    static final double N = Double.NaN;

    @Test
    void takesTheLargestFaceWithoutFlickeringBetweenNearEqualOnes() {
        double[][] size = {
            {10, 10, 10, 10, 10, N, N, 10},
            {9, 11, 11, 11.4, 20, 20, N, 20},
        };
        // 11 and 11.4 are within 15 % of 10: keep track 0; 20 is not; track 0 gone then back
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, -1, 1}, MaxFace.choose(size, new int[0]));
    }

    @Test
    void resetsAtCuts() {
        double[][] size = {
            {10, 10, 10, 10},
            {9, 9, 11, 11},
        };
        assertArrayEquals(new int[] {0, 0, 0, 0}, MaxFace.choose(size, new int[0]));
        assertArrayEquals(new int[] {0, 0, 1, 1}, MaxFace.choose(size, new int[] {2}));
    }
}
