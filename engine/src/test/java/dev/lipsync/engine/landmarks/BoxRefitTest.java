package dev.lipsync.engine.landmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoxRefitTest {

    @Test
    void squareBoxFromPointsMatchesTheCalibration() {
        // four points at radius 10 around (100, 50): s = 10
        float[] xy = {90, 50, 110, 50, 100, 40, 100, 60};
        FaceBox box = BoxRefit.boxFor(xy);
        assertEquals(28, box.width());
        assertEquals(28, box.height());
        assertEquals(100 - 0.087, box.centerX(), 0.6);
        assertEquals(50 - 1.381, box.centerY(), 0.6);
    }

    @Test
    void refittingAnOffsetBoxComesBackNearDlibsLandmarks() throws Exception {
        ShapePredictor model = TestAssets.model();
        List<DlibTestVectors> faces = DlibTestVectors.load(TestAssets.sharedFile("testvectors"));
        double errRaw = 0, errRefit = 0, errDlibBox = 0;
        int n = 0;
        for (DlibTestVectors face : faces) {
            GrayImage img = TestAssets.readGrey(face.image());
            FaceBox b = face.box();
            // what a cascade might give: 20 % larger, shifted down and right by 8 % of the side
            double side = b.width() * 1.2;
            FaceBox off = FaceBox.square(b.centerX() + 0.08 * b.width(), b.centerY() + 0.08 * b.width(), side);
            errRaw += meanError(model.predictPoints(img, off), face.points());
            errRefit += meanError(BoxRefit.predictRefitted(model, img, off, 2).landmarks().toArray(), face.points());
            errDlibBox += meanError(BoxRefit.predictRefitted(model, img, b, 2).landmarks().toArray(), face.points());
            n++;
        }
        errRaw /= n;
        errRefit /= n;
        errDlibBox /= n;
        System.out.printf("mean point error vs dlib: offset box %.2f px, refitted twice %.2f px, refitting dlib's own box %.2f px%n",
                errRaw, errRefit, errDlibBox);
        assertTrue(errRefit < 0.6 * errRaw, "refitting should recover most of the error");
        assertTrue(errRefit < 2.5, "refitted points should be within a couple of pixels of dlib's");
    }

    @Test
    void realFacesAreFaceShapedAndScrambledPointsAreNot() throws Exception {
        ShapePredictor model = TestAssets.model();
        List<DlibTestVectors> faces = DlibTestVectors.load(TestAssets.sharedFile("testvectors"));
        double worst = 0, minScrambled = Double.MAX_VALUE;
        for (DlibTestVectors face : faces) {
            float[] xy = new float[face.points().length];
            for (int i = 0; i < xy.length; i++) xy[i] = face.points()[i];
            worst = Math.max(worst, ShapeCheck.residual(model, new Landmarks(xy)));
            assertTrue(ShapeCheck.plausible(model, new Landmarks(xy)));
            // swap the mouth and the brows: still 68 points, no longer a face
            float[] bad = xy.clone();
            for (int i = 17; i < 27; i++) {
                int j = 48 + (i - 17);
                float tx = bad[2 * i], ty = bad[2 * i + 1];
                bad[2 * i] = bad[2 * j];
                bad[2 * i + 1] = bad[2 * j + 1];
                bad[2 * j] = tx;
                bad[2 * j + 1] = ty;
            }
            double r = ShapeCheck.residual(model, new Landmarks(bad));
            assertTrue(!ShapeCheck.plausible(model, new Landmarks(bad)), "scrambled face passed: " + r);
            minScrambled = Math.min(minScrambled, r);
        }
        System.out.printf("shape residual: worst real face %.3f, best scrambled face %.3f%n", worst, minScrambled);
    }

    static double meanError(float[] got, int[] want) {
        double sum = 0;
        for (int i = 0; i < want.length / 2; i++) {
            sum += Math.hypot(got[2 * i] - want[2 * i], got[2 * i + 1] - want[2 * i + 1]);
        }
        return sum / (want.length / 2);
    }
}
