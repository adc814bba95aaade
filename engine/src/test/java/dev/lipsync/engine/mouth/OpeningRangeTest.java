package dev.lipsync.engine.mouth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OpeningRangeTest {

    @Test
    void undoesTheZScoreTheModelWasFittedOn() {
        double[] measured = new double[1001];
        for (int i = 0; i <= 1000; i++) {
            measured[i] = 0.3 * i / 1000; // openings 0 .. 0.3, evenly
        }
        double sd = Math.sqrt(0.3 * 0.3 / 12 * 1002 / 1000.0);
        OpeningRange range = OpeningRange.of(measured);
        assertEquals(0.15, range.fromZ(0), 1e-9);
        assertEquals(0.15 + sd, range.fromZ(1), 1e-6);
        assertEquals(0.15 - 1.5 * sd, range.fromZ(-1.5), 1e-6);
        // z-scoring a measured value and mapping it back gives the value itself
        for (double v : new double[] {0.03, 0.1, 0.2, 0.27}) {
            assertEquals(v, range.fromZ((v - 0.15) / sd), 1e-9);
        }
    }

    @Test
    void staysInsideWhatThePersonShowed() {
        double[] measured = new double[1001];
        for (int i = 0; i <= 1000; i++) {
            measured[i] = 0.3 * i / 1000;
        }
        OpeningRange range = OpeningRange.of(measured);
        assertEquals(0.003, range.fromZ(-10), 1e-9); // the 1st percentile, not below
        assertEquals(0.297, range.fromZ(10), 1e-9); // the 99th, not above
        double previous = -1;
        for (double z = -4; z <= 4; z += 0.25) {
            assertTrue(range.fromZ(z) >= previous);
            previous = range.fromZ(z);
        }
    }

    @Test
    void aLandmarkSlipDoesNotBecomeAShape() {
        // a person whose mouth opens up to 0.2, and two frames where the landmarks jumped to 0.9
        double[] measured = new double[400];
        for (int i = 0; i < measured.length; i++) {
            measured[i] = 0.2 * (i % 100) / 99;
        }
        measured[10] = 0.9;
        measured[250] = 0.9;
        assertTrue(OpeningRange.of(measured).fromZ(6) <= 0.2);
    }

    @Test
    void keepsTheSpreadOfASkewedPersonLinearly() {
        // mostly nearly closed, now and then wide open: exponential openings, mean = sd = 0.05
        Random r = new Random(1);
        double[] measured = new double[20000];
        for (int i = 0; i < measured.length; i++) {
            measured[i] = -0.05 * Math.log(1 - r.nextDouble());
        }
        OpeningRange range = OpeningRange.of(measured);
        assertEquals(0.05, range.fromZ(0), 0.002);
        assertEquals(0.10, range.fromZ(1), 0.004);
        assertEquals(0.15, range.fromZ(2), 0.006);
        // equal steps in z are equal steps in opening (the quantile map before gave 0.035, 0.092, 0.189)
        assertEquals(range.fromZ(1) - range.fromZ(0), range.fromZ(2) - range.fromZ(1), 1e-9);
    }

    @Test
    void ignoresMissingFramesAndPassesNaNThrough() {
        OpeningRange range = OpeningRange.of(new double[] {Double.NaN, 0.1, 0.2, Double.NaN});
        assertEquals(0.15, range.fromZ(0), 1e-9);
        assertEquals(0.2 - 0.001, range.fromZ(1), 1e-9); // mean + sd = 0.2, above the 99th percentile
        assertEquals(0.05, range.spread(), 1e-12);
        assertTrue(Double.isNaN(range.fromZ(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> OpeningRange.of(new double[] {Double.NaN}));
    }
}
