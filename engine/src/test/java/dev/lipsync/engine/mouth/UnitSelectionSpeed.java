package dev.lipsync.engine.mouth;

import java.util.Random;

/**
 * Speed check (not a test, and not timed in the build): 10 minutes at 30 fps, 18000 output frames against a bank of
 * 18000 frames. Prints the time of the whole selection and, as a baseline measured in the same
 * run, the time of a full scan for the top K of every output frame (what the pruned search replaces).
 *
 * <pre>java -cp engine/target/classes:engine/target/test-classes dev.lipsync.engine.mouth.UnitSelectionSpeed</pre>
 */
public final class UnitSelectionSpeed {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 18000;
        UnitSelection.Bank bank = UnitSelectionTest.talkingBank(n, 1);
        UnitSelection.Targets targets = targets(n, 2);
        UnitSelection.Params p = UnitSelection.Params.DEFAULTS;

        // CPU time of this thread: the build machine is shared, wall time says more about the neighbours
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up
            long t0 = cpu.getCurrentThreadCpuTime();
            UnitSelection.Selection s = UnitSelection.select(bank, targets, p);
            long t1 = cpu.getCurrentThreadCpuTime();
            fullScan(bank, targets, p);
            long scan = (cpu.getCurrentThreadCpuTime() - t1) / 1_000_000;
            double meanError = 0;
            for (double e : s.openingError()) {
                meanError += Math.abs(e);
            }
            System.out.printf("round %d: %d targets x %d bank frames, K=%d: select %d ms CPU; "
                            + "full-scan top-K baseline %d ms CPU (ratio %.2f); mean |opening error| %.4f, runs %d%n",
                    round, n, n, p.candidates(), (t1 - t0) / 1_000_000, scan, (t1 - t0) / 1e6 / scan,
                    meanError / n, runs(s.frame()));
        }
    }

    /** Another take of the same person: a different random sequence of shapes and a different head sway. */
    static UnitSelection.Targets targets(int n, long seed) {
        UnitSelection.Bank other = UnitSelectionTest.talkingBank(n, seed);
        double[] yaw = new double[n];
        for (int i = 0; i < n; i++) {
            yaw[i] = 8 * Math.cos(i / 37.0);
        }
        return new UnitSelection.Targets(other.opening(), other.width(), yaw, other.pitch(), other.roll());
    }

    static void fullScan(UnitSelection.Bank bank, UnitSelection.Targets targets, UnitSelection.Params p) {
        Space space = new Space(bank, p);
        double[] target = new double[Space.DIMS];
        double[] best = new double[p.candidates()];
        double checksum = 0;
        for (int t = 0; t < targets.size(); t++) {
            space.target(targets, t, target);
            java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
            for (int i = 0; i < space.size(); i++) {
                if (!space.usable(i)) {
                    continue;
                }
                double d = space.distance(i, target);
                if (d < best[best.length - 1]) { // keep the K smallest, sorted (insertion)
                    int j = best.length - 1;
                    while (j > 0 && best[j - 1] > d) {
                        best[j] = best[j - 1];
                        j--;
                    }
                    best[j] = d;
                }
            }
            checksum += best[0];
        }
        if (checksum < 0) {
            System.out.println(checksum);
        }
    }

    static int runs(int[] frames) {
        int runs = 1;
        for (int t = 1; t < frames.length; t++) {
            if (frames[t] != frames[t - 1] + 1) {
                runs++;
            }
        }
        return runs;
    }
}
