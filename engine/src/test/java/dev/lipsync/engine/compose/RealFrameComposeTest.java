package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.mouth.MouthShape;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
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
    })
    void composesRealMouthOntoAnotherFrame(String targetName, String sourceName) throws Exception {
        Mat target = ReferenceFrames.frame(targetName);
        Mat source = ReferenceFrames.frame(sourceName);
        Landmarks tl = ReferenceFrames.landmarks(targetName), sl = ReferenceFrames.landmarks(sourceName);

        Mat out = MouthCompositor.compose(target, tl, source, sl);

        float[] poly = LowerFaceMask.polygon(tl.toArray(), LowerFaceGeometry.destinationLandmarks(tl, sl, sl));
        int[] win = MouthCompositor.window(poly, target.cols(), target.rows());
        byte[] a = bytes(target), b = bytes(out);
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
        System.out.printf("%s: target opening %.3f, source opening %.3f -> %s%n", stem,
                MouthShape.measure(tl).opening(), MouthShape.measure(sl).opening(), dir.resolve(stem + ".png"));
    }

    static byte[] bytes(Mat m) {
        Mat c = m.isContinuous() ? m : m.clone();
        byte[] out = new byte[(int) (c.total() * c.channels())];
        c.<ByteBuffer>createBuffer().get(out);
        return out;
    }
}
