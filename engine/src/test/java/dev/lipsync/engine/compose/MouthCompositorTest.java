package dev.lipsync.engine.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.landmarks.PointBounds;
import dev.lipsync.engine.landmarks.Similarity;
import dev.lipsync.engine.media.I420Frames;
import dev.lipsync.engine.media.MediaFixtures;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class MouthCompositorTest {

    @Test
    void sameFrameAsSourceGivesTheTargetBack() {
        Mat frame = SyntheticFace.texture(256, 256, 120, 1);
        Landmarks lm = SyntheticFace.landmarks(true);
        Mat out = MouthCompositor.compose(frame, lm, frame, lm);
        double psnr = psnr(MediaFixtures.bytes(frame), MediaFixtures.bytes(out));
        System.out.printf("identity compose: PSNR %.1f dB%n", psnr);
        assertTrue(psnr > 40, "PSNR " + psnr);
    }

    @Test
    void identityOnARealFrameIsNearlyLossless() throws Exception {
        Mat frame = ReferenceFrames.frame("video-retalking_1_t0.5.png");
        Landmarks lm = ReferenceFrames.landmarks("video-retalking_1_t0.5.png");
        double psnr = psnr(MediaFixtures.bytes(frame), MediaFixtures.bytes(MouthCompositor.compose(frame, lm, frame, lm)));
        System.out.printf("identity compose, real frame: PSNR %.1f dB%n", psnr);
        assertTrue(psnr > 40, "PSNR " + psnr);
    }

    /**
     * A small face (eye distance 36 px, as in a 160-px crop) whose own mouth is a dark opening,
     * given a closed source mouth of the same skin: no shadow of the dark opening may remain.
     * With blend levels chosen by the mask's deepest point alone, the coarse bands (weight still
     * 0 a few pixels under the nose) kept 85 % of the opening's darkness there (red 52).
     */
    @Test
    void aSmallFacesOwnOpenMouthDoesNotShowThrough() {
        Landmarks lm = LowerFaceGeometryTest.map(SyntheticFace.landmarks(false), new Similarity(0.35, 0, 10, 5));
        float[] xy = lm.toArray();
        double cx = (xy[2 * 62] + xy[2 * 66]) / 2, cy = (xy[2 * 62 + 1] + xy[2 * 66 + 1]) / 2;
        Mat source = new Mat(110, 110, org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                new org.bytedeco.opencv.opencv_core.Scalar(120, 140, 180, 0));
        Mat target = source.clone();
        org.bytedeco.opencv.global.opencv_imgproc.ellipse(target,
                new org.bytedeco.opencv.opencv_core.Point((int) Math.round(cx), (int) Math.round(cy)),
                new org.bytedeco.opencv.opencv_core.Size(7, 3), 0, 0, 360,
                new org.bytedeco.opencv.opencv_core.Scalar(20, 20, 30, 0), -1, 8, 0);
        Mat out = MouthCompositor.compose(target, lm, source, lm);
        byte[] px = MediaFixtures.bytes(out);
        int centre = 3 * ((int) Math.round(cy) * 110 + (int) Math.round(cx));
        int red = px[centre + 2] & 0xff;
        System.out.printf("small face, old dark mouth under a closed one: red %d (source 180, old mouth 30)%n", red);
        assertEquals(180, red, 6, "the old mouth shows through");
    }

    /** A dark target face and a bright source face, scaled, turned and shifted against it. */
    private static final class BrightOntoDark {
        final Mat target = SyntheticFace.texture(256, 256, 80, 2);
        final Mat source = SyntheticFace.texture(300, 280, 170, 3);
        final Landmarks targetLandmarks = SyntheticFace.landmarks(false);
        final Landmarks sourceLandmarks = LowerFaceGeometryTest.map(SyntheticFace.landmarks(true),
                new Similarity(1.1, 0.05, 10, 12));
    }

    /**
     * A source lit evenly onto a target lit from its left (30 levels brighter on its left cheek
     * than on its right): each cheek beside the new mouth keeps its own side's light, in BGR and
     * in I420. One shift for the whole mouth left the left cheek 17 levels too dark.
     */
    @Test
    void aTargetLitFromOneSideKeepsEachSidesLight() {
        Mat target = skin(256, 256, x -> 110 + 60 * (0.5 - x / 256.0), 5);
        Mat source = skin(300, 280, x -> 110, 6);
        Landmarks tl = SyntheticFace.landmarks(false);
        Landmarks sl = LowerFaceGeometryTest.map(SyntheticFace.landmarks(true), new Similarity(1.1, 0.05, 10, 12));
        int[] left = {55, 160, 15, 20}, right = {180, 160, 15, 20}; // beside the mouth's corners, inside the mask
        Mat bgr = MouthCompositor.compose(target, tl, source, sl);
        Mat i420 = I420Frames.fromBgr(target);
        try (MouthCompositor.Prepared prepared = MouthCompositor.prepare(tl, 256, 256, source, sl, sl)) {
            assertTrue(MouthCompositor.apply(i420, prepared, 1.0) != null);
        }
        for (Mat out : new Mat[] {bgr, I420Frames.toBgr(i420)}) {
            for (int[] box : new int[][] {left, right}) {
                assertEquals(meanGrey(target, box), meanGrey(out, box), 4, "cheek at x " + box[0]);
            }
        }
        assertTrue(meanGrey(target, left) - meanGrey(target, right) > 25, "the target is lit from one side");
    }

    /** An even, slightly noisy grey skin (B = G = R) whose brightness varies across: {@code light(x)}. */
    private static Mat skin(int w, int h, java.util.function.IntToDoubleFunction light, long seed) {
        java.util.Random r = new java.util.Random(seed);
        byte[] px = new byte[w * h * 3];
        for (int p = 0; p < w * h; p++) {
            byte v = (byte) Math.clamp(Math.round(light.applyAsDouble(p % w) + 3 * r.nextGaussian()), 0, 255);
            px[3 * p] = v;
            px[3 * p + 1] = v;
            px[3 * p + 2] = v;
        }
        Mat m = new Mat(h, w, org.bytedeco.opencv.global.opencv_core.CV_8UC3);
        m.data().put(px);
        return m;
    }

    /** The mean of a BGR image's channels over a box {x, y, width, height}. */
    private static double meanGrey(Mat bgr, int[] box) {
        byte[] px = MediaFixtures.bytes(bgr);
        double sum = 0;
        for (int y = box[1]; y < box[1] + box[3]; y++) {
            for (int x = box[0]; x < box[0] + box[2]; x++) {
                for (int c = 0; c < 3; c++) {
                    sum += px[3 * (y * bgr.cols() + x) + c] & 0xff;
                }
            }
        }
        return sum / (3.0 * box[2] * box[3]);
    }

    /** A bright source onto a dark target: only pixels inside the mask polygon may change, and the result repeats exactly. */
    @Test
    void changesNothingOutsideTheMaskAndIsDeterministic() {
        BrightOntoDark faces = new BrightOntoDark();
        Mat target = faces.target, source = faces.source;
        Landmarks tl = faces.targetLandmarks, sl = faces.sourceLandmarks;
        Mat out = MouthCompositor.compose(target, tl, source, sl);
        byte[] a = MediaFixtures.bytes(target), b = MediaFixtures.bytes(out);

        float[] poly = LowerFaceMask.polygon(tl.toArray(), LowerFaceGeometry.destinationLandmarks(tl, sl, sl));
        byte[] inside = LowerFaceMask.fill(poly, 0, 0, 256, 256);
        int changed = 0;
        for (int p = 0; p < 256 * 256; p++) {
            for (int c = 0; c < 3; c++) {
                if (a[3 * p + c] != b[3 * p + c]) {
                    assertEquals(1, inside[p], "changed outside the mask at " + p % 256 + "," + p / 256);
                    changed++;
                }
            }
        }
        assertTrue(changed > 5000, "changed " + changed);
        assertArrayEquals(b, MediaFixtures.bytes(MouthCompositor.compose(target, tl, source, sl)), "same inputs, same bytes");
    }

    /** The same composite on the frame held as I420: the same picture, and outside the mask the very same bytes. */
    @Test
    void anI420FrameGetsTheSameMouthAndKeepsEveryOtherByte() {
        BrightOntoDark faces = new BrightOntoDark();
        double psnr = composeI420(faces.target, faces.targetLandmarks, faces.source, faces.sourceLandmarks, 1.0, 2000);
        System.out.printf("I420 composite against the BGR one: PSNR %.1f dB%n", psnr);
    }

    /**
     * A mouth window at odd coordinates running off the frame's right and bottom edges, half
     * faded in: the I420 blend's window grows to even corners inside the frame, and the picture
     * and the untouched bytes are as for a window in the middle.
     */
    @Test
    void anI420FrameTakesAHalfFadedMouthRunningOffItsCorner() {
        BrightOntoDark faces = new BrightOntoDark();
        float[] poly = LowerFaceMask.polygon(faces.targetLandmarks.toArray(),
                LowerFaceGeometry.destinationLandmarks(faces.targetLandmarks, faces.sourceLandmarks, faces.sourceLandmarks));
        PointBounds b = PointBounds.of(poly);
        // shifts that put the polygon's right and bottom about 15 px beyond the frame, the window's corner odd
        int dx = (int) Math.round(256 - b.maxX() + 15), dy = (int) Math.round(256 - b.maxY() + 15);
        int[] window = MouthCompositor.window(shifted(poly, dx, dy), 256, 256);
        dx += 1 - (window[0] & 1);
        dy += 1 - (window[1] & 1);
        window = MouthCompositor.window(shifted(poly, dx, dy), 256, 256);
        assertEquals(1, window[0] & 1, "odd left edge");
        assertEquals(1, window[1] & 1, "odd top edge");
        assertEquals(256, window[0] + window[2], "runs off the right");
        assertEquals(256, window[1] + window[3], "runs off the bottom");
        Landmarks shifted = LowerFaceGeometryTest.map(faces.targetLandmarks, new Similarity(1, 0, dx, dy));
        double psnr = composeI420(faces.target, shifted, faces.source, faces.sourceLandmarks, 0.5, 500);
        System.out.printf("I420 composite at the corner, half faded, against the BGR one: PSNR %.1f dB%n", psnr);
    }

    private static float[] shifted(float[] xy, int dx, int dy) {
        float[] out = xy.clone();
        for (int i = 0; i < out.length; i += 2) {
            out[i] += dx;
            out[i + 1] += dy;
        }
        return out;
    }

    /**
     * Composites onto {@code target} held as I420 and as BGR, checks that only the mask's pixels
     * (and the chroma samples of 2 × 2 blocks with a pixel inside) changed, at least
     * {@code minChanged} luma bytes, and that both pictures agree: PSNR above 35 dB.
     */
    private static double composeI420(Mat target, Landmarks tl, Mat source, Landmarks sl, double strength,
                                      int minChanged) {
        int w = target.cols(), h = target.rows();
        Mat i420 = I420Frames.fromBgr(target);
        Mat before = i420.clone();
        // the BGR reference composites onto the picture the I420 frame shows
        Mat expected = MouthCompositor.compose(I420Frames.toBgr(i420), tl, source, sl, sl, strength);
        try (MouthCompositor.Prepared prepared = MouthCompositor.prepare(tl, w, h, source, sl, sl)) {
            assertTrue(MouthCompositor.apply(i420, prepared, strength) != null);
        }
        double psnr = psnr(MediaFixtures.bytes(expected), MediaFixtures.bytes(I420Frames.toBgr(i420)));
        assertTrue(psnr > 35, "I420 composite vs BGR composite: PSNR " + psnr + " (only 4:2:0 chroma differs)");

        float[] poly = LowerFaceMask.polygon(tl.toArray(), LowerFaceGeometry.destinationLandmarks(tl, sl, sl));
        byte[] inside = LowerFaceMask.fill(poly, 0, 0, w, h);
        byte[] a = MediaFixtures.bytes(before), b = MediaFixtures.bytes(i420);
        int changed = 0;
        for (int p = 0; p < w * h; p++) { // the Y plane: one byte per pixel
            if (a[p] != b[p]) {
                assertEquals(1, inside[p], "luma changed outside the mask at " + p % w + "," + p / w);
                changed++;
            }
        }
        assertTrue(changed > minChanged, "changed " + changed);
        int cw = w / 2, ch = h / 2;
        for (int q = 0; q < cw * ch; q++) { // U then V: one sample per 2 × 2 pixels
            int x = 2 * (q % cw), y = 2 * (q / cw);
            boolean anyInside = inside[y * w + x] == 1 || inside[y * w + x + 1] == 1
                    || inside[(y + 1) * w + x] == 1 || inside[(y + 1) * w + x + 1] == 1;
            for (int plane = 0; plane < 2; plane++) {
                int k = w * h + plane * cw * ch + q;
                if (a[k] != b[k]) {
                    assertTrue(anyInside, "chroma changed outside the mask at " + x + "," + y);
                }
            }
        }
        return psnr;
    }

    @Test
    void zeroStrengthLeavesTheFrameAlone() {
        Mat target = SyntheticFace.texture(256, 256, 80, 4);
        Mat source = SyntheticFace.texture(256, 256, 170, 5);
        Landmarks lm = SyntheticFace.landmarks(false);
        assertArrayEquals(MediaFixtures.bytes(target), MediaFixtures.bytes(MouthCompositor.compose(target, lm, source, lm, lm, 0)));
    }

    @Test
    void aFaceAtTheFrameEdgeIsClipped() {
        Mat target = SyntheticFace.texture(256, 200, 80, 6); // chin below the bottom edge
        Landmarks lm = SyntheticFace.landmarks(true);
        Mat out = MouthCompositor.compose(target, lm, SyntheticFace.texture(256, 256, 150, 7), lm);
        assertEquals(200, out.rows());
    }

    @Test
    void landmarksThatCannotBeAFaceLeaveTheFrameAlone() {
        Mat target = SyntheticFace.texture(256, 256, 80, 8);
        Mat source = SyntheticFace.texture(256, 256, 170, 9);
        Landmarks good = SyntheticFace.landmarks(false);
        float[] nan = good.toArray();
        nan[17] = Float.NaN;
        Landmarks collapsed = new Landmarks(new float[136]);
        Landmarks tiny = LowerFaceGeometryTest.map(good, new Similarity(0.05, 0, 0, 0));
        for (Landmarks bad : new Landmarks[] {new Landmarks(nan), collapsed, tiny}) {
            assertEquals(null, MouthCompositor.composeInPlace(target.clone(), bad, source, good, good, 1));
            assertEquals(null, MouthCompositor.composeInPlace(target.clone(), good, source, bad, bad, 1));
        }
        Landmarks huge = LowerFaceGeometryTest.map(good, new Similarity(4, 0, -300, -300));
        assertEquals(null, MouthCompositor.composeInPlace(target.clone(), good, source, huge, huge, 1));
        Landmarks offFrame = LowerFaceGeometryTest.map(good, new Similarity(1, 0, 900, 900));
        assertArrayEquals(MediaFixtures.bytes(target), MediaFixtures.bytes(MouthCompositor.compose(target, offFrame, source, good)));
    }

    static double psnr(byte[] a, byte[] b) {
        double se = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (a[i] & 0xff) - (b[i] & 0xff);
            se += d * d;
        }
        double mse = se / a.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255 * 255 / mse);
    }
}
