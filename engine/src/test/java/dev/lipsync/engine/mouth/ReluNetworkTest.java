package dev.lipsync.engine.mouth;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ReluNetworkTest {
    /** Two units: max(0, x0 − x1 + 1) and max(0, 2·x1 − 1), weighted 3 and −0.5, plus 0.25. */
    private static final ReluNetwork NETWORK = new ReluNetwork(
            new double[][] {{1, -1}, {0, 2}}, new double[] {1, -1}, new double[] {3, -0.5}, 0.25);

    @Test
    void addsTheWeightedRectifiedUnitsToTheBias() {
        assertEquals(0.25 + 3 * 1 - 0.5 * 0, NETWORK.apply(new double[] {0, 0}), 1e-12); // unit 2 off
        assertEquals(0.25 + 3 * 2 - 0.5 * 1, NETWORK.apply(new double[] {2, 1}), 1e-12);
        assertEquals(0.25 + 0 - 0.5 * 5, NETWORK.apply(new double[] {-5, 3}), 1e-12); // unit 1 off
        assertEquals(2, NETWORK.inputs());
    }

    @Test
    void dotProductCoversEveryInputWhateverTheLength() {
        for (int n = 0; n <= 9; n++) {
            double[] w = new double[n], x = new double[n];
            double expected = 0;
            for (int c = 0; c < n; c++) {
                w[c] = c + 1;
                x[c] = c % 2 == 0 ? 0.5 : -2;
                expected += w[c] * x[c];
            }
            assertEquals(expected, ReluNetwork.dot(w, x), 1e-12, "length " + n);
        }
    }

    @Test
    void rejectsInconsistentSizes() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReluNetwork(new double[][] {{1, 2}}, new double[] {0, 0}, new double[] {1}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ReluNetwork(new double[][] {{1, 2}, {1}}, new double[] {0, 0}, new double[] {1, 1}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ReluNetwork(new double[0][], new double[0], new double[0], 0));
    }
}
