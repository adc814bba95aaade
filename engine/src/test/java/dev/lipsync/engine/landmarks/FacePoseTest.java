package dev.lipsync.engine.landmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FacePoseTest {

    static float[] similarity(float[] xy, double scale, double angle, double tx, double ty) {
        float[] out = new float[xy.length];
        double c = scale * Math.cos(angle), s = scale * Math.sin(angle);
        for (int i = 0; i < xy.length / 2; i++) {
            out[2 * i] = (float) (c * xy[2 * i] - s * xy[2 * i + 1] + tx);
            out[2 * i + 1] = (float) (s * xy[2 * i] + c * xy[2 * i + 1] + ty);
        }
        return out;
    }

    @Test
    void undoesScaleRotationAndShift() {
        Landmarks moved = new Landmarks(similarity(FacePose.MEAN_FACE, 83, 0.25, 310, 144));
        assertArrayEquals(FacePose.MEAN_FACE, FacePose.normalize(moved), 1e-4f);
    }

    @Test
    void placesTheMeanFaceByTheRigidPointsAlone() {
        float[] placed = similarity(FacePose.MEAN_FACE, 83, 0.25, 310, 144);
        float[] talking = placed.clone();
        for (int i = 48; i < 68; i++) {
            talking[2 * i + 1] += 9; // mouth open, jaw down: nothing rigid moves
        }
        for (int i = 0; i <= 16; i++) {
            talking[2 * i + 1] += 9;
        }
        assertArrayEquals(placed, FacePose.meanFaceOn(new Landmarks(talking)), 1e-3f);
    }

    @Test
    void meanFaceEyeCentresAreAtPlusMinusOneHalf() {
        double lx = 0, rx = 0, ly = 0, ry = 0;
        for (int i = 0; i < 6; i++) {
            lx += FacePose.MEAN_FACE[2 * (36 + i)] / 6;
            ly += FacePose.MEAN_FACE[2 * (36 + i) + 1] / 6;
            rx += FacePose.MEAN_FACE[2 * (42 + i)] / 6;
            ry += FacePose.MEAN_FACE[2 * (42 + i) + 1] / 6;
        }
        assertEquals(-0.5, lx, 1e-3);
        assertEquals(0.5, rx, 1e-3);
        assertEquals(0, ly, 1e-3);
        assertEquals(0, ry, 1e-3);
    }

    @Test
    void yawOfTheMeanFaceIsZeroAlsoWhenScaledAndTurnedInThePlane() {
        assertEquals(0, FacePose.yawOffset(new Landmarks(FacePose.MEAN_FACE)), 1e-3);
        assertEquals(0, FacePose.yawOffset(new Landmarks(similarity(FacePose.MEAN_FACE, 50, 0.2, 10, 20))), 1e-3);
    }

    @Test
    void noseTowardsImageRightIsPositiveYaw() {
        float[] xy = FacePose.MEAN_FACE.clone();
        xy[2 * 30] += 0.2f;
        assertTrue(FacePose.yawOffset(new Landmarks(xy)) > 0.05);
        xy[2 * 30] -= 0.4f;
        assertTrue(FacePose.yawOffset(new Landmarks(xy)) < -0.05);
    }

    @Test
    void referenceFacesAreNearlyFrontal() throws Exception {
        List<DlibTestVectors> faces = DlibTestVectors.load(TestAssets.sharedFile("testvectors"));
        for (DlibTestVectors face : faces) {
            float[] xy = new float[face.points().length];
            for (int i = 0; i < xy.length; i++) xy[i] = face.points()[i];
            double yaw = FacePose.yawOffset(new Landmarks(xy));
            assertTrue(Math.abs(yaw) < 0.2, face.image().getFileName() + ": yaw " + yaw);
        }
    }
}
