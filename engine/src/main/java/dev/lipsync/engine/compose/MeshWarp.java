package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.remap;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Piecewise-affine warp: each destination triangle is filled from its source triangle. The
 * per-pixel source coordinates are computed here in Java (a pure function), the sampling is one
 * bilinear {@code remap} call.
 */
final class MeshWarp {
    private MeshWarp() {}

    /** Source coordinates for every pixel of a destination window, and which pixels a triangle covers. */
    record Maps(int x0, int y0, int width, int height, float[] mapX, float[] mapY, boolean[] covered) {}

    /**
     * @param src, dst interleaved mesh vertices in source and destination images
     * @param triangles vertex index triples (triangulated on {@code dst})
     * @param x0, y0, width, height the destination window (pixel centres at integer coordinates)
     */
    static Maps maps(float[] src, float[] dst, int[] triangles, int x0, int y0, int width, int height) {
        float[] mapX = new float[width * height], mapY = new float[width * height];
        boolean[] covered = new boolean[width * height];
        for (int t = 0; t < triangles.length; t += 3) {
            int i = triangles[t], j = triangles[t + 1], k = triangles[t + 2];
            double ax = dst[2 * i], ay = dst[2 * i + 1], bx = dst[2 * j], by = dst[2 * j + 1], cx = dst[2 * k], cy = dst[2 * k + 1];
            double den = (by - cy) * (ax - cx) + (cx - bx) * (ay - cy);
            if (Math.abs(den) < 1e-9) {
                continue;
            }
            // Affine dst → src written as barycentric weights: w_a(x,y), w_b(x,y), w_c = 1 − w_a − w_b.
            double sax = src[2 * i], say = src[2 * i + 1], sbx = src[2 * j], sby = src[2 * j + 1], scx = src[2 * k], scy = src[2 * k + 1];
            int xa = Math.max(x0, (int) Math.ceil(Math.min(ax, Math.min(bx, cx)) - 1e-6));
            int xb = Math.min(x0 + width - 1, (int) Math.floor(Math.max(ax, Math.max(bx, cx)) + 1e-6));
            int ya = Math.max(y0, (int) Math.ceil(Math.min(ay, Math.min(by, cy)) - 1e-6));
            int yb = Math.min(y0 + height - 1, (int) Math.floor(Math.max(ay, Math.max(by, cy)) + 1e-6));
            double eps = 1e-7;
            for (int y = ya; y <= yb; y++) {
                int row = (y - y0) * width - x0;
                for (int x = xa; x <= xb; x++) {
                    double wa = ((by - cy) * (x - cx) + (cx - bx) * (y - cy)) / den;
                    double wb = ((cy - ay) * (x - cx) + (ax - cx) * (y - cy)) / den;
                    double wc = 1 - wa - wb;
                    if (wa < -eps || wb < -eps || wc < -eps) {
                        continue;
                    }
                    int p = row + x;
                    mapX[p] = (float) (wa * sax + wb * sbx + wc * scx);
                    mapY[p] = (float) (wa * say + wb * sby + wc * scy);
                    covered[p] = true;
                }
            }
        }
        return new Maps(x0, y0, width, height, mapX, mapY, covered);
    }

    /** Samples {@code source} (any size, any type remap supports) at the map's coordinates. */
    static Mat warp(Mat source, Maps maps) {
        Mat mx = new Mat(maps.height(), maps.width(), CV_32FC1);
        Mat my = new Mat(maps.height(), maps.width(), CV_32FC1);
        mx.<java.nio.FloatBuffer>createBuffer().put(maps.mapX());
        my.<java.nio.FloatBuffer>createBuffer().put(maps.mapY());
        Mat out = new Mat();
        remap(source, out, mx, my, INTER_LINEAR, BORDER_REPLICATE, new Scalar(0.0));
        mx.close();
        my.close();
        return out;
    }
}
