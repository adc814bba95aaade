package dev.lipsync.engine.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DelaunayTest {

    @Test
    void squareWithCentreGivesFourTriangles() {
        float[] xy = {0, 0, 10, 0, 10, 10, 0, 10, 5, 5};
        int[] t = Delaunay.triangulate(xy);
        assertEquals(12, t.length);
        for (int i = 0; i < t.length; i += 3) {
            assertTrue(t[i] == 4 || t[i + 1] == 4 || t[i + 2] == 4, "every triangle uses the centre");
        }
        assertEquals(100.0, totalArea(xy, t), 1e-9);
    }

    /** Points inside a ring on an ellipse (as the warp mesh has): triangles tile the ring's polygon and are Delaunay. */
    @Test
    void meshLikePointSetIsTiledAndHasEmptyCircumcircles() {
        Random r = new Random(7);
        int ring = 20, inner = 50;
        float[] xy = new float[2 * (ring + inner)];
        double ringArea = 0;
        for (int i = 0; i < ring; i++) {
            double a = 2 * Math.PI * (i + 0.5) / ring;
            xy[2 * i] = (float) (100 + 90 * Math.cos(a));
            xy[2 * i + 1] = (float) (80 + 60 * Math.sin(a));
        }
        for (int i = 0; i < ring; i++) {
            int j = (i + 1) % ring;
            ringArea += 0.5 * (xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1]);
        }
        for (int i = ring; i < ring + inner; i++) {
            double a = r.nextDouble() * 2 * Math.PI, s = Math.sqrt(r.nextDouble()) * 0.85;
            xy[2 * i] = (float) (100 + 90 * s * Math.cos(a));
            xy[2 * i + 1] = (float) (80 + 60 * s * Math.sin(a));
        }
        int[] t = Delaunay.triangulate(xy);
        assertEquals(Math.abs(ringArea), totalArea(xy, t), 1e-6 * Math.abs(ringArea));
        // Euler: a triangulation of n points with h on the hull has 2n − h − 2 triangles.
        assertEquals(2 * (ring + inner) - ring - 2, t.length / 3);
        for (int i = 0; i < t.length; i += 3) {
            for (int p = 0; p < xy.length / 2; p++) {
                if (p != t[i] && p != t[i + 1] && p != t[i + 2]) {
                    assertFalse(inCircumcircle(xy, t[i], t[i + 1], t[i + 2], p, 1e-6), "point " + p + " inside a circumcircle");
                }
            }
        }
    }

    @Test
    void sameInputGivesSameTriangles() {
        float[] xy = {0, 0, 10, 1, 9, 12, -1, 9, 4, 4, 6, 7, 2, 8};
        assertEquals(java.util.Arrays.toString(Delaunay.triangulate(xy)), java.util.Arrays.toString(Delaunay.triangulate(xy.clone())));
    }

    static double totalArea(float[] xy, int[] t) {
        double sum = 0;
        for (int i = 0; i < t.length; i += 3) {
            double ax = xy[2 * t[i]], ay = xy[2 * t[i] + 1], bx = xy[2 * t[i + 1]], by = xy[2 * t[i + 1] + 1];
            double cx = xy[2 * t[i + 2]], cy = xy[2 * t[i + 2] + 1];
            sum += Math.abs((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) / 2;
        }
        return sum;
    }

    private static boolean inCircumcircle(float[] xy, int a, int b, int c, int p, double tol) {
        double ax = xy[2 * a] - xy[2 * p], ay = xy[2 * a + 1] - xy[2 * p + 1];
        double bx = xy[2 * b] - xy[2 * p], by = xy[2 * b + 1] - xy[2 * p + 1];
        double cx = xy[2 * c] - xy[2 * p], cy = xy[2 * c + 1] - xy[2 * p + 1];
        double det = (ax * ax + ay * ay) * (bx * cy - cx * by) - (bx * bx + by * by) * (ax * cy - cx * ay)
                + (cx * cx + cy * cy) * (ax * by - bx * ay);
        double orient = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        double scale = 1e4 * 1e4;
        return Math.signum(orient) * det > tol * scale;
    }
}
