package dev.lipsync.engine.mouth;

/**
 * Bank frames and targets as points in one scaled space (opening, width, yaw, pitch, roll),
 * where a squared distance of 1 is one unit of cost; see {@link UnitSelection.Params}.
 */
final class Space {
    static final int DIMS = 5;

    private final double[] scale = new double[DIMS];
    /** Row-major [frame][dim]; NaN rows for unavailable frames. */
    private final double[] points;
    private final boolean[] usable;
    private final int available;

    Space(UnitSelection.Bank bank, UnitSelection.Params p) {
        double poseFactor = Math.sqrt(p.poseWeight());
        scale[0] = 1 / p.openingScale();
        scale[1] = 1 / p.widthScale();
        scale[2] = poseFactor / p.poseScale();
        scale[3] = poseFactor / p.poseScale();
        scale[4] = poseFactor / p.rollScale();
        int n = bank.size();
        points = new double[n * DIMS];
        usable = new boolean[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            usable[i] = bank.available(i);
            count += usable[i] ? 1 : 0;
            double[] raw = {bank.opening()[i], bank.width()[i], bank.yaw()[i], bank.pitch()[i], bank.roll()[i]};
            for (int d = 0; d < DIMS; d++) {
                points[i * DIMS + d] = usable[i] ? raw[d] * scale[d] : Double.NaN;
            }
        }
        available = count;
    }

    int size() {
        return usable.length;
    }

    int available() {
        return available;
    }

    boolean usable(int i) {
        return usable[i];
    }

    /** Coordinate d of bank frame i. */
    double coordinate(int i, int d) {
        return points[i * DIMS + d];
    }

    /**
     * Writes target t's scaled coordinates into out (NaN where the target has no value).
     *
     * @return false where the target has no opening (no target at all)
     */
    boolean target(UnitSelection.Targets targets, int t, double[] out) {
        double[] raw = {targets.opening()[t], targets.width()[t], targets.yaw()[t], targets.pitch()[t],
            targets.roll()[t]};
        for (int d = 0; d < DIMS; d++) {
            out[d] = raw[d] * scale[d];
        }
        return Double.isFinite(out[0]);
    }

    /** Squared distance from bank frame i to the target, over the target's known coordinates. */
    double distance(int i, double[] target) {
        double sum = 0;
        int base = i * DIMS;
        for (int d = 0; d < DIMS; d++) {
            double diff = points[base + d] - target[d];
            if (diff == diff) { // NaN target coordinates are skipped; bank rows here are never NaN
                sum += diff * diff;
            }
        }
        return sum;
    }
}
