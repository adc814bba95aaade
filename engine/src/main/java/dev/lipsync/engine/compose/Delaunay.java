package dev.lipsync.engine.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * Delaunay triangulation (Bowyer–Watson) of a few dozen points. Our own rather than OpenCV's
 * Subdiv2D because we need vertex indices, not coordinates, to pair source and destination
 * triangles; the insertion order is fixed, so the result is deterministic.
 */
final class Delaunay {
    private Delaunay() {}

    /**
     * @param xy interleaved points; distinct points expected (callers nudge duplicates apart)
     * @return vertex index triples, each triangle counter-clockwise in a y-up sense
     *     (clockwise on screen), covering the convex hull
     */
    static int[] triangulate(float[] xy) {
        int n = xy.length / 2;
        double[] px = new double[n + 3], py = new double[n + 3];
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            px[i] = xy[2 * i];
            py[i] = xy[2 * i + 1];
            minX = Math.min(minX, px[i]);
            maxX = Math.max(maxX, px[i]);
            minY = Math.min(minY, py[i]);
            maxY = Math.max(maxY, py[i]);
        }
        double span = Math.max(Math.max(maxX - minX, maxY - minY), 1.0) * 50;
        double cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
        px[n] = cx - span;
        py[n] = cy - span;
        px[n + 1] = cx + span;
        py[n + 1] = cy - span;
        px[n + 2] = cx;
        py[n + 2] = cy + span;

        List<Tri> tris = new ArrayList<>();
        tris.add(Tri.of(n, n + 1, n + 2, px, py));
        List<int[]> edges = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            edges.clear();
            for (int t = tris.size() - 1; t >= 0; t--) {
                Tri tri = tris.get(t);
                if (tri.circumcircleContains(px[p], py[p])) {
                    addOrCancel(edges, tri.a, tri.b);
                    addOrCancel(edges, tri.b, tri.c);
                    addOrCancel(edges, tri.c, tri.a);
                    tris.remove(t);
                }
            }
            for (int[] e : edges) {
                tris.add(Tri.of(e[0], e[1], p, px, py));
            }
        }
        List<int[]> kept = new ArrayList<>();
        for (Tri t : tris) {
            if (t.a < n && t.b < n && t.c < n) {
                kept.add(new int[] {t.a, t.b, t.c});
            }
        }
        int[] out = new int[kept.size() * 3];
        for (int i = 0; i < kept.size(); i++) {
            System.arraycopy(kept.get(i), 0, out, 3 * i, 3);
        }
        return out;
    }

    /** An edge shared by two removed triangles is interior to the cavity: drop it. */
    private static void addOrCancel(List<int[]> edges, int a, int b) {
        for (int i = 0; i < edges.size(); i++) {
            int[] e = edges.get(i);
            if (e[0] == b && e[1] == a || e[0] == a && e[1] == b) {
                edges.remove(i);
                return;
            }
        }
        edges.add(new int[] {a, b});
    }

    private record Tri(int a, int b, int c, double ccx, double ccy, double r2) {
        static Tri of(int a, int b, int c, double[] px, double[] py) {
            double ax = px[a], ay = py[a], bx = px[b], by = py[b], cx = px[c], cy = py[c];
            double orient = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
            if (orient < 0) { // keep a consistent winding
                int t = b;
                b = c;
                c = t;
                double tx = bx, ty = by;
                bx = cx;
                by = cy;
                cx = tx;
                cy = ty;
            }
            double d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
            if (Math.abs(d) < 1e-12) { // collinear: a circle that contains everything, replaced soon
                return new Tri(a, b, c, ax, ay, Double.MAX_VALUE);
            }
            double a2 = ax * ax + ay * ay, b2 = bx * bx + by * by, c2 = cx * cx + cy * cy;
            double ux = (a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d;
            double uy = (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d;
            double r2 = (ax - ux) * (ax - ux) + (ay - uy) * (ay - uy);
            return new Tri(a, b, c, ux, uy, r2);
        }

        boolean circumcircleContains(double x, double y) {
            double dx = x - ccx, dy = y - ccy;
            return dx * dx + dy * dy < r2 * (1 - 1e-12);
        }
    }
}
