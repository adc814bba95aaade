package dev.lipsync.engine.mouth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.Landmarks;
import org.junit.jupiter.api.Test;

class HeadPoseTest {

    /**
     * A symmetric frontal face in 3D, in eye distances: origin between the eyes, x to the image's
     * right, y down, z toward the camera (nose tip 0.45 in front of the eyes, jaw ends 0.75 behind).
     */
    static double[][] face3d() {
        double[][] p = new double[68][];
        for (int i = 0; i <= 16; i++) { // jaw: a U from ear to ear
            double phi = Math.PI * i / 16;
            p[i] = new double[] {-0.95 * Math.cos(phi), 0.05 + 1.25 * Math.sin(phi),
                -0.05 - 0.7 * Math.cos(phi) * Math.cos(phi)};
        }
        for (int j = 0; j < 5; j++) { // brows
            double y = -0.30 - 0.08 * Math.sin(Math.PI * j / 4);
            p[17 + j] = new double[] {-0.85 + 0.175 * j, y, 0.05};
            p[26 - j] = new double[] {0.85 - 0.175 * j, y, 0.05};
        }
        double[][] noseBridge = {{0, 0, 0.1}, {0, 0.15, 0.2}, {0, 0.30, 0.3}, {0, 0.45, 0.45}};
        double[][] nostrils = {{-0.2, 0.55, 0.2}, {-0.1, 0.58, 0.28}, {0, 0.6, 0.32}, {0.1, 0.58, 0.28},
            {0.2, 0.55, 0.2}};
        double[][] leftEye = {{-0.7, 0, 0}, {-0.58, -0.06, 0}, {-0.42, -0.06, 0}, {-0.3, 0, 0},
            {-0.42, 0.06, 0}, {-0.58, 0.06, 0}};
        double[][] rightEye = {{0.3, 0, 0}, {0.42, -0.06, 0}, {0.58, -0.06, 0}, {0.7, 0, 0},
            {0.58, 0.06, 0}, {0.42, 0.06, 0}};
        double[][] outerLip = {{-0.4, 1.0, 0.1}, {-0.25, 0.92, 0.15}, {-0.1, 0.88, 0.2}, {0, 0.9, 0.2},
            {0.1, 0.88, 0.2}, {0.25, 0.92, 0.15}, {0.4, 1.0, 0.1}, {0.25, 1.1, 0.15}, {0.1, 1.14, 0.2},
            {0, 1.15, 0.2}, {-0.1, 1.14, 0.2}, {-0.25, 1.1, 0.15}};
        double[][] innerLip = {{-0.32, 1.0, 0.15}, {-0.1, 0.97, 0.15}, {0, 0.97, 0.15}, {0.1, 0.97, 0.15},
            {0.32, 1.0, 0.15}, {0.1, 1.03, 0.15}, {0, 1.03, 0.15}, {-0.1, 1.03, 0.15}};
        System.arraycopy(noseBridge, 0, p, 27, 4);
        System.arraycopy(nostrils, 0, p, 31, 5);
        System.arraycopy(leftEye, 0, p, 36, 6);
        System.arraycopy(rightEye, 0, p, 42, 6);
        System.arraycopy(outerLip, 0, p, 48, 12);
        System.arraycopy(innerLip, 0, p, 60, 8);
        return p;
    }

    /**
     * Turns the 3D face (yaw about the vertical axis: nose toward +x; pitch about the horizontal
     * axis: nose toward +y), projects it orthographically at 80 px per eye distance around
     * (300, 200), then rotates the image by roll degrees (clockwise on screen).
     */
    static Landmarks view(double yawDeg, double pitchDeg, double rollDeg) {
        double yaw = Math.toRadians(yawDeg), pitch = Math.toRadians(pitchDeg), roll = Math.toRadians(rollDeg);
        float[] xy = new float[136];
        double[][] p = face3d();
        for (int i = 0; i < 68; i++) {
            double x = p[i][0] * Math.cos(yaw) + p[i][2] * Math.sin(yaw);
            double z = -p[i][0] * Math.sin(yaw) + p[i][2] * Math.cos(yaw);
            double y = p[i][1] * Math.cos(pitch) + z * Math.sin(pitch);
            double rx = x * Math.cos(roll) - y * Math.sin(roll);
            double ry = x * Math.sin(roll) + y * Math.cos(roll);
            xy[2 * i] = (float) (300 + 80 * rx);
            xy[2 * i + 1] = (float) (200 + 80 * ry);
        }
        return new Landmarks(xy);
    }

    @Test
    void frontalFaceIsNearZero() {
        HeadPose pose = HeadPose.of(view(0, 0, 0));
        assertEquals(0, pose.yaw(), 1e-6);
        assertEquals(0, pose.roll(), 1e-6);
        assertEquals(0, pose.pitch(), 2.0);
    }

    @Test
    void rollIsTheImageRotationAndLeavesYawAndPitchAlone() {
        for (double roll : new double[] {-40, -12.5, 7, 30}) {
            assertEquals(roll, HeadPose.of(view(0, 0, roll)).roll(), 1e-3);
        }
        // a turned and nodding head tilts its eye line a little by itself; the image rotation adds to it
        HeadPose upright = HeadPose.of(view(15, 10, 0));
        for (double roll : new double[] {-40, -12.5, 7, 30}) {
            HeadPose pose = HeadPose.of(view(15, 10, roll));
            assertEquals(upright.roll() + roll, pose.roll(), 1e-3);
            assertEquals(upright.yaw(), pose.yaw(), 1e-3);
            assertEquals(upright.pitch(), pose.pitch(), 1e-3);
        }
    }

    @Test
    void yawGrowsWithTheTurnAndRoughlyMatchesIt() {
        double previous = Double.NEGATIVE_INFINITY;
        for (double yaw = -40; yaw <= 40; yaw += 5) {
            double estimate = HeadPose.of(view(yaw, 0, 0)).yaw();
            assertTrue(estimate > previous, "not monotone at " + yaw);
            assertEquals(yaw, estimate, 4 + 0.1 * Math.abs(yaw), "yaw " + yaw);
            previous = estimate;
        }
    }

    @Test
    void pitchGrowsWithTheNodAndRoughlyMatchesIt() {
        double previous = Double.NEGATIVE_INFINITY;
        for (double pitch = -30; pitch <= 30; pitch += 5) {
            double estimate = HeadPose.of(view(0, pitch, 0)).pitch();
            assertTrue(estimate > previous, "not monotone at " + pitch);
            assertEquals(pitch, estimate, 4 + 0.2 * Math.abs(pitch), "pitch " + pitch);
            previous = estimate;
        }
    }

    @Test
    void yawAndPitchBarelyLeakIntoEachOther() {
        assertEquals(0, HeadPose.of(view(0, 20, 0)).yaw(), 1e-6); // symmetric face: exactly 0
        assertEquals(HeadPose.of(view(0, 0, 0)).pitch(), HeadPose.of(view(25, 0, 0)).pitch(), 3.0);
    }
}
