package dev.lipsync.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.GrayImage;
import dev.lipsync.engine.landmarks.Landmarks;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

class IdentityPatchTest {
    /** A smooth made-up "face", in coordinates where the eyes are at (-1, 0) and (1, 0). */
    static final DoubleBinaryOperator FACE = (x, y) -> 128 + 50 * Math.sin(2.1 * x + 0.7 * y) + 40 * Math.cos(1.3 * y - 0.4 * x * x);
    static final DoubleBinaryOperator OTHER = (x, y) -> 128 + 50 * Math.sin(1.2 * y + 2.9 * x * y) + 40 * Math.cos(2.6 * x);

    /**
     * The face drawn with its eyes' midpoint at (cx, cy), half an eye distance {@code half} px,
     * turned by {@code roll} radians, with this exposure; and landmarks with the eyes there.
     */
    record Drawn(GrayImage image, Landmarks landmarks) {
        static Drawn of(DoubleBinaryOperator face, double cx, double cy, double half, double roll, double gain, double offset) {
            int w = 240, h = 200;
            byte[] px = new byte[w * h];
            double c = Math.cos(roll), s = Math.sin(roll);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double dx = (x - cx) / half, dy = (y - cy) / half;
                    double u = c * dx + s * dy, v = -s * dx + c * dy; // back into the face's coordinates
                    px[y * w + x] = (byte) Math.clamp(Math.round(gain * face.applyAsDouble(u, v) + offset), 0, 255);
                }
            }
            float[] xy = new float[2 * Landmarks.COUNT];
            for (int k = 0; k < 6; k++) {
                double a = 2 * Math.PI * k / 6;
                for (int eye = 0; eye < 2; eye++) {
                    double u = (eye == 0 ? -1 : 1) + 0.3 * Math.cos(a), v = 0.1 * Math.sin(a);
                    int i = 36 + 6 * eye + k;
                    xy[2 * i] = (float) (cx + half * (c * u - s * v));
                    xy[2 * i + 1] = (float) (cy + half * (s * u + c * v));
                }
            }
            return new Drawn(new GrayImage(w, h, px), new Landmarks(xy));
        }

        float[] patch() {
            return IdentityPatch.of(image, landmarks);
        }
    }

    @Test
    void theSameFaceMovedScaledTurnedAndExposedDifferentlyGivesTheSamePatch() {
        float[] a = Drawn.of(FACE, 120, 80, 20, 0, 1, 0).patch();
        float[] b = Drawn.of(FACE, 100, 95, 32, 0.25, 0.6, 40).patch();
        double same = IdentityPatch.similarity(a, b);
        double other = IdentityPatch.similarity(a, Drawn.of(OTHER, 120, 80, 20, 0, 1, 0).patch());
        assertTrue(same > 0.97, "same face: " + same);
        assertTrue(other < 0.5, "another face: " + other);
    }

    @Test
    void similarityIsACorrelation() {
        float[] a = {1, 2, 3, 4};
        assertEquals(1, IdentityPatch.similarity(a, new float[] {10, 12, 14, 16}), 1e-12);
        assertEquals(-1, IdentityPatch.similarity(a, new float[] {4, 3, 2, 1}), 1e-12);
        assertEquals(0, IdentityPatch.similarity(a, new float[] {5, 5, 5, 5}), "flat: nothing to compare");
    }

    @Test
    void tinyFacesGiveNoPatchAndTheMeanAverages() {
        assertNull(Drawn.of(FACE, 120, 80, 3, 0, 1, 0).patch(), "eyes 6 px apart");
        IdentityPatch.Mean mean = new IdentityPatch.Mean();
        assertNull(mean.mean());
        float[] p = new float[IdentityPatch.WIDTH * IdentityPatch.HEIGHT];
        float[] q = p.clone();
        p[0] = 2;
        q[0] = 4;
        mean.add(p);
        mean.add(q);
        assertEquals(2, mean.count());
        assertEquals(3, mean.mean()[0], 1e-6);
    }
}
