package dev.lipsync.engine.landmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PointBoundsTest {
    private static final float[] POINTS = {3, -1, 7.5f, 2, -2, 4, 0, 0};

    @Test
    void allPointsAndChosenOnes() {
        assertEquals(new PointBounds(-2, -1, 7.5, 4), PointBounds.of(POINTS));
        assertEquals(new PointBounds(0, -1, 3, 0), PointBounds.of(POINTS, new int[] {0, 3}));
    }

    @Test
    void emptyUntilAUnionGivesItPoints() {
        assertTrue(PointBounds.of(new float[0]).isEmpty());
        assertTrue(PointBounds.EMPTY.isEmpty());
        PointBounds b = PointBounds.EMPTY.union(PointBounds.of(new float[] {1, 2}));
        assertFalse(b.isEmpty());
        assertEquals(new PointBounds(1, 2, 1, 2), b);
        assertEquals(new PointBounds(-2, -1, 7.5, 4), b.union(PointBounds.of(POINTS)));
    }

    @Test
    void aNanCoordinateShows() {
        PointBounds b = PointBounds.of(new float[] {1, Float.NaN, 2, 3});
        assertTrue(Double.isNaN(b.minY()) && Double.isNaN(b.maxY()));
        assertEquals(1, b.minX());
    }
}
