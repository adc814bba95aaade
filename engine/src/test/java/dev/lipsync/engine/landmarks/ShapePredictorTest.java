package dev.lipsync.engine.landmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.LipSyncException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapePredictorTest {

    @Test
    void reproducesDlibOnTheReferenceFrames() throws Exception {
        Path dir = TestAssets.sharedFile("testvectors");
        ShapePredictor model = TestAssets.model();
        List<DlibTestVectors> faces = DlibTestVectors.load(dir);
        assertTrue(faces.size() >= 10, "expected the reference faces, found " + faces.size());
        int total = 0, exact = 0;
        double worst = 0;
        for (DlibTestVectors face : faces) {
            GrayImage img = TestAssets.readGrey(face.image());
            float[] got = model.predictPoints(img, face.box());
            for (int k = 0; k < got.length; k++) {
                long rounded = (long) Math.floor(got[k] + 0.5);
                double err = Math.abs(rounded - face.points()[k]);
                worst = Math.max(worst, err);
                if (k % 2 == 1) {
                    total++;
                    if (rounded == face.points()[k] && (long) Math.floor(got[k - 1] + 0.5) == face.points()[k - 1]) exact++;
                }
            }
        }
        double share = (double) exact / total;
        System.out.printf("dlib test vectors: %d faces, %d/%d points exact (%.2f %%), worst coordinate error %.0f px%n",
                faces.size(), exact, total, 100 * share, worst);
        assertTrue(share >= 0.98, "only " + exact + " of " + total + " points match dlib exactly");
        assertTrue(worst <= 1, "a point is " + worst + " px from dlib's");
    }

    @Test
    void similarityOfAShapeOntoItsRotatedAndScaledCopyIsThatRotationAndScale() {
        float[] from = {0, 0, 1, 0, 0, 2, -1, 1};
        double angle = 0.3, scale = 1.7;
        float[] to = new float[from.length];
        for (int i = 0; i < 4; i++) {
            double x = from[2 * i], y = from[2 * i + 1];
            to[2 * i] = (float) (scale * (Math.cos(angle) * x - Math.sin(angle) * y) + 5);
            to[2 * i + 1] = (float) (scale * (Math.sin(angle) * x + Math.cos(angle) * y) - 3);
        }
        float[] m = ShapePredictor.similarityMatrix(from, to);
        assertArrayEquals(new float[] {(float) (scale * Math.cos(angle)), (float) (-scale * Math.sin(angle)),
                (float) (scale * Math.sin(angle)), (float) (scale * Math.cos(angle))}, m, 1e-5f);
    }

    @Test
    void readsDlibIntegersAndFloats() throws IOException {
        // 0 = 01 00; -300 = 0x82 2c 01; float 0.75 = mantissa 3, exponent -2
        byte[] bytes = {0x01, 0x00, (byte) 0x82, 0x2c, 0x01, 0x01, 0x03, (byte) 0x81, 0x02};
        DlibReader r = new DlibReader(new ByteArrayInputStream(bytes));
        assertEquals(0, r.readLong());
        assertEquals(-300, r.readLong());
        assertEquals(0.75f, r.readFloat());
        assertTrue(r.atEnd());
    }

    @Test
    void missingModelSaysHowToInstallIt(@TempDir Path tmp) {
        LipSyncException e = assertThrows(LipSyncException.class, () -> ShapePredictor.load(tmp.resolve("nope.dat")));
        assertEquals(LipSyncException.Reason.MODEL_MISSING, e.reason());
        assertTrue(e.getMessage().contains("apt-get install libdlib-data"), e.getMessage());
    }

    @Test
    void truncatedModelIsReportedNotCrashed(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.dat");
        Files.write(bad, new byte[] {0x01, 0x01, (byte) 0x81, (byte) 0x88});
        LipSyncException e = assertThrows(LipSyncException.class, () -> ShapePredictor.load(bad));
        assertEquals(LipSyncException.Reason.MODEL_MISSING, e.reason());
    }
}
