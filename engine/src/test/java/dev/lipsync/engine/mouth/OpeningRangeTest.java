package dev.lipsync.engine.mouth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpeningRangeTest {

    @Test
    void normalCdfMatchesKnownValues() {
        assertEquals(0.5, OpeningRange.normalCdf(0), 1e-7);
        assertEquals(0.8413447, OpeningRange.normalCdf(1), 1e-6);
        assertEquals(0.0227501, OpeningRange.normalCdf(-2), 1e-6);
        assertEquals(0.9986501, OpeningRange.normalCdf(3), 1e-6);
    }

    @Test
    void mapsZScoresOntoTheMeasuredQuantiles() {
        double[] uniform = new double[1001];
        for (int i = 0; i <= 1000; i++) {
            uniform[i] = 0.3 * i / 1000; // openings 0 .. 0.3, evenly
        }
        OpeningRange range = OpeningRange.of(uniform);
        assertEquals(0.15, range.fromZ(0), 1e-6);
        assertEquals(0.3 * 0.8413447, range.fromZ(1), 1e-6);
        assertEquals(0.0, range.fromZ(-10), 1e-12); // never below the person's smallest opening
        assertEquals(0.3, range.fromZ(10), 1e-12); // nor above the widest
        double previous = -1;
        for (double z = -4; z <= 4; z += 0.25) {
            assertTrue(range.fromZ(z) > previous);
            previous = range.fromZ(z);
        }
    }

    @Test
    void keepsTheSpreadOfASkewedPerson() {
        // mostly closed, sometimes wide open: exponential-like openings
        Random r = new Random(1);
        double[] measured = new double[5000];
        for (int i = 0; i < measured.length; i++) {
            measured[i] = -0.05 * Math.log(1 - r.nextDouble());
        }
        OpeningRange range = OpeningRange.of(measured);
        double[] z = new double[5000];
        for (int i = 0; i < z.length; i++) {
            z[i] = r.nextGaussian();
        }
        double[] mapped = range.fromZ(z);
        Arrays.sort(mapped);
        double[] sorted = measured.clone();
        Arrays.sort(sorted);
        // the mapped predictions have the person's own distribution: compare a few quantiles
        for (double q : new double[] {0.1, 0.5, 0.9, 0.99}) {
            int i = (int) (q * (sorted.length - 1));
            assertEquals(sorted[i], mapped[i], 0.15 * sorted[i] + 0.003, "quantile " + q);
        }
    }

    @Test
    void ignoresMissingFramesAndPassesNaNThrough() {
        OpeningRange range = OpeningRange.of(new double[] {Double.NaN, 0.1, 0.2, Double.NaN});
        assertEquals(0.15, range.fromZ(0), 1e-6);
        assertTrue(Double.isNaN(range.fromZ(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> OpeningRange.of(new double[] {Double.NaN}));
    }
}
