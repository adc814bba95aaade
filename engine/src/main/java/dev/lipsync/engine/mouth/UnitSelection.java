package dev.lipsync.engine.mouth;

import java.util.Arrays;

/**
 * Unit selection: for each output frame, one frame of the person's own video (the bank) whose
 * mouth has the target shape and whose head faces the same way as in the target frame, chosen
 * along a path that prefers runs of consecutive source frames (their motion is natural) and
 * penalises jumps.
 *
 * <p>Per output frame only the K bank frames nearest in shape and pose are considered (plus the
 * successors of the best previous candidates, so runs can continue), then a Viterbi pass picks
 * the cheapest path. Cost per frame = shape distance + pose distance (squared, in units of the
 * scales in {@link Params}) + transition: next source frame free, skipping one or holding one
 * cheap, anything else a jump.
 */
public final class UnitSelection {

    /**
     * The candidate frames: per source frame its mouth shape and head pose. A frame with any
     * NaN among them is unavailable (no face, or a frame the renderer cannot use).
     *
     * @param continuesPrevious per frame, whether it directly follows the frame before it in the
     *                          video (false at shot cuts and where the bank skips frames); its
     *                          first entry is ignored. Null: every frame continues the previous one.
     */
    public record Bank(double[] opening, double[] width, double[] yaw, double[] pitch, double[] roll,
                       boolean[] continuesPrevious) {
        public Bank {
            int n = opening.length;
            if (width.length != n || yaw.length != n || pitch.length != n || roll.length != n
                    || (continuesPrevious != null && continuesPrevious.length != n)) {
                throw new IllegalArgumentException("bank arrays must all have " + n + " entries");
            }
        }

        /** A bank from measured shapes and poses (null entries = unavailable), all frames consecutive. */
        public static Bank of(MouthShape[] shapes, HeadPose[] poses) {
            int n = shapes.length;
            if (poses.length != n) {
                throw new IllegalArgumentException("shapes and poses must have the same length");
            }
            double[][] a = new double[5][n];
            for (int i = 0; i < n; i++) {
                boolean ok = shapes[i] != null && poses[i] != null;
                a[0][i] = ok ? shapes[i].opening() : Double.NaN;
                a[1][i] = ok ? shapes[i].width() : Double.NaN;
                a[2][i] = ok ? poses[i].yaw() : Double.NaN;
                a[3][i] = ok ? poses[i].pitch() : Double.NaN;
                a[4][i] = ok ? poses[i].roll() : Double.NaN;
            }
            return new Bank(a[0], a[1], a[2], a[3], a[4], null);
        }

        int size() {
            return opening.length;
        }

        boolean available(int i) {
            return Double.isFinite(opening[i]) && Double.isFinite(width[i]) && Double.isFinite(yaw[i])
                    && Double.isFinite(pitch[i]) && Double.isFinite(roll[i]);
        }

        /** Whether frame i follows frame i - 1 directly, both usable. */
        boolean follows(int i) {
            return i > 0 && (continuesPrevious == null || continuesPrevious[i]) && available(i) && available(i - 1);
        }
    }

    /**
     * What each output frame should show: the target mouth shape and the pose of the head in the
     * output frame. NaN opening: no target (the frame is left alone, selection -1). NaN width or
     * pose: that term is ignored.
     */
    public record Targets(double[] opening, double[] width, double[] yaw, double[] pitch, double[] roll) {
        public Targets {
            int n = opening.length;
            if (width.length != n || yaw.length != n || pitch.length != n || roll.length != n) {
                throw new IllegalArgumentException("target arrays must all have " + n + " entries");
            }
        }

        int size() {
            return opening.length;
        }
    }

