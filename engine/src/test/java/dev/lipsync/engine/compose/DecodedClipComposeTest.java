package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.media.MediaFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * Frames decoded from a real clip with JavaCV (as the video loop will hand them over), the mouth
 * at 2.2 s composed onto the frame at 0.5 s. The reference landmarks were computed on these
 * frames scaled to 640 px, so they are scaled back to the clip's 700 px.
 */
class DecodedClipComposeTest {

    @Test
    void composesAcrossTwoDecodedFramesOfAClip() throws Exception {
        Path clip = Path.of(System.getProperty("lipsync.shared.dir", "../../shared"), "media", "video", "man_suit_en.mp4");
        assumeTrue(Files.isRegularFile(clip), "shared media absent at " + clip.toAbsolutePath() + ": skipping");
        Mat target, source;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile());
             OpenCVFrameConverter.ToMat toMat = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            target = frameAt(grabber, toMat, 0.5);
            source = frameAt(grabber, toMat, 2.2);
        }
        double k = target.cols() / 640.0;
        Landmarks tl = scaled(ReferenceFrames.landmarks("video-retalking_1_t0.5.png"), k);
        Landmarks sl = scaled(ReferenceFrames.landmarks("video-retalking_1_t2.2.png"), k);

        Mat out = MouthCompositor.compose(target, tl, source, sl);

        assertEquals(target.cols(), out.cols());
        float[] destination = LowerFaceGeometry.destinationLandmarks(tl, sl, sl);
        byte[] inside = LowerFaceMask.fill(LowerFaceMask.polygon(tl.toArray(), destination), 0, 0, target.cols(), target.rows());
        byte[] a = MediaFixtures.bytes(target), b = MediaFixtures.bytes(out);
        int changed = 0;
        for (int p = 0; p < a.length; p++) {
            if (a[p] != b[p]) {
                assertEquals(1, inside[p / 3], "changed outside the mask");
                changed++;
            }
        }
        assertTrue(changed > 1000);
        Path dir = Path.of("target", "compose");
        Files.createDirectories(dir);
        imwrite(dir.resolve("man_suit_en_0.5s__from__2.2s.png").toString(), out);
        imwrite(dir.resolve("man_suit_en_0.5s__from__2.2s_outline.png").toString(),
                RealFrameComposeTest.outline(out, LowerFaceMask.polygon(tl.toArray(), destination), tl.toArray(), destination));
    }

    /** The first decoded frame at or after {@code seconds}, copied out of the grabber's buffer. */
    private static Mat frameAt(FFmpegFrameGrabber grabber, OpenCVFrameConverter.ToMat toMat, double seconds) throws Exception {
        Frame f;
        while ((f = grabber.grabImage()) != null) {
            if (f.timestamp >= seconds * 1e6 - 1000) {
                return toMat.convert(f).clone();
            }
        }
        throw new IllegalStateException("clip ends before " + seconds + " s");
    }

    private static Landmarks scaled(Landmarks l, double k) {
        float[] xy = l.toArray();
        for (int i = 0; i < xy.length; i++) {
            xy[i] = (float) ((xy[i] + 0.5) * k - 0.5); // pixel centres scale about the image corner
        }
        return new Landmarks(xy);
    }
}
