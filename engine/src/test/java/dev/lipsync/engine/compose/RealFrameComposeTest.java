package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.media.MediaFixtures;
import dev.lipsync.engine.mouth.MouthShape;
import java.nio.file.Files;
import java.nio.file.Path;
import static org.bytedeco.opencv.global.opencv_imgproc.line;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Composes one real frame's mouth onto another frame of the same clip and writes the result
 * to target/compose/ for a person to look at. Asserts what can be asserted with numbers:
 * pixels outside the mask window are untouched, the mouth region did change.
 */
class RealFrameComposeTest {

    @ParameterizedTest
    @CsvSource({
        "video-retalking_1_t0.5.png, video-retalking_1_t2.2.png",
        "video-retalking_1_t2.2.png, video-retalking_1_t0.5.png",
        "video-retalking_2_t0.5.png, video-retalking_2_t3.9.png",
        "video-retalking_4_t2.2.png, video-retalking_4_t0.5.png",
        "IP_LAP_129_t0.5.png, IP_LAP_129_t2.2.png",
        "MuseTalk_sun_t0.5.png, MuseTalk_sun_t2.2.png",
        "video-retalking_5_t2.2.png, video-retalking_5_t3.9.png",
        "video-retalking_4_t0.5.png, video-retalking_4_t3.9.png",
    })
    void composesRealMouthOntoAnotherFrame(String targetName, String sourceName) throws Exception {
        Mat target = ReferenceFrames.frame(targetName);
        Mat source = ReferenceFrames.frame(sourceName);
        Landmarks tl = ReferenceFrames.landmarks(targetName), sl = ReferenceFrames.landmarks(sourceName);

        Mat out = MouthCompositor.compose(target, tl, source, sl);

        float[] poly = LowerFaceMask.polygon(tl.toArray(), LowerFaceGeometry.destinationLandmarks(tl, sl, sl));
        int[] win = MouthCompositor.window(poly, target.cols(), target.rows());
        byte[] a = MediaFixtures.bytes(target), b = MediaFixtures.bytes(out);
        int w = target.cols();
        long changedInside = 0;
        for (int p = 0; p < a.length; p++) {
            int x = (p / 3) % w, y = (p / 3) / w;
            boolean inWindow = x >= win[0] && x < win[0] + win[2] && y >= win[1] && y < win[1] + win[3];
            if (!inWindow) {
                assertEquals(a[p], b[p], "pixel outside the mask window changed at " + x + "," + y);
            } else if (a[p] != b[p]) {
                changedInside++;
            }
        }
        assertTrue(changedInside > 100, "the mouth region should change");

        Path dir = Path.of("target", "compose");
        Files.createDirectories(dir);
        String stem = targetName.replace(".png", "") + "__from__" + sourceName.replace(".png", "");
        imwrite(dir.resolve(stem + ".png").toString(), out);
        imwrite(dir.resolve(stem + "_outline.png").toString(), outline(out, poly, tl.toArray(),
                LowerFaceGeometry.destinationLandmarks(tl, sl, sl)));
        System.out.printf("%s: target opening %.3f, source opening %.3f, alignment error %.3f -> %s%n", stem,
                MouthShape.measure(tl).opening(), MouthShape.measure(sl).opening(),
                MouthCompositor.alignmentError(tl, sl), dir.resolve(stem + ".png"));
    }

    /** No frame with the wanted opening: stretch the closest one's own mouth open (or shut) instead. */
    @ParameterizedTest
    @CsvSource({
        "video-retalking_1_t0.5.png, video-retalking_1_t3.9.png, 0.16",
        "video-retalking_1_t2.2.png, video-retalking_1_t2.2.png, 0.0",
        "video-retalking_4_t0.5.png, video-retalking_4_t0.5.png, 0.15",
    })
    void reshapedMouthFallback(String targetName, String sourceName, double opening) throws Exception {
        Mat target = ReferenceFrames.frame(targetName);
        Mat source = ReferenceFrames.frame(sourceName);
        Landmarks tl = ReferenceFrames.landmarks(targetName), sl = ReferenceFrames.landmarks(sourceName);
        Landmarks shape = MouthReshape.withOpening(sl, opening);
        assertEquals(opening, MouthShape.measure(shape).opening(), 1e-3);

        Mat out = MouthCompositor.compose(target, tl, source, sl, shape, 1.0);

        float[] destination = LowerFaceGeometry.destinationLandmarks(tl, sl, shape);
        assertEquals(opening, MouthShape.measure(new Landmarks(destination)).opening(), 0.01,
                "the destination mouth has the wanted opening in the target's scale");
        Path dir = Path.of("target", "compose");
        Files.createDirectories(dir);
        String stem = targetName.replace(".png", "") + "__reshaped_" + opening + "_from__" + sourceName.replace(".png", "");
        imwrite(dir.resolve(stem + ".png").toString(), out);
        imwrite(dir.resolve(stem + "_outline.png").toString(),
                outline(out, LowerFaceMask.polygon(tl.toArray(), destination), tl.toArray(), destination));
        System.out.printf("%s: source opening %.3f reshaped to %.3f%n", stem, MouthShape.measure(sl).opening(), opening);
    }

    /** For looking: mask edge in red, the target's jaw in blue, the new jaw and lips in green. */
    static Mat outline(Mat frame, float[] poly, float[] target, float[] destination) {
        Mat m = frame.clone();
        polyline(m, poly, null, true, new Scalar(0, 0, 255, 0));
        polyline(m, target, LowerFaceGeometry.range(0, 16), false, new Scalar(255, 0, 0, 0));
        polyline(m, destination, LowerFaceGeometry.range(0, 16), false, new Scalar(0, 255, 0, 0));
        polyline(m, destination, LowerFaceGeometry.range(48, 59), true, new Scalar(0, 255, 0, 0));
        return m;
    }

    private static void polyline(Mat m, float[] xy, int[] idx, boolean closed, Scalar colour) {
        int n = idx == null ? xy.length / 2 : idx.length;
        for (int k = 0; k < (closed ? n : n - 1); k++) {
            int a = idx == null ? k : idx[k], b = idx == null ? (k + 1) % n : idx[(k + 1) % n];
            line(m, new Point(Math.round(xy[2 * a]), Math.round(xy[2 * a + 1])),
                    new Point(Math.round(xy[2 * b]), Math.round(xy[2 * b + 1])), colour);
        }
    }
}
