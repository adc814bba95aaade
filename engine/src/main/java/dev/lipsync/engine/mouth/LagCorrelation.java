package dev.lipsync.engine.mouth;

/** Pearson correlation, and its best value over small time shifts (the evaluation metric). */
public final class LagCorrelation {
    private LagCorrelation() {
    }

    /** max over lag in [−maxLag, maxLag] of corr(a[i], b[i + lag]); NaN entries in b skipped. */
    public static double best(double[] a, double[] b, int maxLag) {
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            best = Math.max(best, at(a, b, lag));
        }
        return best;
    }

    /** corr(a[i], b[i + lag]) over the pairs where both are numbers; NaN with fewer than 3 pairs. */
    public static double at(double[] a, double[] b, int lag) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            int j = i + lag;
            if (j < 0 || j >= b.length || Double.isNaN(b[j]) || Double.isNaN(a[i])) {
                continue;
            }
            sa += a[i];
            sb += b[j];
            saa += a[i] * a[i];
            sbb += b[j] * b[j];
            sab += a[i] * b[j];
            n++;
        }
        if (n < 3) {
            return Double.NaN;
        }
        double cov = sab / n - sa / n * sb / n;
        double va = saa / n - sa / n * sa / n;
        double vb = sbb / n - sb / n * sb / n;
        return va <= 0 || vb <= 0 ? 0 : cov / Math.sqrt(va * vb);
    }

    /** The lag in [−maxLag, maxLag] maximising {@link #at}; 0 when no lag has enough pairs. */
    public static int bestLag(double[] a, double[] b, int maxLag) {
        int best = 0;
        double bestR = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double r = at(a, b, lag);
            if (r > bestR) {
                bestR = r;
                best = lag;
            }
        }
        return best;
    }
}
