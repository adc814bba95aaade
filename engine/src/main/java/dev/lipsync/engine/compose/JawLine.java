package dev.lipsync.engine.compose;

/**
 * A jaw line in a face's own frame (u across, v down, in eye distances) as v over u, linear
 * between its landmarks and tabulated: looked up for every pixel under the jaw.
 */
final class JawLine {
    static final int BINS = 256;
    /** The smallest v of the line's points: no pixel at or above it lies below the line. */
    final double highest;
    private final double first;
    private final double binsPerU;
    private final double[] table = new double[BINS + 1];

    /** The line through (us[k], vs[k]) in the order given (u running one way). */
    JawLine(double[] us, double[] vs) {
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, high = Double.MAX_VALUE;
        for (int k = 0; k < us.length; k++) {
            min = Math.min(min, us[k]);
            max = Math.max(max, us[k]);
            high = Math.min(high, vs[k]);
        }
        highest = high;
        first = min;
        double step = (max - min) / BINS;
        binsPerU = 1 / step;
        for (int i = 0; i <= BINS; i++) {
            table[i] = at(us, vs, min + i * step);
        }
    }

    /** v of the line at {@code u}, NaN beyond its ends. */
    double at(double u) {
        double t = (u - first) * binsPerU;
        if (!(t >= 0 && t <= BINS)) {
            return Double.NaN;
        }
        int i = Math.min(BINS - 1, (int) t);
        return table[i] + (t - i) * (table[i + 1] - table[i]);
    }

    /** The line's v at {@code u} (linear between its points), NaN beyond its ends. */
    static double at(double[] us, double[] vs, double u) {
        for (int k = 0; k + 1 < us.length; k++) {
            double a = us[k], b = us[k + 1];
            if ((u >= a && u <= b) || (u >= b && u <= a)) {
                double t = b == a ? 0 : (u - a) / (b - a);
                return vs[k] + t * (vs[k + 1] - vs[k]);
            }
        }
        return Double.NaN;
    }
}
