package dev.lipsync.engine.compose;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.landmarks.PointBounds;
import dev.lipsync.engine.media.MediaFixtures;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine keeps only {@link MouthCompositor#readWindow} of each donor frame: composing
 * from that crop must give the same picture as composing from the whole frame, also when the
 * two head poses differ and when the mouth is reshaped. Not always the same bytes: shifted
 * coordinates round differently in the warp's fixed-point interpolation (a level or two, on a few pixels).
 */
class ReadWindowTest {

    @ParameterizedTest
    @CsvSource({
        "video-retalking_1_t0.5.png, video-retalking_1_t2.2.png, 0.0, none",
        "video-retalking_2_t0.5.png, video-retalking_2_t3.9.png, 0.25, none",
        "video-retalking_4_t2.2.png, video-retalking_4_t0.5.png, 0.0, none",
        "IP_LAP_129_t0.5.png, IP_LAP_129_t2.2.png, 0.3, none",
        "MuseTalk_sun_t0.5.png, MuseTalk_sun_t2.2.png, 0.0, none",
        "video-retalking_4_t0.5.png, video-retalking_4_t3.9.png, 0.2, none",
        "video-retalking_1_t0.5.png, video-retalking_2_t3.9.png, 0.0, none",
        "video-retalking_2_t3.9.png, video-retalking_2_t0.5.png, 0.45, none",
        "video-retalking_1_t0.5.png, video-retalking_1_t2.2.png, 0.0, 0.1 0.11",
        "IP_LAP_129_t0.5.png, IP_LAP_129_t2.2.png, 0.3, -0.11 -0.1",
    })
    void compositeFromTheCropEqualsCompositeFromTheFrame(String targetName, String sourceName, double opening,
                                                         String neck) throws Exception {
        Mat target = ReferenceFrames.frame(targetName);
        Mat source = ReferenceFrames.frame(sourceName);
        Landmarks tl = ReferenceFrames.landmarks(targetName), sl = ReferenceFrames.landmarks(sourceName);
        Landmarks shape = opening > 0 ? MouthReshape.withOpening(sl, opening) : sl;
        // a neck shift (the donor's body elsewhere under its head) moves what the composite reads
        double[] neckShift = neck.equals("none") ? null
                : java.util.Arrays.stream(neck.split(" ")).mapToDouble(Double::parseDouble).toArray();

        int[] w = MouthCompositor.readWindow(tl, sl, shape, neckShift, source.cols(), source.rows());
        assertNotNull(w);
        // the lower face and what lies just under the chin: no more than the face landmarks' own box
        PointBounds face = PointBounds.of(sl.toArray());
        double faceArea = (face.maxX() - face.minX()) * (face.maxY() - face.minY());
        assertTrue(w[2] * (double) w[3] < faceArea, "window " + w[2] + "x" + w[3] + " vs face box area " + faceArea);
        // every source pixel the warp samples (and the bicubic neighbourhood around it) lies inside
        int[] dw = MouthCompositor.Placement.of(tl, sl, shape, target.cols(), target.rows()).window();
        LowerFaceGeometry.Mesh mesh = LowerFaceGeometry.mesh(tl, sl, shape, neckShift);
        MeshWarp.Maps maps = MeshWarp.maps(mesh.src(), mesh.dst(), mesh.triangles(), dw[0], dw[1], dw[2], dw[3]);
        for (int p = 0; p < maps.covered().length; p++) {
            if (maps.covered()[p]) {
                int sx = (int) Math.floor(maps.mapX()[p]), sy = (int) Math.floor(maps.mapY()[p]);
                // a neighbour past the frame's edge is the edge pixel itself, in the crop too
                boolean left = sx - 1 >= w[0] || w[0] == 0, above = sy - 1 >= w[1] || w[1] == 0;
                boolean right = sx + 2 < w[0] + w[2] || w[0] + w[2] == source.cols();
                boolean below = sy + 2 < w[1] + w[3] || w[1] + w[3] == source.rows();
                assertTrue(left && above && right && below,
                        "sample at " + maps.mapX()[p] + "," + maps.mapY()[p] + " outside the window");
            }
        }
        Mat crop = source.apply(new Rect(w[0], w[1], w[2], w[3])).clone();

        Mat fromFrame = composed(target, tl, source, sl, shape, neckShift);
        Mat fromCrop = composed(target, tl, crop, shift(sl, w), shift(shape, w), neckShift);
        byte[] a = MediaFixtures.bytes(fromFrame), b = MediaFixtures.bytes(fromCrop);
        int largest = 0;
        long differing = 0;
        for (int p = 0; p < a.length; p++) {
            int d = Math.abs((a[p] & 0xff) - (b[p] & 0xff));
            largest = Math.max(largest, d);
            differing += d > 0 ? 1 : 0;
        }
        assertTrue(largest <= 2, "largest difference " + largest + " levels");
        assertTrue(differing < a.length / 1000, differing + " of " + a.length + " bytes differ");
    }

    private static Mat composed(Mat target, Landmarks tl, Mat source, Landmarks sl, Landmarks shape, double[] neckShift) {
        Mat out = target.clone();
        try (MouthCompositor.Prepared p = MouthCompositor.prepare(tl, target.cols(), target.rows(), source, sl, shape,
                neckShift)) {
            MouthCompositor.apply(out, p, 1.0);
        }
        return out;
    }

    private static Landmarks shift(Landmarks l, int[] window) {
        float[] xy = l.toArray();
        for (int i = 0; i < xy.length; i += 2) {
            xy[i] -= window[0];
            xy[i + 1] -= window[1];
        }
        return new Landmarks(xy);
    }
}