    /**
     * @param candidates  K, bank frames considered per output frame (by shape and pose)
     * @param openingScale an opening difference of this much (eye distances) costs 1
     * @param widthScale   a width difference of this much (eye distances) costs 1
     * @param poseScale    a yaw or pitch difference of this many degrees costs {@code poseWeight}
     * @param rollScale    a roll difference of this many degrees costs {@code poseWeight}; larger
     *                     than poseScale because the warp onto the target's landmarks undoes roll
     * @param poseWeight   weight of the pose terms against the shape terms
     * @param jumpCost     cost of continuing from any frame other than the ones below
     * @param repeatCost   cost of showing the same source frame again
     * @param skipCost     cost of skipping one source frame (playing a little faster)
     */
    public record Params(int candidates, double openingScale, double widthScale, double poseScale, double rollScale,
                         double poseWeight, double jumpCost, double repeatCost, double skipCost) {
        /**
         * Holding a frame costs a little more than skipping one: where the target lingers on a
         * shape, a path that held cheaply froze the mouth, on real renders for up to half a second
         * while the head moved on, and on the 35 fitting clips (reversed truth as the bank, the
         * audio model's targets) half of all frames repeated the one before. At 0.6 instead of 0.3:
         * held frames 49 % → 36 %, holds of three frames or more 2.9 → 2.2 a second, jumps 3.45
         * → 3.70 a second; the chosen openings follow the truth as before (r 0.581 → 0.583), and the
         * quality bench read the same (reconstruction 0.58, eight smaller faces 0.55 → 0.56).
         */
        public static final Params DEFAULTS = new Params(30, 0.03, 0.05, 5, 20, 1, 3, 0.6, 0.5);

        /**
         * The opening scale for a person, as a share of how much their mouth moves (the standard
         * deviation of their openings): the target is a z-score, so it asks for movements within
         * their own spread. {@link #DEFAULTS}' 0.03 eye distances is this share of a typical
         * spread (0.05-0.08); a person whose mouth moves less, say 0.02 (a small in-the-wild face,
         * someone who barely opens their mouth), would otherwise have their whole range cost less
         * than one jump, and the selection would follow continuity and pose instead of the sound.
         */
        static final double OPENING_SCALE_PER_SPREAD = 0.45;

        /**
         * {@link #DEFAULTS} with the opening scale tightened for a person whose openings have this
         * standard deviation (never loosened: below a typical spread only).
         */
        public static Params forOpeningSpread(double spread) {
            double scale = OPENING_SCALE_PER_SPREAD * spread;
            if (!(scale > 0) || scale >= DEFAULTS.openingScale()) {
                return DEFAULTS;
            }
            Params d = DEFAULTS;
            return new Params(d.candidates(), scale, d.widthScale(), d.poseScale(), d.rollScale(), d.poseWeight(),
                    d.jumpCost(), d.repeatCost(), d.skipCost());
        }

        public Params {
            if (candidates < 1 || !(openingScale > 0) || !(widthScale > 0) || !(poseScale > 0) || !(rollScale > 0)
                    || poseWeight < 0 || jumpCost < 0 || repeatCost < 0 || skipCost < 0) {
                throw new IllegalArgumentException("invalid unit selection parameters: " + this);
            }
        }
    }

    /**
     * @param frame        per output frame the chosen bank frame, or -1 (no target, or an empty bank)
     * @param openingError target opening minus the chosen frame's opening (eye distances); NaN where
     *                     frame is -1. Large values tell the renderer to warp rather than paste.
     * @param widthError   target width minus the chosen frame's width; NaN where either is missing
     */
    public record Selection(int[] frame, double[] openingError, double[] widthError) {
    }

    private UnitSelection() {
    }

    public static Selection select(Bank bank, Targets targets) {
        return select(bank, targets, Params.DEFAULTS);
    }

    public static Selection select(Bank bank, Targets targets, Params p) {
        Space space = new Space(bank, p);
        Trellis trellis = new Trellis(bank, space, p, targets.size());
        double[] target = new double[Space.DIMS];
        for (int t = 0; t < targets.size(); t++) {
            if (space.target(targets, t, target) && space.available() > 0) {
                trellis.step(t, target);
            } else {
                trellis.gap(t);
            }
        }
        trellis.gap(targets.size());
        return backtrack(bank, targets, trellis.cands, trellis.back, trellis.stretchEnd);
    }

    /**
     * The Viterbi pass, a frame at a time. A step is its own method, called once per frame: the
     * JIT then compiles it once, like any method called often, where a loop over all frames in one
     * method was compiled again in every job, in the middle of the loop ("on stack replacement"),
     * at up to half a second of compiler time each.
     */
    private static final class Trellis {
        private final Bank bank;
        private final Space space;
        private final Params p;
        private final NearestSearch nearest;
        /** Per frame: the candidates (bank indices), and for each the previous frame's candidate it came from. */
        final int[][] cands;
        final int[][] back;
        /** At the last frame of a stretch of targets: its cheapest candidate (else -1). */
        final int[] stretchEnd;
        private double[] accPrev = new double[0];
        private int[] candPrev = new int[0];
        /** Bank index -> position in the previous frame's candidates (valid where stamp == that frame). */
        private final int[] prevPos;
        private final int[] prevStamp;
        private final int[] seenStamp;
        private final int[] gathered;

        Trellis(Bank bank, Space space, Params p, int frames) {
            this.bank = bank;
            this.space = space;
            this.p = p;
            this.nearest = new NearestSearch(space, p.candidates());
            this.cands = new int[frames][];
            this.back = new int[frames][];
            this.stretchEnd = new int[frames];
            Arrays.fill(stretchEnd, -1);
            this.prevPos = new int[bank.size()];
            this.prevStamp = new int[bank.size()];
            Arrays.fill(prevStamp, -1);
            this.seenStamp = new int[bank.size()];
            Arrays.fill(seenStamp, -1);
            this.gathered = new int[2 * p.candidates() + 1];
        }

