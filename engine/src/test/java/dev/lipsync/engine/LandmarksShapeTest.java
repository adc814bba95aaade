package dev.lipsync.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lipsync.engine.landmarks.Landmarks;
import org.junit.jupiter.api.Test;

class LandmarksShapeTest {
    @Test
    void readsInterleavedPointsAndRejectsWrongLength() {
        float[] xy = new float[136];
        xy[2 * 67] = 3.5f;
        xy[2 * 67 + 1] = -1f;
        Landmarks l = new Landmarks(xy);
        assertEquals(3.5f, l.x(67));
        assertEquals(-1f, l.y(67));
        assertThrows(IllegalArgumentException.class, () -> new Landmarks(new float[10]));
    }
}
