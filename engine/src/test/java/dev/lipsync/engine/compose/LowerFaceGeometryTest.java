package dev.lipsync.engine.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.FaceFrame;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.landmarks.Similarity;
import org.junit.jupiter.api.Test;

class LowerFaceGeometryTest {

    /** The source is the target seen larger, rolled and shifted: its mouth lands exactly on the target's. */
    @Test
    void sourceInAnotherPoseIsCarriedBackOntoTheTarget() {
        Landmarks target = SyntheticFace.landmarks(false);
        Similarity pose = new Similarity(1.3 * Math.cos(0.2), 1.3 * Math.sin(0.2), 40, -25);
        Landmarks source = map(target, pose);
        float[] dst = LowerFaceGeometry.destinationLandmarks(target, source, source);
        float[] t = target.toArray();
        for (int i = 0; i < 136; i++) {
            assertEquals(t[i], dst[i], 1e-3, "coordinate " + i);
        }
    }

    @Test
    void destinationTakesTheSourcesMouthAndJawButKeepsTheTargetsUpperFace() {
        Landmarks target = SyntheticFace.landmarks(false);
        Landmarks source = SyntheticFace.landmarks(true); // same pose, lower lip and chin 12 px lower
        float[] dst = LowerFaceGeometry.destinationLandmarks(target, source, source);
        assertEquals(target.y(8) + 12, dst[2 * 8 + 1], 1e-3);
        assertEquals(target.y(66) + 12, dst[2 * 66 + 1], 1e-3);
        assertEquals(target.y(51), dst[2 * 51 + 1], 1e-3);
        assertEquals(target.y(2), dst[2 * 2 + 1], 0f);
        assertEquals(target.y(30), dst[2 * 30 + 1], 0f);
    }

