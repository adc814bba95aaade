package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import dev.lipsync.engine.landmarks.Landmarks;
import java.nio.ByteBuffer;
import org.bytedeco.opencv.opencv_core.Mat;

/** A 256×256 test face: landmark numbers of a real face (dlib on a 256-px frame), and textured images. */
final class SyntheticFace {
    private SyntheticFace() {}

    /** Mouth closed (inner lips touching) */
    private static final int[] CLOSED = {8, 107, 13, 132, 19, 155, 26, 177, 38, 197, 55, 214, 78, 228, 101, 239, 127, 242, 154, 237,
        177, 224, 196, 210, 211, 191, 220, 169, 223, 146, 225, 123, 227, 98, 20, 93, 35, 82, 55, 78, 75, 80, 96, 86, 129, 86,
        149, 79, 170, 77, 190, 80, 207, 89, 114, 101, 115, 113, 117, 127, 118, 140, 100, 153, 109, 155, 119, 157, 129, 155,
        138, 152, 44, 108, 56, 104, 69, 104, 83, 109, 69, 110, 56, 110, 147, 107, 159, 102, 172, 102, 185, 105, 172, 108,
        159, 108, 78, 185, 93, 174, 108, 169, 120, 170, 131, 168, 148, 172, 165, 181, 150, 197, 134, 203, 122, 204, 110, 203,
        94, 198, 86, 185, 109, 178, 121, 178, 132, 177, 157, 182, 133, 178, 121, 179, 109, 179};

    static Landmarks landmarks(boolean open) {
        float[] xy = new float[136];
        for (int i = 0; i < 136; i++) {
            xy[i] = CLOSED[i];
        }
        if (open) { // lower inner lip, lower outer lip and chin 12 px down
            for (int i : new int[] {65, 66, 67, 55, 56, 57, 58, 59, 6, 7, 8, 9, 10}) {
                xy[2 * i + 1] += 12;
            }
        }
        return new Landmarks(xy);
    }

    /** {@link #landmarks} (closed) at half size, moved to leave room under the chin in the 256×256 frame. */
    static float[] smallFace() {
        float[] l = landmarks(false).toArray();
        for (int i = 0; i < l.length; i++) {
            l[i] = l[i] / 2 + (i % 2 == 0 ? 64 : 20);
        }
        return l;
    }

    static Landmarks rotated(Landmarks l, double angle, double cx, double cy) {
        float[] xy = l.toArray();
        double c = Math.cos(angle), s = Math.sin(angle);
        for (int i = 0; i < 68; i++) {
            double x = xy[2 * i] - cx, y = xy[2 * i + 1] - cy;
            xy[2 * i] = (float) (cx + c * x - s * y);
            xy[2 * i + 1] = (float) (cy + s * x + c * y);
        }
        return new Landmarks(xy);
    }

    /** A smooth, textured BGR image (deterministic), brightness {@code base}. */
    static Mat texture(int w, int h, int base, long seed) {
        java.util.Random r = new java.util.Random(seed);
        byte[] px = new byte[w * h * 3];
        double[] fx = {r.nextDouble() * 0.2, r.nextDouble() * 0.2, r.nextDouble() * 0.2};
        double[] fy = {r.nextDouble() * 0.2, r.nextDouble() * 0.2, r.nextDouble() * 0.2};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = base + 30 * Math.sin(fx[c] * x + 0.7 * c) * Math.cos(fy[c] * y) + 4 * r.nextGaussian();
                    px[3 * (y * w + x) + c] = (byte) Math.clamp(Math.round(v), 0, 255);
                }
            }
        }
        Mat m = new Mat(h, w, CV_8UC3);
        m.<ByteBuffer>createBuffer().put(px);
        return m;
    }
}
