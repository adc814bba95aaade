package dev.lipsync.engine.mouth.fit;

import dev.lipsync.engine.mouth.ReluNetwork;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Development tool: fits the {@link ReluNetwork}s of the mouth model by weighted least
 * squares, with mini-batch Adam, dropout on the inputs (so that no single band or offset is
 * relied on: the dub is another voice) and a small weight decay. Several networks from
 * different random starts are fitted in parallel; the model averages them. Deterministic for
 * given data and seeds. (One hidden layer of 64 units is all this needs; a deep-learning
 * library would bring far more than it would save.)
 *
 * <p>The settings were chosen once on the speaker-grouped cross-validation (64 hidden units
 * over 32 or 128, input dropout 0.2 over 0.4, four networks over one) and not tuned further.
 */
final class NetworkTraining {
    static final int HIDDEN = 64;
    static final int NETWORKS = 4;
    static final int EPOCHS = 10;
    static final int BATCH = 128;
    static final double LEARNING_RATE = 1e-3;
    /** The learning rate's factor in the second half of the epochs. */
    static final double LATE_RATE = 0.3;
    static final double WEIGHT_DECAY = 1e-4;
    static final double INPUT_DROPOUT = 0.2;

    private NetworkTraining() {}

    /**
     * @param x      standardised rows
     * @param y      targets
     * @param weight per-row weights (the loss is their weighted mean squared error)
     * @param seed   the first network's seed; network k uses {@code seed + 1000 k}
     */
    static List<ReluNetwork> fit(double[][] x, double[] y, double[] weight, long seed) {
        return IntStream.range(0, NETWORKS).parallel()
                .mapToObj(k -> fitOne(x, y, weight, new Random(seed + 1000L * k)))
                .toList();
    }

    static ReluNetwork fitOne(double[][] x, double[] y, double[] weight, Random random) {
        int n = x.length, in = x[0].length;
        double[] w1 = new double[HIDDEN * in], b1 = new double[HIDDEN], w2 = new double[HIDDEN], b2 = new double[1];
        double inScale = Math.sqrt(2.0 / in); // He initialisation for ReLU units
        for (int i = 0; i < w1.length; i++) {
            w1[i] = random.nextGaussian() * inScale;
        }
        double outScale = 0.1 / Math.sqrt(HIDDEN); // start near a constant output
        for (int j = 0; j < HIDDEN; j++) {
            w2[j] = random.nextGaussian() * outScale;
        }
        double[] gw1 = new double[w1.length], gb1 = new double[HIDDEN], gw2 = new double[HIDDEN], gb2 = new double[1];
        Adam aw1 = new Adam(w1.length), ab1 = new Adam(HIDDEN), aw2 = new Adam(HIDDEN), ab2 = new Adam(1);
        int[] order = IntStream.range(0, n).toArray();
        double[] input = new double[in];
        double[] activation = new double[HIDDEN];
        double keep = 1 - INPUT_DROPOUT;
        int step = 0;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            shuffle(order, random);
            double rate = LEARNING_RATE * (epoch < EPOCHS / 2 ? 1 : LATE_RATE);
            for (int start = 0; start < n; start += BATCH) {
                int end = Math.min(n, start + BATCH);
                Arrays.fill(gw1, 0);
                Arrays.fill(gb1, 0);
                Arrays.fill(gw2, 0);
                gb2[0] = 0;
                double batchWeight = 0;
                for (int s = start; s < end; s++) {
                    batchWeight += weight[order[s]];
                }
                for (int s = start; s < end; s++) {
                    int r = order[s];
                    for (int c = 0; c < in; c++) {
                        input[c] = random.nextDouble() < INPUT_DROPOUT ? 0 : x[r][c] / keep;
                    }
                    double out = b2[0];
                    for (int j = 0; j < HIDDEN; j++) {
                        double a = b1[j];
                        int o = j * in;
                        for (int c = 0; c < in; c++) {
                            a += w1[o + c] * input[c];
                        }
                        activation[j] = a > 0 ? a : 0;
                        out += w2[j] * activation[j];
                    }
                    double g = weight[r] * (out - y[r]) / batchWeight; // d(loss)/d(out)
                    gb2[0] += g;
                    for (int j = 0; j < HIDDEN; j++) {
                        if (activation[j] <= 0) {
                            continue;
                        }
                        gw2[j] += g * activation[j];
                        double gh = g * w2[j];
                        gb1[j] += gh;
                        int o = j * in;
                        for (int c = 0; c < in; c++) {
                            gw1[o + c] += gh * input[c];
                        }
                    }
                }
                for (int i = 0; i < w1.length; i++) {
                    gw1[i] += WEIGHT_DECAY * w1[i];
                }
                for (int j = 0; j < HIDDEN; j++) {
                    gw2[j] += WEIGHT_DECAY * w2[j];
                }
                step++;
                aw1.step(w1, gw1, rate, step);
                ab1.step(b1, gb1, rate, step);
                aw2.step(w2, gw2, rate, step);
                ab2.step(b2, gb2, rate, step);
            }
        }
        double[][] hidden = new double[HIDDEN][];
        for (int j = 0; j < HIDDEN; j++) {
            hidden[j] = Arrays.copyOfRange(w1, j * in, (j + 1) * in);
        }
        return new ReluNetwork(hidden, b1, w2, b2[0]);
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Adam (Kingma and Ba) with the usual β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    private static final class Adam {
        private final double[] m, v;

        Adam(int size) {
            m = new double[size];
            v = new double[size];
        }

        void step(double[] parameters, double[] gradient, double rate, int t) {
            double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t);
            for (int i = 0; i < parameters.length; i++) {
                m[i] = 0.9 * m[i] + 0.1 * gradient[i];
                v[i] = 0.999 * v[i] + 0.001 * gradient[i] * gradient[i];
                parameters[i] -= rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
            }
        }
    }
}
