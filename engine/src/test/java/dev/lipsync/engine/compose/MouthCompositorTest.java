package dev.lipsync.engine.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.Landmarks;
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
        Mat target = faces.target, source = faces.source;
        Landmarks tl = faces.targetLandmarks, sl = faces.sourceLandmarks;
        Mat i420 = I420Frames.fromBgr(target);
        Mat before = i420.clone();
        // the BGR reference composites onto the picture the I420 frame shows
        Mat shown = I420Frames.toBgr(i420);
        Mat expected = MouthCompositor.compose(shown, tl, source, sl);
        try (MouthCompositor.Prepared prepared = MouthCompositor.prepare(tl, 256, 256, source, sl, sl)) {
            assertTrue(MouthCompositor.apply(i420, prepared, 1.0) != null);
        }
        double psnr = psnr(MediaFixtures.bytes(expected), MediaFixtures.bytes(I420Frames.toBgr(i420)));
        System.out.printf("I420 composite against the BGR one: PSNR %.1f dB%n", psnr);
        assertTrue(psnr > 35, "I420 composite vs BGR composite: PSNR " + psnr + " (only 4:2:0 chroma differs)");

        float[] poly = LowerFaceMask.polygon(tl.toArray(), LowerFaceGeometry.destinationLandmarks(tl, sl, sl));
        byte[] inside = LowerFaceMask.fill(poly, 0, 0, 256, 256);
        byte[] a = MediaFixtures.bytes(before), b = MediaFixtures.bytes(i420);
        int changed = 0;
        for (int p = 0; p < 256 * 256; p++) { // the Y plane: one byte per pixel
            if (a[p] != b[p]) {
                assertEquals(1, inside[p], "luma changed outside the mask at " + p % 256 + "," + p / 256);
                changed++;
            }
        }
        assertTrue(changed > 2000, "changed " + changed);
        for (int q = 0; q < 128 * 128; q++) { // U then V: one sample per 2 × 2 pixels
            int x = 2 * (q % 128), y = 2 * (q / 128);
            boolean anyInside = inside[y * 256 + x] == 1 || inside[y * 256 + x + 1] == 1
                    || inside[(y + 1) * 256 + x] == 1 || inside[(y + 1) * 256 + x + 1] == 1;
            for (int plane = 0; plane < 2; plane++) {
                int k = 256 * 256 + plane * 128 * 128 + q;
                if (a[k] != b[k]) {
                    assertTrue(anyInside, "chroma changed outside the mask at " + x + "," + y);
                }
            }
        }
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
