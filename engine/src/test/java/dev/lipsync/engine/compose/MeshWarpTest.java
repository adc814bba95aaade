package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class MeshWarpTest {

    /** dst = A·src + t with A = [[1.1, 0.2], [−0.15, 0.9]], t = (12, 5). */
    static double[] forward(double x, double y) {
        return new double[] {1.1 * x + 0.2 * y + 12, -0.15 * x + 0.9 * y + 5};
    }

    static double[] backward(double x, double y) {
        double det = 1.1 * 0.9 - 0.2 * -0.15;
        double u = x - 12, v = y - 5;
        return new double[] {(0.9 * u - 0.2 * v) / det, (0.15 * u + 1.1 * v) / det};
    }

    @Test
    void mapsFollowAKnownAffineMapInsideTheMesh() {
        float[] src = {10, 10, 90, 12, 85, 80, 15, 75, 50, 45, 30, 60};
        float[] dst = new float[src.length];
        for (int i = 0; i < src.length; i += 2) {
            double[] p = forward(src[i], src[i + 1]);
            dst[i] = (float) p[0];
            dst[i + 1] = (float) p[1];
        }
        int[] tris = Delaunay.triangulate(dst);
        MeshWarp.Maps maps = MeshWarp.maps(src, dst, tris, 0, 0, 140, 110);
        int covered = 0;
        for (int y = 0; y < 110; y++) {
            for (int x = 0; x < 140; x++) {
                int p = y * 140 + x;
                if (!maps.covered()[p]) {
                    continue;
                }
                covered++;
                double[] s = backward(x, y);
                assertEquals(s[0], maps.mapX()[p], 2e-3);
                assertEquals(s[1], maps.mapY()[p], 2e-3);
            }
        }
        double expectedArea = DelaunayTest.totalArea(dst, tris);
        assertTrue(Math.abs(covered - expectedArea) < 0.1 * expectedArea, "covered " + covered + " vs area " + expectedArea);
    }

    @Test
    void warpedLinearImageHasTheValuesOfTheMappedPositions() {
        // Bilinear sampling reproduces a linear image exactly, so any error is geometric.
        int w = 120, h = 100;
        float[] img = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img[y * w + x] = 2f * x + 3f * y;
            }
        }
        Mat source = new Mat(h, w, CV_32FC1);
        source.<FloatBuffer>createBuffer().put(img);
        float[] src = {10, 10, 90, 12, 85, 80, 15, 75, 50, 45};
        float[] dst = new float[src.length];
        for (int i = 0; i < src.length; i += 2) {
            double[] p = forward(src[i], src[i + 1]);
            dst[i] = (float) p[0];
            dst[i + 1] = (float) p[1];
        }
        MeshWarp.Maps maps = MeshWarp.maps(src, dst, Delaunay.triangulate(dst), 20, 10, 100, 90);
        Mat out = new Mat();
        MeshWarp.warp(source, maps, out);
        float[] got = new float[100 * 90];
        out.<FloatBuffer>createBuffer().get(got);
        int checked = 0;
        for (int r = 0; r < 90; r++) {
            for (int c = 0; c < 100; c++) {
                double[] s = backward(20 + c, 10 + r);
                // bicubic sampling reads two pixels each way: next to the source's border it reads
                // replicated edge pixels, which are no longer the ramp
                boolean inside = s[0] >= 2 && s[1] >= 2 && s[0] <= w - 3 && s[1] <= h - 3;
                if (maps.covered()[r * 100 + c] && inside) {
                    // remap quantises positions to 1/32 px ((|2| + |3|) / 64 ≈ 0.08 at most), and its
                    // bicubic kernel (a = -0.75, not Catmull-Rom's -0.5) follows a ramp only to within
                    // about 0.05 px: (|2| + |3|) · 0.05 ≈ 0.25 more
                    assertEquals(2 * s[0] + 3 * s[1], got[r * 100 + c], 0.35, "at " + (20 + c) + "," + (10 + r));
                    checked++;
                }
            }
        }
        assertTrue(checked > 3000, "checked " + checked);
    }
}
