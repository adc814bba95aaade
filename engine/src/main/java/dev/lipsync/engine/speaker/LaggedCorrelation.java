package dev.lipsync.engine.speaker;

/**
 * Pearson correlation between an audio series a(u) and a video series b(u + lag), over pairs
 * where both are finite and both indices lie in one shot [from, to).
 */
final class LaggedCorrelation {
    /** Keeps a flat series (a mouth that never moves, digital silence) at correlation 0, not NaN. */
    private static final double VARIANCE_FLOOR = 1e-12;

    private LaggedCorrelation() {
    }

    /** Correlation over the whole range; NaN with fewer than {@code minPairs} pairs. */
    static double overRange(double[] a, double[] b, int lag, int from, int to, int minPairs) {
        double n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (int u = Math.max(from, from - lag); u < Math.min(to, to - lag); u++) {
            double x = a[u], y = b[u + lag];
            if (Double.isFinite(x) && Double.isFinite(y)) {
                n++;
                sa += x;
                sb += y;
                saa += x * x;
                sbb += y * y;
                sab += x * y;
            }
        }
        return n < minPairs ? Double.NaN : correlation(n, sa, sb, saa, sbb, sab);
    }

    /**
     * For each frame t in [from, to), the correlation over u in [t - half, t + half] ∩ [from, to);
     * NaN where fewer than {@code minPairs} pairs. Prefix sums keep it linear in the shot length.
     *
     * @return array of length to - from (index 0 = frame from)
     */
    static double[] windowed(double[] a, double[] b, int lag, int from, int to, int half, int minPairs) {
        int len = to - from;
        double[][] prefix = new double[6][len + 1];
        for (int i = 0; i < len; i++) {
            int u = from + i;
            double x = a[u];
            double y = (u + lag >= from && u + lag < to) ? b[u + lag] : Double.NaN;
            boolean ok = Double.isFinite(x) && Double.isFinite(y);
            prefix[0][i + 1] = prefix[0][i] + (ok ? 1 : 0);
            prefix[1][i + 1] = prefix[1][i] + (ok ? x : 0);
            prefix[2][i + 1] = prefix[2][i] + (ok ? y : 0);
            prefix[3][i + 1] = prefix[3][i] + (ok ? x * x : 0);
            prefix[4][i + 1] = prefix[4][i] + (ok ? y * y : 0);
            prefix[5][i + 1] = prefix[5][i] + (ok ? x * y : 0);
        }
        double[] out = new double[len];
        for (int i = 0; i < len; i++) {
            int lo = Math.max(0, i - half), hi = Math.min(len, i + half + 1);
            double n = prefix[0][hi] - prefix[0][lo];
            out[i] = n < minPairs ? Double.NaN : correlation(n,
                    prefix[1][hi] - prefix[1][lo], prefix[2][hi] - prefix[2][lo],
                    prefix[3][hi] - prefix[3][lo], prefix[4][hi] - prefix[4][lo],
                    prefix[5][hi] - prefix[5][lo]);
        }
        return out;
    }

    private static double correlation(double n, double sa, double sb, double saa, double sbb, double sab) {
        double va = Math.max(0, saa / n - (sa / n) * (sa / n));
        double vb = Math.max(0, sbb / n - (sb / n) * (sb / n));
        double cov = sab / n - (sa / n) * (sb / n);
        return cov / Math.sqrt((va + VARIANCE_FLOOR) * (vb + VARIANCE_FLOOR));
    }
}
