package dev.lipsync.engine.mouth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lipsync.engine.landmarks.Landmarks;
import org.junit.jupiter.api.Test;

class MouthShapeTest {

    /** Eyes 60 px apart; inner lips 12 px apart; mouth corners 48 px apart. */
    static Landmarks face(float innerGap) {
        float[] xy = new float[136];
        for (int i = 0; i < 6; i++) {
            set(xy, 36 + i, 100, 100);
            set(xy, 42 + i, 160, 100);
        }
        set(xy, 48, 106, 180);
        set(xy, 54, 154, 180);
        for (int i = 61; i <= 63; i++) {
            set(xy, i, 120 + 5 * (i - 61), 175);
        }
        set(xy, 67, 120, 175 + innerGap);
        set(xy, 66, 125, 175 + innerGap);
        set(xy, 65, 130, 175 + innerGap);
        return new Landmarks(xy);
    }

    private static void set(float[] xy, int i, float x, float y) {
        xy[2 * i] = x;
        xy[2 * i + 1] = y;
    }

    @Test
    void measuresOpeningAndWidthInEyeDistances() {
        MouthShape shape = MouthShape.measure(face(12));
        assertEquals(0.2, shape.opening(), 1e-6);
        assertEquals(0.8, shape.width(), 1e-6);
    }

    @Test
    void closedMouthHasZeroOpening() {
        assertEquals(0.0, MouthShape.measure(face(0)).opening(), 1e-9);
    }
}
