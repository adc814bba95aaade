package dev.lipsync.engine.landmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SimilarityTest {

    @Test
    void fitRecoversAKnownRotationScaleAndShift() {
        Similarity truth = new Similarity(1.2 * Math.cos(0.3), 1.2 * Math.sin(0.3), 15, -7);
        float[] from = {0, 0, 10, 0, 0, 10, 7, 3, -4, 8};
        float[] to = new float[from.length];
        for (int i = 0; i < from.length; i += 2) {
            to[i] = (float) truth.x(from[i], from[i + 1]);
            to[i + 1] = (float) truth.y(from[i], from[i + 1]);
        }
        Similarity fit = Similarity.fit(from, to, new int[] {0, 1, 2, 3, 4});
        assertEquals(truth.a(), fit.a(), 1e-5);
        assertEquals(truth.b(), fit.b(), 1e-5);
        assertEquals(truth.tx(), fit.tx(), 1e-4);
        assertEquals(truth.ty(), fit.ty(), 1e-4);
        assertEquals(1.2, fit.scale(), 1e-5);
    }

    @Test
    void inverseUndoesTheMap() {
        Similarity s = new Similarity(0.8, -0.4, 3, 9);
        Similarity inv = s.inverse();
        double x = 12.5, y = -3.25;
        assertEquals(x, inv.x(s.x(x, y), s.y(x, y)), 1e-12);
        assertEquals(y, inv.y(s.x(x, y), s.y(x, y)), 1e-12);
    }

    @Test
    void weightedFitFollowsTheHeavierPoints() {
        // Two point pairs disagree: the first says "shift by +10", the second "shift by −10" (x only).
        float[] from = {0, 0, 10, 0, 0, 10, 10, 10};
        float[] to = {10, 0, 20, 0, -10, 10, 0, 10};
        Similarity even = Similarity.fit(from, to, new int[] {0, 1, 2, 3}, new double[] {1, 1, 1, 1});
        Similarity heavy = Similarity.fit(from, to, new int[] {0, 1, 2, 3}, new double[] {3, 3, 1, 1});
        assertEquals(0.0, even.x(5, 5) - 5, 1e-9);
        double shift = heavy.x(5, 0) - 5; // pulled towards +10, not all the way
        assertEquals(true, shift > 2 && shift < 10, "shift " + shift);
    }
}