        /** Frame {@code t} has no target (or the video's end, {@code t} = frames): a stretch ends before it. */
        void gap(int t) {
            if (accPrev.length > 0) {
                stretchEnd[t - 1] = argMin(accPrev);
            }
            if (t < cands.length) {
                cands[t] = new int[0];
                back[t] = new int[0];
            }
            accPrev = new double[0];
            candPrev = new int[0];
        }

        void step(int t, double[] target) {
            // the K nearest, plus the successors of the best previous candidates so runs can go on
            int n = 0;
            for (int j : nearest.find(target)) {
                seenStamp[j] = t;
                gathered[n++] = j;
            }
            int[] bestPrev = cheapest(accPrev, p.candidates());
            for (int q : bestPrev) {
                int j = candPrev[q] + 1;
                if (j < bank.size() && bank.follows(j) && seenStamp[j] != t) {
                    seenStamp[j] = t;
                    gathered[n++] = j;
                }
            }
            int[] cand = Arrays.copyOf(gathered, n);

            double minPrev = Double.POSITIVE_INFINITY;
            int argMinPrev = -1;
            for (int q = 0; q < accPrev.length; q++) {
                if (accPrev[q] < minPrev) {
                    minPrev = accPrev[q];
                    argMinPrev = q;
                }
            }
            double[] acc = new double[n];
            int[] from = new int[n];
            for (int c = 0; c < n; c++) {
                int j = cand[c];
                double best = 0;
                int arg = -1;
                if (argMinPrev >= 0) {
                    best = minPrev + p.jumpCost();
                    arg = argMinPrev;
                    int q;
                    if (bank.follows(j) && (q = position(prevStamp, prevPos, t - 1, j - 1)) >= 0
                            && accPrev[q] < best) {
                        best = accPrev[q];
                        arg = q;
                    }
                    if ((q = position(prevStamp, prevPos, t - 1, j)) >= 0 && accPrev[q] + p.repeatCost() < best) {
                        best = accPrev[q] + p.repeatCost();
                        arg = q;
                    }
                    if (bank.follows(j) && bank.follows(j - 1) && (q = position(prevStamp, prevPos, t - 1, j - 2)) >= 0
                            && accPrev[q] + p.skipCost() < best) {
                        best = accPrev[q] + p.skipCost();
                        arg = q;
                    }
                }
                acc[c] = best + space.distance(j, target);
                from[c] = arg;
            }
            for (int c = 0; c < n; c++) {
                prevStamp[cand[c]] = t;
                prevPos[cand[c]] = c;
            }
            cands[t] = cand;
            back[t] = from;
            accPrev = acc;
            candPrev = cand;
        }
    }

    private static int position(int[] stamp, int[] pos, int frame, int bankIndex) {
        return bankIndex >= 0 && stamp[bankIndex] == frame ? pos[bankIndex] : -1;
    }

    /** Positions of the (at most) k smallest values. */
    private static int[] cheapest(double[] acc, int k) {
        if (acc.length <= k) {
            int[] all = new int[acc.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        double[] sorted = acc.clone();
        Arrays.sort(sorted);
        double limit = sorted[k - 1];
        int[] out = new int[k];
        int n = 0;
        for (int i = 0; i < acc.length && n < k; i++) {
            if (acc[i] <= limit) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static Selection backtrack(Bank bank, Targets targets, int[][] cands, int[][] back, int[] stretchEnd) {
        int frames = cands.length;
        int[] chosen = new int[frames];
        int q = -1;
        for (int t = frames - 1; t >= 0; t--) {
            if (cands[t].length == 0) {
                chosen[t] = -1;
                q = -1;
                continue;
            }
            if (q < 0) {
                q = stretchEnd[t];
            }
            chosen[t] = cands[t][q];
            q = back[t][q];
        }
        double[] openingError = new double[frames];
        double[] widthError = new double[frames];
        for (int i = 0; i < frames; i++) {
            int j = chosen[i];
            openingError[i] = j < 0 ? Double.NaN : targets.opening()[i] - bank.opening()[j];
            widthError[i] = j < 0 ? Double.NaN : targets.width()[i] - bank.width()[j];
        }
        return new Selection(chosen, openingError, widthError);
    }

    private static int argMin(double[] acc) {
        int best = 0;
        for (int q = 1; q < acc.length; q++) {
            if (acc[q] < acc[best]) {
                best = q;
            }
        }
        return best;
    }
}
