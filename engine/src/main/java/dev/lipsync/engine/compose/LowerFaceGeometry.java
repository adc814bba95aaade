package dev.lipsync.engine.compose;

import dev.lipsync.engine.landmarks.FaceFrame;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.landmarks.Similarity;

/**
 * Where the new lower face goes in the target frame. The target keeps its own stable points
 * (eyes, nose, upper jaw); the source's mouth and lower jaw are carried into the target's pose
 * by a similarity fitted on the stable points, so the new mouth shape appears where the
 * target's head is. Pure functions over landmark arrays.
 */
final class LowerFaceGeometry {
    private LowerFaceGeometry() {}

    /**
     * Points that do not move with speech and fix the head pose: eye corners, the nose, and the
     * face's sides above the jaw angle (0–2, 14–16).
     */
    static final int[] STABLE = concat(range(27, 35), new int[] {36, 39, 42, 45}, range(0, 2), range(14, 16));

    /**
     * Weights of {@link #STABLE}. Eyes and nose alone keep a source's jaw drop exactly when the
     * two head poses match, but when the head is pitched differently they carry the mouth too
     * far from the nose (on real pairs: chin placed 0.20 eye distances low for an opening
     * difference of 0.06). The face sides pull the fit towards the lower face's real scale; at
     * half weight they cost a matched pair part of its jaw drop (0.036 instead of 0.090 for an
     * opening difference of 0.14) and fix the pitched pair (0.064).
     */
    static final double[] STABLE_WEIGHTS = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};

    /** Lower jaw (4–12) and all lip points: what the source frame contributes. */
    static final int[] CARRIED = concat(range(4, 12), range(48, 67));

    /** The landmarks that enter the warp mesh (upper face beyond the eye corners is irrelevant). */
    static final int[] MESH_LANDMARKS = concat(range(0, 16), range(27, 35), new int[] {36, 39, 42, 45}, range(48, 67));

    /** Number of points on the fixed outer ring around the lower face. */
    static final int RING_POINTS = 20;

    /** Ring clearance beyond the outermost mesh point, in eye distances. */
    static final double RING_MARGIN = 0.45;

    /** Jaw points (chin) under which a neck anchor sits. */
    static final int[] NECK_UNDER = range(5, 11);

    /**
     * How far below the lower of the two chins the neck anchors sit, in eye distances: just past
     * the mask's edge, so the neck is carried rigidly where the mask fades out and only the band
     * right under the jaw stretches when the jaw moves.
     */
    static final double NECK_ANCHOR = LowerFaceMask.CHIN_MARGIN + 0.08;

    /**
     * Where the source's body lies is known ({@link #mesh(Landmarks, Landmarks, Landmarks,
     * double[])}): a second row of neck anchors this far below the lower chin, in eye distances,
     * inside the mask, so the collar sits where the body puts it across the mask's lower fade and
     * not only past its edge (one row left half the shift to the band's interpolation, and a faint
     * collar line where the fade met it); far enough under the chin that no measured shift lifts
     * it over the source's jaw.
     */
    static final double NECK_BODY_ROW = 0.2;

    /** Source and destination mesh vertices (interleaved x, y; same order) and their triangles. */
    record Mesh(float[] src, float[] dst, int[] triangles) {
        int size() {
            return src.length / 2;
        }
    }

    /** The similarity taking the source frame's stable points onto the target frame's. */
    static Similarity sourceToTarget(Landmarks target, Landmarks source) {
        return Similarity.fit(source.toArray(), target.toArray(), STABLE, STABLE_WEIGHTS);
    }

    /**
     * How badly the two head poses disagree: weighted RMS distance of the stable points after the
     * similarity fit, in the target's eye distances. Same pose ≈ 0.02–0.06 on real pairs; a
     * visibly different head pitch ≈ 0.12.
     */
    static double alignmentError(Landmarks target, Landmarks source) {
        Similarity s = sourceToTarget(target, source);
        float[] t = target.toArray(), f = source.toArray();
        double sum = 0, n = 0;
        for (int k = 0; k < STABLE.length; k++) {
            int i = STABLE[k];
            double dx = s.x(f[2 * i], f[2 * i + 1]) - t[2 * i], dy = s.y(f[2 * i], f[2 * i + 1]) - t[2 * i + 1];
            sum += STABLE_WEIGHTS[k] * (dx * dx + dy * dy);
            n += STABLE_WEIGHTS[k];
        }
        return Math.sqrt(sum / n) / FaceFrame.of(t).eyeDistance();
    }

    /**
     * The 68 destination landmarks in the target frame: the target's own points, with the
     * carried points (lower jaw, lips) replaced by {@code sourceShape}'s carried into the target.
     *
     * @param sourceShape the wanted mouth shape in source-frame coordinates: normally the source's
     *     own landmarks, or a reshaped copy of them (see {@link MouthReshape})
     */
    static float[] destinationLandmarks(Landmarks target, Landmarks source, Landmarks sourceShape) {
        Similarity s = sourceToTarget(target, source);
        float[] out = target.toArray();
        float[] shape = sourceShape.toArray();
        for (int i : CARRIED) {
            double x = shape[2 * i], y = shape[2 * i + 1];
            out[2 * i] = (float) s.x(x, y);
            out[2 * i + 1] = (float) s.y(x, y);
        }
        return out;
    }

    /**
     * The warp mesh: the mesh landmarks (source positions → destination positions) plus a ring
     * of points around the lower face, fixed rigidly to the head, so the warp fades into a plain
     * similarity away from the face and is continuous everywhere.
     */
    static Mesh mesh(Landmarks target, Landmarks source, Landmarks sourceShape) {
        return mesh(target, source, sourceShape, NECK_WITH_HEAD);
    }

    /** No word on where the source's body lies: its neck is carried with its head. */
    static final double[] NECK_WITH_HEAD = null;

    /**
     * As {@link #mesh(Landmarks, Landmarks, Landmarks)}, with the neck anchors' source points
     * where the source shows the body point the target shows there: {@code neckShift} (du, dv)
     * says that what the target shows at (u, v) along and down its face (eye distances from its
     * eye line, {@code FaceFrame}) the source shows at (u + du, v + dv) along and down its own
     * ({@code face.UnderChinPatch#bodyShift}). Read in the source's own face frame, not through
     * the head's similarity: the two disagree by a few pixels under the chin when the head is
     * turned otherwise, and that disagreement drew the source's collar edge beside the target's.
     * Only the band under the jaw moves with it; {@link #NECK_WITH_HEAD} (null) carries the neck
     * with the head.
     */
    static Mesh mesh(Landmarks target, Landmarks source, Landmarks sourceShape, double[] neckShift) {
        Similarity s = sourceToTarget(target, source);
        Similarity inv = s.inverse();
        float[] dstLm = destinationLandmarks(target, source, sourceShape);
        float[] srcLm = source.toArray();
        int m = MESH_LANDMARKS.length;
        int rows = neckShift == null ? 1 : 2;
        int a = rows * NECK_UNDER.length, first = RING_POINTS + a;
        float[] src = new float[2 * (first + m)];
        float[] dst = new float[2 * (first + m)];

        // Ring first: Delaunay then inserts the landmarks into a well-shaped convex hull.
        FaceFrame f = FaceFrame.of(target), sourceFrame = FaceFrame.of(source);
        double[] uv = new double[4 * m];
        double uc = 0, vMin = Double.MAX_VALUE, vMax = -Double.MAX_VALUE;
        for (int k = 0; k < m; k++) {
            int i = MESH_LANDMARKS[k];
            double sx = s.x(srcLm[2 * i], srcLm[2 * i + 1]), sy = s.y(srcLm[2 * i], srcLm[2 * i + 1]);
            uv[4 * k] = f.u(dstLm[2 * i], dstLm[2 * i + 1]);
            uv[4 * k + 1] = f.v(dstLm[2 * i], dstLm[2 * i + 1]);
            uv[4 * k + 2] = f.u(sx, sy);
            uv[4 * k + 3] = f.v(sx, sy);
        }
        float[] target0 = target.toArray();
        double[] anchors = new double[2 * a];
        for (int k = 0; k < a; k++) {
            int j = NECK_UNDER[k % NECK_UNDER.length];
            double tu = f.u(target0[2 * j], target0[2 * j + 1]), tv = f.v(target0[2 * j], target0[2 * j + 1]);
            double nu = f.u(dstLm[2 * j], dstLm[2 * j + 1]), nv = f.v(dstLm[2 * j], dstLm[2 * j + 1]);
            anchors[2 * k] = nv > tv ? nu : tu;
            anchors[2 * k + 1] = Math.max(tv, nv) + (k < NECK_UNDER.length ? NECK_ANCHOR : NECK_BODY_ROW);
            vMax = Math.max(vMax, anchors[2 * k + 1]);
        }
        for (int k = 0; k < 2 * m; k++) {
            vMin = Math.min(vMin, uv[2 * k + 1]);
            vMax = Math.max(vMax, uv[2 * k + 1]);
        }
        double vc = (vMin + vMax) / 2, au = 1e-3, av = 1e-3;
        for (int k = 0; k < 2 * m; k++) {
            au = Math.max(au, Math.abs(uv[2 * k] - uc));
            av = Math.max(av, Math.abs(uv[2 * k + 1] - vc));
        }
        for (int k = 0; k < a; k++) {
            au = Math.max(au, Math.abs(anchors[2 * k] - uc));
            av = Math.max(av, Math.abs(anchors[2 * k + 1] - vc));
        }
        double reach = 0;
        for (int k = 0; k < 2 * m + a; k++) {
            double pu = k < 2 * m ? uv[2 * k] : anchors[2 * (k - 2 * m)];
            double pv = k < 2 * m ? uv[2 * k + 1] : anchors[2 * (k - 2 * m) + 1];
            double eu = (pu - uc) / au, ev = (pv - vc) / av;
            reach = Math.max(reach, Math.sqrt(eu * eu + ev * ev));
        }
        au = au * reach + RING_MARGIN;
        av = av * reach + RING_MARGIN;
        for (int r = 0; r < RING_POINTS; r++) {
            double t = 2 * Math.PI * (r + 0.5) / RING_POINTS;
            double u = uc + au * Math.cos(t), v = vc + av * Math.sin(t);
            double x = f.x(u, v), y = f.y(u, v);
            dst[2 * r] = (float) x;
            dst[2 * r + 1] = (float) y;
            src[2 * r] = (float) inv.x(x, y);
            src[2 * r + 1] = (float) inv.y(x, y);
        }
        for (int k = 0; k < a; k++) { // neck anchors: rigid, like the ring
            double x = f.x(anchors[2 * k], anchors[2 * k + 1]), y = f.y(anchors[2 * k], anchors[2 * k + 1]);
            int o = 2 * (RING_POINTS + k);
            dst[o] = (float) x;
            dst[o + 1] = (float) y;
            if (neckShift == null) {
                src[o] = (float) inv.x(x, y);
                src[o + 1] = (float) inv.y(x, y);
            } else {
                double u = anchors[2 * k] + neckShift[0], v = anchors[2 * k + 1] + neckShift[1];
                src[o] = (float) sourceFrame.x(u, v);
                src[o + 1] = (float) sourceFrame.y(u, v);
            }
        }
        for (int k = 0; k < m; k++) {
            int i = MESH_LANDMARKS[k], o = 2 * (first + k);
            src[o] = srcLm[2 * i];
            src[o + 1] = srcLm[2 * i + 1];
            dst[o] = dstLm[2 * i];
            dst[o + 1] = dstLm[2 * i + 1];
        }
        separateCoincident(dst);
        return new Mesh(src, dst, Delaunay.triangulate(dst));
    }

    /**
     * A closed mouth puts upper and lower inner-lip points on top of each other; Delaunay needs
     * distinct points, so later duplicates are pushed a fraction of a pixel down (deterministic).
     */
    static void separateCoincident(float[] xy) {
        int n = xy.length / 2;
        for (int i = 1; i < n; i++) {
            boolean moved;
            do {
                moved = false;
                for (int j = 0; j < i; j++) {
                    if (Math.abs(xy[2 * i] - xy[2 * j]) < 0.25f && Math.abs(xy[2 * i + 1] - xy[2 * j + 1]) < 0.25f) {
                        xy[2 * i + 1] += 0.3f;
                        moved = true;
                    }
                }
            } while (moved);
        }
    }

    static int[] range(int from, int toInclusive) {
        int[] r = new int[toInclusive - from + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int k = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }
}
