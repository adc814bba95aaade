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
            double a = hiddenBias[j] + dot(hiddenWeights[j], x);
            if (a > 0) {
                y += outputWeights[j] * a;
            }
        }
        return y;
    }

    /**
     * {@code Σ w[c]·x[c]} in four running sums: one sum waits for each addition before the next
     * (a chain of additions one at a time), four overlap. The model runs a few hundred of these a
     * video frame, on the new audio and on the video's own.
     */
    static double dot(double[] w, double[] x) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int c = 0;
        for (; c + 4 <= w.length; c += 4) {
            s0 += w[c] * x[c];
            s1 += w[c + 1] * x[c + 1];
            s2 += w[c + 2] * x[c + 2];
            s3 += w[c + 3] * x[c + 3];
        }
        for (; c < w.length; c++) {
            s0 += w[c] * x[c];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
