package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.FaceFrame;
import dev.lipsync.engine.media.I420Frames;
import java.nio.ByteBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class TargetNeckTest {
    static final int SIZE = 256;
    static final int[] SKIN = {120, 150, 210}; // BGR
    static final int[] NECK = {110, 140, 195}; // the target's neck: a little darker than its face
    static final int[] SHADOW = {50, 60, 85}; // the donor's jaw shadow, lit otherwise

    @Test
    void theShareFadesInWithHowMuchDarkerTheDonorsBandIs() {
        assertEquals(0, TargetNeck.share(-40), 0);
        assertEquals(0, TargetNeck.share(TargetNeck.DARKER_FROM), 0);
        assertEquals(0.5, TargetNeck.share((TargetNeck.DARKER_FROM + TargetNeck.DARKER_FULL) / 2), 1e-12);
        assertEquals(1, TargetNeck.share(TargetNeck.DARKER_FULL), 0);
        assertEquals(1, TargetNeck.share(200), 0);
    }

    @Test
    void theMeshPullsTheTargetsJawOntoTheNewOneAndLeavesTheNeckWhereItIs() {
        float[] target = SyntheticFace.smallFace(), destination = jawRaised(target, 0.1);
        TargetNeck.Mesh mesh = TargetNeck.mesh(target, destination);
        FaceFrame f = FaceFrame.of(target);
        for (int k = 0; k < 15; k++) { // landmarks 1-15, rows: above the jaw, on it, down the neck
            int j = 1 + k, above = 2 * (3 * k), on = 2 * (3 * k + 1), neck = 2 * (3 * k + 2);
            assertEquals(target[2 * j], mesh.src()[on], 1e-3);
            assertEquals(target[2 * j + 1], mesh.src()[on + 1], 1e-3);
            assertEquals(destination[2 * j], mesh.dst()[on], 1e-3);
            assertEquals(destination[2 * j + 1], mesh.dst()[on + 1], 1e-3);
            assertEquals(mesh.src()[neck], mesh.dst()[neck], 0);
            assertEquals(mesh.src()[neck + 1], mesh.dst()[neck + 1], 0);
            double moved = f.v(mesh.dst()[on], mesh.dst()[on + 1]) - f.v(mesh.src()[on], mesh.src()[on + 1]);
            double movedAbove = f.v(mesh.dst()[above], mesh.dst()[above + 1]) - f.v(mesh.src()[above], mesh.src()[above + 1]);
            assertEquals(moved, movedAbove, 1e-4, "the row above moves with the jaw");
        }
        assertTrue(mesh.triangles().length >= 3 * 40);
    }

    /** A face whose new jaw lies 0.1 eye distances above its own, its frame painted skin above its jaw and neck below. */
    private record Scene(float[] target, float[] destination, FaceFrame f, JawLine newJaw, Mat frame) {
        static Scene make() {
            float[] target = SyntheticFace.smallFace(), destination = jawRaised(target, 0.1);
            FaceFrame f = FaceFrame.of(target);
            JawLine oldJaw = TargetNeck.jawLine(f, target);
            return new Scene(target, destination, f, TargetNeck.jawLine(f, destination),
                    painted((x, y) -> below(f, oldJaw, x, y) > 0 ? NECK : SKIN));
        }

        /** The donor's warped window: skin above the new jaw, {@code under} below it. */
        byte[] donor(int[] under) {
            return bytes(painted((x, y) -> below(f, newJaw, x, y) > 0 ? under : SKIN));
        }

        double pull(byte[] donor, Mat frame) {
            return TargetNeck.pull(donor, wholeWindow(), frame, target, destination, 0, 0, SIZE, SIZE);
        }
    }

    @Test
    void aDarkerDonorBandTakesTheTargetsNeckUnderTheNewJawOnly() {
        Scene scene = Scene.make();
        FaceFrame f = scene.f();
        JawLine newJaw = scene.newJaw();
        float[] destination = scene.destination();
        byte[] donor = scene.donor(SHADOW);
        byte[] before = donor.clone();
        double share = scene.pull(donor, scene.frame());
        assertEquals(1, share, 0);
        double eyeDistance = f.eyeDistance();
        int neckPixels = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int p = y * SIZE + x;
                double depth = below(f, newJaw, x, y) / eyeDistance;
                double u = f.u(x, y);
                boolean acrossTheChin = u > f.u(destination[8], destination[9]) && u < f.u(destination[24], destination[25]);
                if (depth <= TargetNeck.START || Double.isNaN(depth)) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(before[3 * p + c], donor[3 * p + c], "above the new jaw: the donor's, at " + x + "," + y);
                    }
                } else if (acrossTheChin && depth > TargetNeck.START + TargetNeck.FEATHER + 0.02 && depth < 0.5) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(NECK[c], donor[3 * p + c] & 0xff, 2, "under the new jaw: the target's neck, at " + x + "," + y);
                    }
                    neckPixels++;
                }
            }
        }
        assertTrue(neckPixels > 500, neckPixels + " pixels checked");
    }

    @Test
    void aDonorBandAsLightAsTheTargetsStaysAsItIs() {
        Scene scene = Scene.make();
        byte[] donor = scene.donor(shaded(NECK, 0.95));
        byte[] before = donor.clone();
        assertEquals(0, scene.pull(donor, scene.frame()), 0);
        assertArrayEquals(before, donor);
    }

    @Test
    void anI420FrameIsJudgedAndReadAsItsBgrConversion() {
        Scene scene = Scene.make();
        // a donor band darker than the target's (luma 153) by about the middle of the fade: the share tells how well luma reads
        byte[] fromBgr = scene.donor(shaded(NECK, 1 - (TargetNeck.DARKER_FROM + TargetNeck.DARKER_FULL) / 2 / 153.0));
        byte[] fromI420 = fromBgr.clone();
        double shareBgr = scene.pull(fromBgr, scene.frame());
        double shareI420 = scene.pull(fromI420, I420Frames.fromBgr(scene.frame()));
        assertTrue(shareBgr > 0.2 && shareBgr < 0.8, "share " + shareBgr);
        assertEquals(shareBgr, shareI420, 0.1);
        int differing = 0;
        for (int i = 0; i < fromBgr.length; i++) {
            assertEquals(fromBgr[i] & 0xff, fromI420[i] & 0xff, 6, "byte " + i);
            differing += fromBgr[i] != fromI420[i] ? 1 : 0;
        }
        assertTrue(differing < fromBgr.length / 10);
    }

    /** {@code target} with its jaw (landmarks 2-14) raised by {@code by} eye distances: a closing mouth's. */
    private static float[] jawRaised(float[] target, double by) {
        FaceFrame f = FaceFrame.of(target);
        float[] d = target.clone();
        for (int j = 2; j <= 14; j++) {
            double u = f.u(target[2 * j], target[2 * j + 1]), v = f.v(target[2 * j], target[2 * j + 1]) - by;
            d[2 * j] = (float) f.x(u, v);
            d[2 * j + 1] = (float) f.y(u, v);
        }
        return d;
    }

    /** How far (pixels, down the face) (x, y) lies below {@code jaw}; NaN beyond its ends. */
    private static double below(FaceFrame f, JawLine jaw, int x, int y) {
        return (f.v(x, y) - jaw.at(f.u(x, y))) * f.eyeDistance();
    }

    private static Mat painted(java.util.function.BiFunction<Integer, Integer, int[]> colourAt) {
        Mat m = new Mat(SIZE, SIZE, CV_8UC3);
        ByteBuffer b = m.createBuffer();
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int[] c = colourAt.apply(x, y);
                for (int k = 0; k < 3; k++) {
                    b.put((y * SIZE + x) * 3 + k, (byte) c[k]);
                }
            }
        }
        return m;
    }

    private static byte[] bytes(Mat m) {
        byte[] out = new byte[SIZE * SIZE * 3];
        m.data().get(out);
        return out;
    }

    private static byte[] wholeWindow() {
        byte[] inside = new byte[SIZE * SIZE];
        java.util.Arrays.fill(inside, (byte) 1);
        return inside;
    }

    private static int[] shaded(int[] bgr, double factor) {
        return new int[] {(int) Math.round(bgr[0] * factor), (int) Math.round(bgr[1] * factor), (int) Math.round(bgr[2] * factor)};
    }
}
