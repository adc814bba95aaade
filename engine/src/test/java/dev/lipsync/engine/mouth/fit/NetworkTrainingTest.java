package dev.lipsync.engine.mouth.fit;

import static org.junit.jupiter.api.Assertions.*;

import dev.lipsync.engine.mouth.ReluNetwork;
import dev.lipsync.engine.mouth.RidgeRegression;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NetworkTrainingTest {
    /**
     * y = |x0| + 0.5 x1 plus noise, over eight standard-normal inputs of which six are noise: no
     * straight line fits |x0| (its correlation with x0 is 0), the networks must. Compared with a
     * linear least-squares fit of the same rows, on fresh inputs.
     */
    @Test
    void learnsWhatALinearModelCannot() {
        Random random = new Random(3);
        int n = 8000, in = 8;
        double[][] x = new double[n][in];
        double[] y = new double[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < in; c++) {
                x[i][c] = random.nextGaussian();
            }
            y[i] = Math.abs(x[i][0]) + 0.5 * x[i][1] + 0.1 * random.nextGaussian();
            weight[i] = i % 2 == 0 ? 1 : 0.5;
        }
        List<ReluNetwork> networks = NetworkTraining.fit(x, y, weight, 5);
        assertEquals(NetworkTraining.NETWORKS, networks.size());
        RidgeRegression linear = new RidgeRegression(x, y, weight);
        double[] beta = linear.solve(1e-6);
        double squaredError = 0, linearError = 0, variance = 0, mean = 0;
        for (double v : y) {
            mean += v / n;
        }
        Random fresh = new Random(4);
        for (int i = 0; i < 1000; i++) {
            double[] row = new double[in];
            for (int c = 0; c < in; c++) {
                row[c] = fresh.nextGaussian();
            }
            double truth = Math.abs(row[0]) + 0.5 * row[1];
            double predicted = networks.stream().mapToDouble(net -> net.apply(row)).average().orElseThrow();
            squaredError += (predicted - truth) * (predicted - truth);
            double line = linear.intercept();
            for (int c = 0; c < in; c++) {
                line += beta[c] * (row[c] - linear.columnMean[c]) / linear.columnStd[c];
            }
            linearError += (line - truth) * (line - truth);
            variance += (truth - mean) * (truth - mean);
        }
        // a line explains only the 0.5·x1 part: R² ≈ 0.25 / (0.25 + 0.36) ≈ 0.4
        double explained = 1 - squaredError / variance, linearExplained = 1 - linearError / variance;
        assertTrue(linearExplained < 0.5, "a line explains " + linearExplained);
        assertTrue(explained > 0.8, "share of variance the networks explain on fresh inputs: " + explained);
    }

    @Test
    void sameDataAndSeedGiveTheSameNetworks() {
        Random random = new Random(9);
        double[][] x = new double[200][3];
        double[] y = new double[200];
        double[] weight = new double[200];
        for (int i = 0; i < 200; i++) {
            for (int c = 0; c < 3; c++) {
                x[i][c] = random.nextGaussian();
            }
            y[i] = x[i][0] * x[i][1];
            weight[i] = 1;
        }
        List<ReluNetwork> a = NetworkTraining.fit(x, y, weight, 1);
        List<ReluNetwork> b = NetworkTraining.fit(x, y, weight, 1);
        double[] probe = {0.3, -1.2, 0.7};
        for (int k = 0; k < a.size(); k++) {
            assertEquals(a.get(k).apply(probe), b.get(k).apply(probe), 0.0);
        }
        assertNotEquals(a.get(0).apply(probe), a.get(1).apply(probe), "networks start from different seeds");
    }
}
