package dev.lipsync.engine.mouth;

/**
 * A network with one hidden layer of rectified linear units and one linear output:
 * {@code y = outputBias + Σⱼ outputWeights[j] · max(0, hiddenBias[j] + hiddenWeights[j] · x)}.
 * The audio → mouth model averages a few of these per output (fitted from different random starts by
 * {@code mouth.fit.NetworkTraining}); unlike a linear model they can, for instance, let the
 * spectrum move the mouth while someone speaks and not in a pause.
 *
 * @param hiddenWeights one row of input weights per hidden unit
 */
public record ReluNetwork(double[][] hiddenWeights, double[] hiddenBias, double[] outputWeights, double outputBias) {
    public ReluNetwork {
        int hidden = hiddenWeights.length;
        if (hidden == 0 || hiddenBias.length != hidden || outputWeights.length != hidden) {
            throw new IllegalArgumentException("network has inconsistent sizes (" + hidden + " hidden units)");
        }
        for (double[] row : hiddenWeights) {
            if (row.length != hiddenWeights[0].length) {
                throw new IllegalArgumentException("hidden units have different numbers of inputs");
            }
        }
    }

    public int inputs() {
        return hiddenWeights[0].length;
    }

    /** The output for input {@code x} (of {@link #inputs()} values). */
    public double apply(double[] x) {
        double y = outputBias;
        for (int j = 0; j < hiddenWeights.length; j++) {
            double[] w = hiddenWeights[j];
            double a = hiddenBias[j];
            for (int c = 0; c < w.length; c++) {
                a += w[c] * x[c];
            }
            if (a > 0) {
                y += outputWeights[j] * a;
            }
        }
        return y;
    }
}
