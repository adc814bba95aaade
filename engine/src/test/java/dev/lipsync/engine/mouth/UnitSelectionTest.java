package dev.lipsync.engine.mouth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnitSelectionTest {

    /** A talking person: opening and width drift smoothly, the head sways a few degrees. */
    static UnitSelection.Bank talkingBank(int n, long seed) {
        Random r = new Random(seed);
        double[] o = new double[n], w = new double[n], yaw = new double[n], pitch = new double[n], roll = new double[n];
        double phase = 0;
        for (int i = 0; i < n; i++) {
            phase += 0.5 + 0.3 * r.nextDouble();
            o[i] = 0.15 + 0.12 * Math.sin(phase) + 0.01 * r.nextGaussian();
            w[i] = 0.85 - 0.3 * (o[i] - 0.15) + 0.01 * r.nextGaussian();
            yaw[i] = 8 * Math.sin(i / 50.0);
            pitch[i] = 4 * Math.sin(i / 70.0);
            roll[i] = 3 * Math.sin(i / 90.0);
        }
        return new UnitSelection.Bank(o, w, yaw, pitch, roll, null);
    }

    /** The bank's own frames as targets, in the given order. */
    static UnitSelection.Targets framesOf(UnitSelection.Bank b, int... frames) {
        return new UnitSelection.Targets(pick(b.opening(), frames), pick(b.width(), frames), pick(b.yaw(), frames),
                pick(b.pitch(), frames), pick(b.roll(), frames));
    }

    static double[] pick(double[] a, int[] frames) {
        return Arrays.stream(frames).mapToDouble(i -> a[i]).toArray();
    }

    static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    @Test
    void targetsInTheBanksOwnOrderGetTheBanksOwnRun() {
        UnitSelection.Bank bank = talkingBank(600, 1);
        UnitSelection.Selection s = UnitSelection.select(bank, framesOf(bank, range(200, 320)));
        assertArrayEquals(range(200, 320), s.frame());
        for (double e : s.openingError()) {
            assertEquals(0, e, 1e-12);
        }
    }

    @Test
    void picksTheExactMatchWhenThereIsOne() {
        UnitSelection.Bank bank = talkingBank(600, 2);
        for (int frame : new int[] {437, 12, 250, 0, 599}) {
            assertArrayEquals(new int[] {frame}, UnitSelection.select(bank, framesOf(bank, frame)).frame());
        }
        // two runs from different places: one jump, each run exact
        int[] twoRuns = IntStream.concat(IntStream.range(400, 420), IntStream.range(100, 120)).toArray();
        assertArrayEquals(twoRuns, UnitSelection.select(bank, framesOf(bank, twoRuns)).frame());
    }

    @Test
    void poseWeighsAsMuchAsShape() {
        // frame 0: the target's shape exactly, head turned 25°; frame 1: opening 0.02 off, frontal
        UnitSelection.Bank bank = new UnitSelection.Bank(new double[] {0.20, 0.22}, new double[] {0.8, 0.8},
                new double[] {25, 0}, new double[] {0, 0}, new double[] {0, 0}, null);
        UnitSelection.Targets frontal = new UnitSelection.Targets(new double[] {0.20}, new double[] {0.8},
                new double[] {0}, new double[] {0}, new double[] {0});
        UnitSelection.Targets turned = new UnitSelection.Targets(new double[] {0.20}, new double[] {0.8},
                new double[] {25}, new double[] {0}, new double[] {0});
        UnitSelection.Selection s = UnitSelection.select(bank, frontal);
        assertEquals(1, s.frame()[0]);
        assertEquals(-0.02, s.openingError()[0], 1e-12);
        assertEquals(0, UnitSelection.select(bank, turned).frame()[0]);
    }

    @Test
    void neverPicksMissingFramesAndResumesTheRunAfterThem() {
        UnitSelection.Bank full = talkingBank(600, 3);
        double[] o = full.opening().clone();
        for (int i = 150; i < 160; i++) {
            o[i] = Double.NaN; // no face in these frames
        }
        UnitSelection.Bank bank = new UnitSelection.Bank(o, full.width(), full.yaw(), full.pitch(), full.roll(), null);
        // targets: the full bank's frames 120..190, including the shapes of the missing frames
        int[] chosen = UnitSelection.select(bank, framesOf(full, range(120, 190))).frame();
        for (int t = 0; t < chosen.length; t++) {
            int want = 120 + t;
            assertTrue(chosen[t] < 150 || chosen[t] >= 160, "picked missing frame " + chosen[t]);
            if (want < 148 || want >= 162) {
                assertEquals(want, chosen[t], "frame " + t);
            }
        }
    }

    @Test
    void framesWithoutTargetGetMinusOneAndSplitThePath() {
        UnitSelection.Bank bank = talkingBank(300, 4);
        UnitSelection.Targets base = framesOf(bank, range(50, 60));
        double[] o = base.opening().clone();
        o[4] = Double.NaN;
        UnitSelection.Targets targets = new UnitSelection.Targets(o, base.width(), base.yaw(), base.pitch(),
                base.roll());
        UnitSelection.Selection s = UnitSelection.select(bank, targets);
        assertArrayEquals(new int[] {50, 51, 52, 53, -1, 55, 56, 57, 58, 59}, s.frame());
        assertTrue(Double.isNaN(s.openingError()[4]));
    }

    @Test
    void anEmptyBankSelectsNothing() {
        double[] nan = {Double.NaN, Double.NaN};
        UnitSelection.Bank bank = new UnitSelection.Bank(nan, nan, nan, nan, nan, null);
        UnitSelection.Selection s = UnitSelection.select(bank, framesOf(talkingBank(5, 5), 0, 1, 2));
        assertArrayEquals(new int[] {-1, -1, -1}, s.frame());
    }

    @Test
    void holdsOneClosedFrameRatherThanHoppingBetweenOpenOnes() {
        // one closed frame among open ones; the target stays closed for 20 frames
        double[] o = new double[50];
        Arrays.fill(o, 0.25);
        o[30] = 0.0;
        double[] w = new double[50], zero = new double[50];
        Arrays.fill(w, 0.8);
        UnitSelection.Bank bank = new UnitSelection.Bank(o, w, zero, zero, zero, null);
        double[] target = new double[20];
        double[] tw = new double[20];
        double[] tz = new double[20];
        Arrays.fill(tw, 0.8);
        int[] chosen = UnitSelection.select(bank, new UnitSelection.Targets(target, tw, tz, tz, tz)).frame();
        int[] all30 = new int[20];
        Arrays.fill(all30, 30);
        assertArrayEquals(all30, chosen);
    }

    @Test
    void movesOnRatherThanHoldingWhereTheNextFrameMissesTheTargetByLittle() {
        // the mouth opens 0.02 a frame; the target asks for frame 10's opening twice. Frame 11
        // misses it by 0.02 (cost (0.02 / 0.03)^2 = 0.44), less than showing frame 10 again costs
        double[] o = new double[30], w = new double[30], zero = new double[30];
        for (int i = 0; i < o.length; i++) {
            o[i] = 0.02 * i;
            w[i] = 0.8;
        }
        UnitSelection.Bank bank = new UnitSelection.Bank(o, w, zero, zero, zero, null);
        double[] target = {o[10], o[10]}, tw = {0.8, 0.8}, tz = {0, 0};
        int[] chosen = UnitSelection.select(bank, new UnitSelection.Targets(target, tw, tz, tz, tz)).frame();
        assertEquals(1, chosen[1] - chosen[0], Arrays.toString(chosen));
        assertTrue(UnitSelection.Params.DEFAULTS.repeatCost() > UnitSelection.Params.DEFAULTS.skipCost());
    }

    @Test
    void reportsTheShapeItCouldNotReach() {
        UnitSelection.Bank bank = talkingBank(300, 6);
        double max = Arrays.stream(bank.opening()).max().orElseThrow();
        UnitSelection.Targets wide = new UnitSelection.Targets(new double[] {max + 0.2}, new double[] {Double.NaN},
                new double[] {Double.NaN}, new double[] {Double.NaN}, new double[] {Double.NaN});
        UnitSelection.Selection s = UnitSelection.select(bank, wide);
        assertEquals(0.2, s.openingError()[0], 1e-12);
        assertTrue(Double.isNaN(s.widthError()[0]));
    }

    @Test
    void aCutInTheBankMakesTheNextFrameAJump() {
        UnitSelection.Bank bank = talkingBank(100, 7);
        boolean[] continues = new boolean[100];
        Arrays.fill(continues, true);
        continues[50] = false;
        UnitSelection.Bank cut = new UnitSelection.Bank(bank.opening(), bank.width(), bank.yaw(), bank.pitch(),
                bank.roll(), continues);
        assertTrue(bank.follows(50));
        assertTrue(!cut.follows(50) && cut.follows(51));
    }

    @Test
    void nearestSearchMatchesAFullScan() {
        Random r = new Random(8);
        int n = 2000;
        double[][] a = new double[5][n];
        for (int i = 0; i < n; i++) {
            a[0][i] = r.nextDouble() * 0.4;
            a[1][i] = 0.7 + r.nextDouble() * 0.3;
            a[2][i] = r.nextGaussian() * 10;
            a[3][i] = r.nextGaussian() * 5;
            a[4][i] = i % 7 == 0 ? Double.NaN : r.nextGaussian() * 5;
        }
        UnitSelection.Bank bank = new UnitSelection.Bank(a[0], a[1], a[2], a[3], a[4], null);
        Space space = new Space(bank, UnitSelection.Params.DEFAULTS);
        NearestSearch search = new NearestSearch(space, 25);
        for (int q = 0; q < 50; q++) {
            double[] target = {r.nextDouble() * 0.4 / 0.03, (0.7 + r.nextDouble() * 0.3) / 0.05, r.nextGaussian() * 2,
                q % 5 == 0 ? Double.NaN : r.nextGaussian(), r.nextGaussian() / 4};
            double[] found = Arrays.stream(search.find(target)).mapToDouble(i -> space.distance(i, target)).sorted()
                    .toArray();
            double[] all = IntStream.range(0, n).filter(space::usable).mapToDouble(i -> space.distance(i, target))
                    .sorted().limit(25).toArray();
            assertArrayEquals(all, found, 1e-12);
        }
    }

    @Test
    void theOpeningScaleTightensForAPersonWhoseMouthMovesLittle() {
        UnitSelection.Params d = UnitSelection.Params.DEFAULTS;
        UnitSelection.Params small = UnitSelection.Params.forOpeningSpread(0.02);
        assertEquals(0.009, small.openingScale(), 1e-12);
        assertEquals(new UnitSelection.Params(d.candidates(), small.openingScale(), d.widthScale(), d.poseScale(), d.rollScale(),
                d.poseWeight(), d.jumpCost(), d.repeatCost(), d.skipCost()), small);
        // a typical spread (0.03 / 0.45 = 0.067) or more, or none measured: the defaults
        assertEquals(d, UnitSelection.Params.forOpeningSpread(0.07));
        assertEquals(d, UnitSelection.Params.forOpeningSpread(0.2));
        assertEquals(d, UnitSelection.Params.forOpeningSpread(0));
        assertEquals(d, UnitSelection.Params.forOpeningSpread(Double.NaN));
    }

    @Test
    void aMouthThatMovesLittleStillFollowsTheTarget() {
        // openings about 0.03 ± 0.014 eye distances, measured with landmark noise, the head turning
        // slowly: a small face in a video, driven by a dub whose mouth moves otherwise
        int n = 250;
        Random r = new Random(9);
        double[] o = new double[n], w = new double[n], yaw = new double[n], pitch = new double[n], roll = new double[n];
        double[] mouth = smooth(r, n), dub = smooth(r, n);
        double[] wanted = new double[n];
        for (int i = 0; i < n; i++) {
            o[i] = Math.max(0, 0.03 + 0.012 * mouth[i] + 0.006 * r.nextGaussian());
            w[i] = 0.85;
            yaw[i] = 10 * Math.sin(i / 100.0) + r.nextGaussian();
            pitch[i] = 3 * Math.sin(i / 70.0) + r.nextGaussian();
            roll[i] = 2 * Math.sin(i / 90.0);
            wanted[i] = Math.max(0.005, 0.03 + 0.014 * dub[i]);
        }
        UnitSelection.Bank bank = new UnitSelection.Bank(o, w, yaw, pitch, roll, null);
        UnitSelection.Targets targets = new UnitSelection.Targets(wanted, w.clone(), yaw.clone(), pitch.clone(),
                roll.clone());
        double spread = OpeningRange.of(o).spread();
        double followed = correlation(wanted, shown(bank, UnitSelection.select(bank, targets,
                UnitSelection.Params.forOpeningSpread(spread))));
        double before = correlation(wanted, shown(bank, UnitSelection.select(bank, targets)));
        assertTrue(followed > 0.9, "openings shown follow the target: r " + followed);
        // with a typical person's scale this person's whole range costs less than one jump
        assertTrue(before < 0.75 && followed - before > 0.25, "the defaults follow less: r " + before);
    }

    /** A smooth random signal of unit spread: AR(1) over frames, like a mouth's movement. */
    private static double[] smooth(Random r, int n) {
        double[] x = new double[n];
        double v = 0;
        for (int i = 0; i < n; i++) {
            v = 0.8 * v + 0.6 * r.nextGaussian();
            x[i] = v;
        }
        return x;
    }

    private static double[] shown(UnitSelection.Bank bank, UnitSelection.Selection s) {
        return Arrays.stream(s.frame()).mapToDouble(j -> bank.opening()[j]).toArray();
    }

    private static double correlation(double[] a, double[] b) {
        return LagCorrelation.at(a, b, 0);
    }
}
