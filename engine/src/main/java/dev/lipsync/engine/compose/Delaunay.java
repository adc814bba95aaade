package dev.lipsync.engine.compose;

import java.util.Arrays;

/**
 * Delaunay triangulation (Bowyer–Watson) of a few dozen points. Our own rather than OpenCV's
 * Subdiv2D because we need vertex indices, not coordinates, to pair source and destination
 * triangles; the insertion order is fixed, so the result is deterministic.
 *
 * <p>Triangles and cavity edges live in flat arrays, kept in the order a list would keep them
 * (removal shifts the later ones down): the triangle order decides which of two triangles
 * writes a pixel on their shared edge, so it is part of the result. It runs twice per rendered
 * frame (the donor's read window, then the composite).
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

        Triangles tris = new Triangles(2 * n + 8);
        tris.add(n, n + 1, n + 2, px, py);
        Edges edges = new Edges(16);
        for (int p = 0; p < n; p++) {
            edges.size = 0;
            for (int t = tris.size - 1; t >= 0; t--) {
                if (tris.circumcircleContains(t, px[p], py[p])) {
                    int a = tris.vertex[3 * t], b = tris.vertex[3 * t + 1], c = tris.vertex[3 * t + 2];
                    edges.addOrCancel(a, b);
                    edges.addOrCancel(b, c);
                    edges.addOrCancel(c, a);
                    tris.remove(t);
                }
            }
            for (int e = 0; e < edges.size; e++) {
                tris.add(edges.from[e], edges.to[e], p, px, py);
            }
        }
        int[] out = new int[3 * tris.size];
        int kept = 0;
        for (int t = 0; t < tris.size; t++) {
            int a = tris.vertex[3 * t], b = tris.vertex[3 * t + 1], c = tris.vertex[3 * t + 2];
            if (a < n && b < n && c < n) {
                out[kept++] = a;
                out[kept++] = b;
                out[kept++] = c;
            }
        }
        return Arrays.copyOf(out, kept);
    }

    /** The cavity's boundary: an edge shared by two removed triangles is interior to it, so it cancels. */
    private static final class Edges {
        int[] from, to;
        int size;

        Edges(int capacity) {
            from = new int[capacity];
            to = new int[capacity];
        }

        void addOrCancel(int a, int b) {
            for (int i = 0; i < size; i++) {
                if (from[i] == b && to[i] == a || from[i] == a && to[i] == b) {
                    System.arraycopy(from, i + 1, from, i, size - i - 1);
                    System.arraycopy(to, i + 1, to, i, size - i - 1);
                    size--;
                    return;
                }
            }
            if (size == from.length) {
                from = Arrays.copyOf(from, 2 * size);
                to = Arrays.copyOf(to, 2 * size);
            }
            from[size] = a;
            to[size] = b;
            size++;
        }
    }

    /** Triangles with their circumcircles, three vertices and three circle numbers each. */
    private static final class Triangles {
        int[] vertex;
        /** centre x, centre y, squared radius. */
        double[] circle;
        int size;

        Triangles(int capacity) {
            vertex = new int[3 * capacity];
            circle = new double[3 * capacity];
        }

        void remove(int t) {
            System.arraycopy(vertex, 3 * t + 3, vertex, 3 * t, 3 * (size - t - 1));
            System.arraycopy(circle, 3 * t + 3, circle, 3 * t, 3 * (size - t - 1));
            size--;
        }

        boolean circumcircleContains(int t, double x, double y) {
            double dx = x - circle[3 * t], dy = y - circle[3 * t + 1];
            return dx * dx + dy * dy < circle[3 * t + 2] * (1 - 1e-12);
        }

        void add(int a, int b, int c, double[] px, double[] py) {
            if (3 * size == vertex.length) {
                vertex = Arrays.copyOf(vertex, 2 * vertex.length);
                circle = Arrays.copyOf(circle, 2 * circle.length);
            }
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
            int at = 3 * size;
            vertex[at] = a;
            vertex[at + 1] = b;
            vertex[at + 2] = c;
            size++;
            double d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
            if (Math.abs(d) < 1e-12) { // collinear: a circle that contains everything, replaced soon
                circle[at] = ax;
                circle[at + 1] = ay;
                circle[at + 2] = Double.MAX_VALUE;
                return;
            }
            double a2 = ax * ax + ay * ay, b2 = bx * bx + by * by, c2 = cx * cx + cy * cy;
            double ux = (a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d;
            double uy = (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d;
            circle[at] = ux;
            circle[at + 1] = uy;
            circle[at + 2] = (ax - ux) * (ax - ux) + (ay - uy) * (ay - uy);
        }
    }
}
