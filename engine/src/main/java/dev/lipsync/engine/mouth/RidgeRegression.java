package dev.lipsync.engine.mouth;

/**
 * Weighted ridge regression on standardised columns: minimises
 * Σ wᵢ (yᵢ − b − xᵢ·β)² + λ |β|², with x standardised by the weighted column mean and std.
 * The normal matrix is built once; {@link #solve} can then be called for several λ.
 */
public final class RidgeRegression {
    public final double[] columnMean;
    public final double[] columnStd;
    private final double[][] gram;
    private final double[] xty;
    private final double intercept;

    public RidgeRegression(double[][] x, double[] y, double[] weight) {
        int n = x.length, p = x[0].length;
        double totalWeight = 0;
        columnMean = new double[p];
        columnStd = new double[p];
        double yMean = 0;
        for (int i = 0; i < n; i++) {
            totalWeight += weight[i];
            yMean += weight[i] * y[i];
            for (int c = 0; c < p; c++) {
                columnMean[c] += weight[i] * x[i][c];
            }
        }
        yMean /= totalWeight;
        for (int c = 0; c < p; c++) {
            columnMean[c] /= totalWeight;
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < p; c++) {
                double d = x[i][c] - columnMean[c];
                columnStd[c] += weight[i] * d * d;
            }
        }
        for (int c = 0; c < p; c++) {
            columnStd[c] = Math.sqrt(Math.max(columnStd[c] / totalWeight, 1e-8));
        }
        gram = new double[p][p];
        xty = new double[p];
        double[] z = new double[p];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < p; c++) {
                z[c] = (x[i][c] - columnMean[c]) / columnStd[c];
            }
            double w = weight[i];
            double yc = y[i] - yMean;
            for (int a = 0; a < p; a++) {
                double wa = w * z[a];
                xty[a] += wa * yc;
                double[] row = gram[a];
                for (int b = a; b < p; b++) {
                    row[b] += wa * z[b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                gram[a][b] = gram[b][a];
            }
        }
        intercept = yMean;
    }

    public double intercept() {
        return intercept;
    }

    /** Coefficients β (on standardised columns) for penalty λ, by Cholesky decomposition. */
    public double[] solve(double lambda) {
        int p = xty.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = gram[i][j] + (i == j ? lambda : 0);
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j][j];
            }
        }
        double[] v = new double[p];
        for (int i = 0; i < p; i++) {
            double s = xty[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * v[k];
            }
            v[i] = s / l[i][i];
        }
        double[] beta = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = v[i];
            for (int k = i + 1; k < p; k++) {
                s -= l[k][i] * beta[k];
            }
            beta[i] = s / l[i][i];
        }
        return beta;
    }
}
