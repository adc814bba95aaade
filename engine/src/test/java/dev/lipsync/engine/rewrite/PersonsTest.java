package dev.lipsync.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lipsync.engine.face.IdentityPatch;
import org.junit.jupiter.api.Test;

class PersonsTest {
    /** A made-up patch: a few smooth blobs whose places depend on {@code seed}. */
    static float[] look(int seed) {
        float[] p = new float[IdentityPatch.WIDTH * IdentityPatch.HEIGHT];
        java.util.Random random = new java.util.Random(seed);
        for (int blob = 0; blob < 6; blob++) {
            double bx = random.nextDouble() * IdentityPatch.WIDTH, by = random.nextDouble() * IdentityPatch.HEIGHT;
            double r = 2 + 3 * random.nextDouble(), depth = 60 * (random.nextDouble() - 0.5);
            for (int y = 0; y < IdentityPatch.HEIGHT; y++) {
                for (int x = 0; x < IdentityPatch.WIDTH; x++) {
                    p[y * IdentityPatch.WIDTH + x] += (float) (depth * Math.exp(-((x - bx) * (x - bx) + (y - by) * (y - by)) / (r * r)));
                }
            }
        }
        return p;
    }

    static boolean[][] apart(int n) {
        boolean[][] t = new boolean[n][n];
        for (int k = 0; k < n; k++) {
            t[k][k] = true;
        }
        return t;
    }

    @Test
    void alikeTracksNeverTogetherAreComparedByTheirEdges() {
        float[] a = look(1);
        float[] brighter = a.clone();
        for (int i = 0; i < brighter.length; i++) {
            brighter[i] = 1.5f * brighter[i] + 20; // another shot's exposure
        }
        boolean[][] together = apart(4);
        together[0][3] = together[3][0] = true;
        double[][] s = Persons.similarities(new float[][] {a, brighter, look(2), a, null}, pad(together, 5));
        assertEquals(1, s[0][1], 1e-6, "the same look under other exposure");
        assertEquals(-1, s[0][2], "another look: its shading is too unlike to compare edges");
        assertEquals(-1, s[0][3], "in one frame: never the same person");
        assertEquals(-1, s[0][4], "no patches");
        assertEquals(-1, s[0][0]);
    }

    private static boolean[][] pad(boolean[][] t, int n) {
        boolean[][] out = apart(n);
        for (int a = 0; a < t.length; a++) {
            System.arraycopy(t[a], 0, out[a], 0, t.length);
        }
        return out;
    }

    @Test
    void tracksJoinOnlyWhereEveryPairAcrossTheirGroupsIsAlike() {
        double[][] chain = {
            {-1, 0.95, 0.80},
            {0.95, -1, 0.90},
            {0.80, 0.90, -1}};
        assertArrayEquals(new int[] {0, 0, 1}, Persons.group(chain),
                "the closest pair joins; the third is alike to one of them only");
        double[][] all = {
            {-1, 0.95, 0.85},
            {0.95, -1, 0.90},
            {0.85, 0.90, -1}};
        assertArrayEquals(new int[] {0, 0, 0}, Persons.group(all));
        double[][] together = {
            {-1, -1, 0.9},
            {-1, -1, 0.9},
            {0.9, 0.9, -1}};
        assertArrayEquals(new int[] {0, 1, 0}, Persons.group(together),
                "two faces in one frame stay two persons, and the third joins one of them");
        assertArrayEquals(new int[0], Persons.group(new double[0][0]));
    }

    @Test
    void aWideShotAndACloseUpOfOnePersonKeepTheirOwnBanks() {
        assertEquals(1, personsOf(1.0, 1.3), "sizes within 1.5x: one person");
        assertEquals(2, personsOf(1.0, 2.0), "a close-up twice the wide shot's size: kept apart");
    }

    /** Persons in a log of two alike tracks one after the other, faces of these scales. */
    private static int personsOf(double firstScale, double secondScale) {
        FaceLog log = new FaceLog();
        for (int t = 0; t < 20; t++) {
            log.add(t == 0 || t == 10, MouthPlanTest.face(t < 10 ? 0 : 1, 0.05, 0, t < 10 ? firstScale : secondScale));
        }
        for (int k = 0; k < Persons.MIN_PATCHES; k++) {
            log.addIdentity(0, look(1));
            log.addIdentity(1, look(1));
        }
        return java.util.Arrays.stream(Persons.of(log, log.trackIds())).max().getAsInt() + 1;
    }

    @Test
    void aLongVideosHundredsOfTracksGroupInOnePass() {
        // 400 tracks of two people taking turns, shot after shot: alike within each, apart across
        int n = 400;
        double[][] similar = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                similar[a][b] = a == b ? -1 : a % 2 == b % 2 ? 0.9 + 0.0001 * ((a * 7 + b * 7) % 13) : 0.5;
            }
        }
        int[] groups = Persons.group(similar);
        for (int k = 0; k < n; k++) {
            assertEquals(k % 2, groups[k], "track " + k);
        }
    }
}