    @Test
    void meshRingEnclosesEveryPointAndTilesWithoutGaps() {
        Landmarks target = SyntheticFace.landmarks(false);
        Landmarks source = map(SyntheticFace.landmarks(true), new Similarity(0.9, 0.1, 30, 10));
        LowerFaceGeometry.Mesh mesh = LowerFaceGeometry.mesh(target, source, source);
        assertEquals(LowerFaceGeometry.RING_POINTS + LowerFaceGeometry.NECK_UNDER.length + LowerFaceGeometry.MESH_LANDMARKS.length, mesh.size());
        // The ring is the convex hull: triangles cover exactly the ring polygon.
        double ringArea = 0;
        float[] d = mesh.dst();
        int n = LowerFaceGeometry.RING_POINTS;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            ringArea += 0.5 * (d[2 * i] * d[2 * j + 1] - d[2 * j] * d[2 * i + 1]);
        }
        assertEquals(Math.abs(ringArea), DelaunayTest.totalArea(d, mesh.triangles()), 1e-3 * Math.abs(ringArea));
    }

    /**
     * With a neck shift the neck anchors' source points are read in the source's own face frame,
     * where the source shows what the target shows at the anchor (shifted): not through the
     * head's similarity, which a turned nose pulls aside. Nothing else moves.
     */
    @Test
    void aNeckShiftPlacesOnlyTheNeckAnchorsSourcesInTheSourcesOwnFaceFrame() {
        Landmarks target = SyntheticFace.landmarks(false);
        Similarity pose = new Similarity(1.2 * Math.cos(0.1), 1.2 * Math.sin(0.1), 30, -10);
        float[] turned = map(SyntheticFace.landmarks(true), pose).toArray();
        for (int i = 27; i <= 35; i++) {
            turned[2 * i] += 6; // the nose turned aside: the similarity moves, the eyes do not
        }
        Landmarks source = new Landmarks(turned);
        LowerFaceGeometry.Mesh carried = LowerFaceGeometry.mesh(target, source, source);
        double[] shift = {0.06, -0.09};
        LowerFaceGeometry.Mesh moved = LowerFaceGeometry.mesh(target, source, source, shift);
        int firstAnchor = LowerFaceGeometry.RING_POINTS, anchors = LowerFaceGeometry.NECK_UNDER.length;
        assertEquals(carried.size() + anchors, moved.size(), "a second row of neck anchors, inside the mask");
        FaceFrame f = FaceFrame.of(target), own = FaceFrame.of(source);
        for (int k = 0; k < anchors; k++) { // the second row: the body-row depth under the lower chin
            int o = 2 * (firstAnchor + anchors + k);
            double chin = f.v(carried.dst()[2 * (firstAnchor + k)], carried.dst()[2 * (firstAnchor + k) + 1])
                    - LowerFaceGeometry.NECK_ANCHOR;
            assertEquals(chin + LowerFaceGeometry.NECK_BODY_ROW, f.v(moved.dst()[o], moved.dst()[o + 1]), 1e-4);
            double u = f.u(moved.dst()[o], moved.dst()[o + 1]) + shift[0], v = f.v(moved.dst()[o], moved.dst()[o + 1]) + shift[1];
            assertEquals(own.x(u, v), moved.src()[o], 1e-3);
            assertEquals(own.y(u, v), moved.src()[o + 1], 1e-3);
        }
        // the rest, in the same order after the second row
        float[] rest = new float[2 * carried.size()], restSrc = new float[2 * carried.size()];
        for (int k = 0, j = 0; k < moved.size(); k++) {
            if (k >= firstAnchor + anchors && k < firstAnchor + 2 * anchors) {
                continue;
            }
            rest[2 * j] = moved.dst()[2 * k];
            rest[2 * j + 1] = moved.dst()[2 * k + 1];
            restSrc[2 * j] = moved.src()[2 * k];
            restSrc[2 * j + 1] = moved.src()[2 * k + 1];
            j++;
        }
        for (int i = 0; i < 2 * carried.size(); i++) {
            assertEquals(carried.dst()[i], rest[i], 0f, "destinations stay: " + i);
        }
        Similarity carriedBy = LowerFaceGeometry.sourceToTarget(target, source).inverse();
        for (int k = 0; k < carried.size(); k++) {
            boolean anchor = k >= firstAnchor && k < firstAnchor + anchors;
            double dx = restSrc[2 * k] - carried.src()[2 * k], dy = restSrc[2 * k + 1] - carried.src()[2 * k + 1];
            if (!anchor) {
                assertEquals(0, Math.hypot(dx, dy), 0, "only the neck anchors move: vertex " + k);
                continue;
            }
            double u = f.u(carried.dst()[2 * k], carried.dst()[2 * k + 1]) + shift[0];
            double v = f.v(carried.dst()[2 * k], carried.dst()[2 * k + 1]) + shift[1];
            assertEquals(own.x(u, v), restSrc[2 * k], 1e-3);
            assertEquals(own.y(u, v), restSrc[2 * k + 1], 1e-3);
            double hx = carriedBy.x(f.x(u, v), f.y(u, v)), hy = carriedBy.y(f.x(u, v), f.y(u, v));
            assertTrue(Math.hypot(hx - restSrc[2 * k], hy - restSrc[2 * k + 1]) > 1,
                    "not where the similarity, pulled aside by the nose, would carry the shifted point");
        }
        LowerFaceGeometry.Mesh still = LowerFaceGeometry.mesh(target, source, source, new double[] {0, 0});
        for (int k = firstAnchor; k < firstAnchor + anchors; k++) {
            double u = f.u(carried.dst()[2 * k], carried.dst()[2 * k + 1]), v = f.v(carried.dst()[2 * k], carried.dst()[2 * k + 1]);
            assertEquals(own.x(u, v), still.src()[2 * k], 1e-3, "a body right under the head: the same place in both frames");
        }
    }

    @Test
    void maskReachesBelowTheLowerOfTheTwoChins() {
        Landmarks closed = SyntheticFace.landmarks(false), open = SyntheticFace.landmarks(true);
        double eye = dev.lipsync.engine.mouth.MouthShape.eyeDistance(closed);
        // New jaw opens further: mask bottom is below the new chin.
        float[] poly = LowerFaceMask.polygon(closed.toArray(), LowerFaceGeometry.destinationLandmarks(closed, open, open));
        assertEquals(open.y(8) + LowerFaceMask.CHIN_MARGIN * eye, maxY(poly), 0.5);
        // New jaw opens less: mask still covers the old chin, so it cannot show through.
        poly = LowerFaceMask.polygon(open.toArray(), LowerFaceGeometry.destinationLandmarks(open, closed, closed));
        assertEquals(open.y(8) + LowerFaceMask.CHIN_MARGIN * eye, maxY(poly), 0.5);
        // Sides stay inside the face; top is under the nose.
        float minX = Float.MAX_VALUE, maxX = -Float.MAX_VALUE;
        for (int i = 0; i < poly.length; i += 2) {
            minX = Math.min(minX, poly[i]);
            maxX = Math.max(maxX, poly[i]);
        }
        assertTrue(minX > open.x(2) + 0.05 * eye, "left side inside the jaw line");
        assertTrue(maxX < open.x(14) - 0.05 * eye, "right side inside the jaw line");
        for (int k = 13; k < 18; k++) { // the top edge runs along the nose base 35 … 31, just below it
            int nose = 35 - (k - 13);
            assertEquals(open.y(nose) + LowerFaceMask.TOP_MARGIN * eye, poly[2 * k + 1], 1.0, "top under point " + nose);
        }
    }

    /**
     * The jaw's lower corners (landmarks 5 and 11) stay inside the target's jaw line, as the
     * cheeks do, whichever way the jaw moves: a donor's own jaw line there may border hair or
     * background (a dark streak on the jaw in tight_crop_noaudio, where the hair falls along it).
     */
    @Test
    void theJawsLowerCornersStayInsideTheFace() {
        Landmarks closed = SyntheticFace.landmarks(false), open = SyntheticFace.landmarks(true);
        for (Landmarks[] pair : new Landmarks[][] {{closed, open}, {open, closed}}) {
            Landmarks target = pair[0], source = pair[1];
            float[] poly = LowerFaceMask.polygon(target.toArray(),
                    LowerFaceGeometry.destinationLandmarks(target, source, source));
            FaceFrame f = FaceFrame.of(target);
            int[][] cornerAndVertex = {{5, 3}, {11, 9}}; // the polygon runs over landmarks 2 … 14, then the nose
            for (int[] cv : cornerAndVertex) {
                double tu = f.u(target.x(cv[0]), target.y(cv[0])), tv = f.v(target.x(cv[0]), target.y(cv[0]));
                double pu = f.u(poly[2 * cv[1]], poly[2 * cv[1] + 1]), pv = f.v(poly[2 * cv[1]], poly[2 * cv[1] + 1]);
                assertEquals(Math.abs(tu) - LowerFaceMask.SIDE_INSET, Math.abs(pu), 1e-4, "landmark " + cv[0] + " inset");
                assertEquals(tv, pv, 1e-4, "landmark " + cv[0] + " at the target's height");
            }
        }
    }

    @Test
    void polygonFillCountsPixelCentres() {
        byte[] m = LowerFaceMask.fill(new float[] {1.5f, 1.5f, 5.5f, 1.5f, 5.5f, 4.5f, 1.5f, 4.5f}, 0, 0, 8, 6);
        int sum = 0;
        for (byte b : m) {
            sum += b;
        }
        assertEquals(4 * 3, sum); // x 2..5, y 2..4
        assertEquals(1, m[2 * 8 + 2]);
        assertEquals(0, m[1 * 8 + 2]);
    }

    static float maxY(float[] poly) {
        float m = -Float.MAX_VALUE;
        for (int i = 1; i < poly.length; i += 2) {
            m = Math.max(m, poly[i]);
        }
        return m;
    }

    static Landmarks map(Landmarks l, Similarity s) {
        float[] xy = l.toArray();
        for (int i = 0; i < 68; i++) {
            double x = xy[2 * i], y = xy[2 * i + 1];
            xy[2 * i] = (float) s.x(x, y);
            xy[2 * i + 1] = (float) s.y(x, y);
        }
        return new Landmarks(xy);
    }

    @Test
    void mouthDepthIsTheShallowestOuterLipPointOfEitherMouth() {
        int w = 40, h = 30;
        float[] distance = new float[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                distance[r * w + c] = r; // depth = distance to the window's top edge
            }
        }
        float[] target = new float[136], destination = new float[136];
        for (int i = 48; i <= 67; i++) {
            target[2 * i] = 20;
            target[2 * i + 1] = 15;
            destination[2 * i] = 20;
            destination[2 * i + 1] = 18;
        }
        target[2 * 51 + 1] = 9.4f; // the target's upper lip top, nearest pixel row 9
        destination[2 * 57 + 1] = 25;
        target[2 * 62 + 1] = 2; // an inner-lip point does not count
        assertEquals(9.0, LowerFaceMask.mouthDepth(distance, target, destination, 0, 0, w, h), 1e-9);
        assertEquals(4.0, LowerFaceMask.mouthDepth(distance, target, destination, 0, 5, w, h), 1e-9,
                "a window lower down: row 4 of it");
        destination[2 * 48] = 45; // a mouth corner outside the window: no depth at all
        assertEquals(0.0, LowerFaceMask.mouthDepth(distance, target, destination, 0, 0, w, h), 1e-9);
    }
}
