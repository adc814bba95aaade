package dev.lipsync.engine.rewrite;

import dev.lipsync.engine.face.IdentityPatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which face tracks show the same person: the unit of the mouth bank, since a mouth is only
 * ever taken from the same person. A track is lost at every shot cut and wherever the tracker
 * loses a face, so one person is usually several tracks; but a video that cuts from one person
 * to another (an interview, a dialogue's shot and reverse shot) shows different people who are
 * never in the same frame either, and a mouth taken across them is a stranger's mouth on the
 * face. So two tracks are one person only if they are never in one frame and their mean
 * {@link IdentityPatch}es (eyes and nose) correlate by at least {@link #SAME_SHADING} and the
 * patches' edges by at least {@link #SAME_EDGES}; groups join only where every pair across them
 * does (a chain of look-alikes stays apart). A track with too few patches stays a person of its
 * own. So does a framing: tracks whose faces differ in size by more than {@link #MAX_SIZE_RATIO}
 * (a wide shot and a close-up of one person) keep separate banks, so that a close-up never
 * gets a small mouth enlarged, and blurred, from the wide shot.
 *
 * <p>The thresholds: over the 40 clips of {@code media/video} and {@code media/av} (29
 * speakers), the patches of different speakers correlated up to 0.93 (GRID's speakers, filmed
 * alike in one studio) but their edges at most 0.78 (median 0.45); the two halves of one clip
 * passed both thresholds in 35 of 40 clips (edges 0.83-0.99 there; the other five are three of
 * LRS2's 160 px crops and two VoxCeleb clips whose heads turn). Telling one person's tracks apart wrongly only
 * costs the bank the other track's mouths; joining two persons puts a stranger's mouth on a face.
 */
final class Persons {
    static final double SAME_SHADING = 0.90;
    static final double SAME_EDGES = 0.82;
    /** Tracks whose faces' median sizes differ by more than this stay apart. */
    static final double MAX_SIZE_RATIO = 1.5;
    /** Patches a track needs before it is compared (a blink or a turn skews fewer). */
    static final int MIN_PATCHES = 3;

    private Persons() {
    }

    /** For each row of {@code trackIds}, its person: 0, 1, … in order of the rows. */
    static int[] of(FaceLog log, int[] trackIds) {
        int n = trackIds.length;
        float[][] mean = new float[n][];
        for (int k = 0; k < n; k++) {
            IdentityPatch.Mean m = log.identity(trackIds[k]);
            mean[k] = m == null || m.count() < MIN_PATCHES ? null : m.mean();
        }
        boolean[][] apart = log.together(trackIds);
        double[] size = medians(log.faceSizes(trackIds));
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                apart[a][b] |= Math.max(size[a], size[b]) > MAX_SIZE_RATIO * Math.min(size[a], size[b]);
            }
        }
        return group(similarities(mean, apart));
    }

    /** Per row, the median of its values that are not NaN (NaN where none is). */
    static double[] medians(double[][] rows) {
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            double[] v = Arrays.stream(rows[k]).filter(x -> !Double.isNaN(x)).sorted().toArray();
            out[k] = v.length == 0 ? Double.NaN : v[v.length / 2];
        }
        return out;
    }

    /**
     * [a][b] how alike two tracks look: their edges' correlation where their patches' passes
     * {@link #SAME_SHADING}; -1 where they must stay apart or either has no mean patch.
     *
     * @param mean  per track its mean patch, null where it cannot be compared
     * @param apart [a][b] the tracks must stay apart (they share a frame, or their sizes differ)
     */
    static double[][] similarities(float[][] mean, boolean[][] apart) {
        int n = mean.length;
        float[][] edges = new float[n][];
        for (int k = 0; k < n; k++) {
            edges[k] = mean[k] == null ? null : IdentityPatch.edges(mean[k]);
        }
        double[][] similar = new double[n][n];
        for (int a = 0; a < n; a++) {
            similar[a][a] = -1;
            for (int b = a + 1; b < n; b++) { // both correlations are symmetric: each pair once
                boolean comparable = mean[a] != null && mean[b] != null && !apart[a][b] && !apart[b][a]
                        && IdentityPatch.similarity(mean[a], mean[b]) >= SAME_SHADING;
                similar[a][b] = similar[b][a] = comparable ? IdentityPatch.similarity(edges[a], edges[b]) : -1;
            }
        }
        return similar;
    }

    /**
     * Complete-linkage grouping: the most alike pair of groups first, joined while every pair
     * of tracks across them is at least {@link #SAME_EDGES} alike.
     */
    static int[] group(double[][] similar) {
        int n = similar.length;
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                if (similar[a][b] >= SAME_EDGES) {
                    pairs.add(new int[] {a, b});
                }
            }
        }
        pairs.sort(Comparator.comparingDouble((int[] p) -> -similar[p[0]][p[1]]));
        int[] group = new int[n];
        List<List<Integer>> members = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            group[k] = k;
            members.add(new ArrayList<>(List.of(k)));
        }
        // groups only grow, and a grown group can only be less alike to another: once two
        // groups are found apart they stay apart, and are not compared again
        boolean[][] apart = new boolean[n][n];
        for (int[] p : pairs) {
            int ga = group[p[0]], gb = group[p[1]];
            if (ga == gb || apart[ga][gb]) {
                continue;
            }
            if (!allAlike(members.get(ga), members.get(gb), similar)) {
                apart[ga][gb] = apart[gb][ga] = true;
                continue;
            }
            for (int k : members.get(gb)) {
                group[k] = ga;
            }
            members.get(ga).addAll(members.get(gb));
            members.get(gb).clear();
            for (int g = 0; g < n; g++) {
                apart[ga][g] = apart[g][ga] = apart[ga][g] || apart[gb][g];
            }
        }
        return renumbered(group);
    }

    private static boolean allAlike(List<Integer> a, List<Integer> b, double[][] similar) {
        for (int x : a) {
            for (int y : b) {
                if (similar[x][y] < SAME_EDGES) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int[] renumbered(int[] group) {
        int[] number = new int[group.length];
        Arrays.fill(number, -1);
        int next = 0;
        int[] out = new int[group.length];
        for (int k = 0; k < group.length; k++) {
            if (number[group[k]] < 0) {
                number[group[k]] = next++;
            }
            out[k] = number[group[k]];
        }
        return out;
    }
}
