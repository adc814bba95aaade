package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;

import dev.lipsync.engine.landmarks.FaceFrame;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.landmarks.PointBounds;
import dev.lipsync.engine.media.I420Frames;
import java.nio.ByteBuffer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Renders a source frame's mouth, jaw and lower face onto a target frame of the same person:
 * piecewise-affine warp into the target's pose ({@link LowerFaceGeometry}, {@link MeshWarp}),
 * a lower-face mask inside the target face ({@link LowerFaceMask}), colour matched on cheek
 * skin ({@link ColourMatch}) and multi-band blended ({@link PyramidBlend}). Only a window around
 * the lower face is processed; every pixel outside the mask is left exactly as it was.
 * Deterministic: the same inputs give the same bytes. Thread-safe (no shared state).
 */
public final class MouthCompositor {
    private MouthCompositor() {}

    /** Width of the mask's soft edge for the finest band, in eye distances; each coarser band's is half that wider. */
    static final double FEATHER = 0.08;
    /**
     * Pyramid levels below full resolution, at most. Two keep every band's transition within about
     * 0.3 eye distances of the mask edge (see {@link LowerFaceMask#CHIN_MARGIN}); a level that
     * would not reach full weight at the mouth takes the finer level's weights (small faces, see
     * {@link PyramidBlend#fitToMouth}).
     */
    static final int MAX_LEVELS = 2;

    /** Ramp width of pyramid level k, in pixels. */
    static double ramp(int level, double eyeDistance) {
        return Math.max(1.0, FEATHER * eyeDistance * (1 + 0.5 * level));
    }

    /** The source frame's lower face in its own shape, fully blended. Returns a new frame. */
    public static Mat compose(Mat target, Landmarks targetLandmarks, Mat source, Landmarks sourceLandmarks) {
        return compose(target, targetLandmarks, source, sourceLandmarks, sourceLandmarks, 1.0);
    }

    /**
     * @param sourceShape the mouth shape to show, in source-frame coordinates: {@code sourceLandmarks}
     *     itself, or a reshaped copy from {@link MouthReshape#withOpening}
     * @param strength 0 (target unchanged) … 1 (full replacement), for cross-fades at segment edges
     * @return a new frame; {@code target} is not modified
     */
    public static Mat compose(Mat target, Landmarks targetLandmarks, Mat source, Landmarks sourceLandmarks,
                              Landmarks sourceShape, double strength) {
        Mat out = target.clone();
        composeInPlace(out, targetLandmarks, source, sourceLandmarks, sourceShape, strength);
        return out;
    }

    /** Faces smaller than this (eye distance in pixels) are left alone: too few pixels to improve. */
    static final double MIN_EYE_DISTANCE = 8;
    /** Source/target scale ratios outside [1/MAX_SCALE, MAX_SCALE] mean mismatched landmarks, not a face. */
    static final double MAX_SCALE = 3;

    /**
     * Like {@link #compose} but writes into {@code frame} (CV_8UC3, BGR).
     *
     * @return the window that may have changed as {x, y, width, height}, or null when nothing
     *     changed: zero strength, a face too small or off-frame, or landmarks that cannot be a
     *     face (non-finite, eyes on top of each other, absurd scale between source and target);
     *     such frames pass through untouched rather than failing the job
     */
    public static int[] composeInPlace(Mat frame, Landmarks targetLandmarks, Mat source, Landmarks sourceLandmarks,
                                       Landmarks sourceShape, double strength) {
        if (frame.type() != CV_8UC3 || source.type() != CV_8UC3) {
            throw new IllegalArgumentException("frames must be CV_8UC3 (BGR)");
        }
        if (!(strength > 0)) {
            return null;
        }
        try (Prepared prepared = prepare(targetLandmarks, frame.cols(), frame.rows(), source, sourceLandmarks,
                sourceShape)) {
            return prepared == null ? null : apply(frame, prepared, strength);
        }
    }

    /**
     * The part of a composite that does not read the target frame's pixels: the source warped
     * into the target's pose, the mask's distance map and blend weights. It can be made ahead
     * of time on another thread; {@link #apply} finishes the composite. Close it when done.
     */
    public static final class Prepared implements AutoCloseable {
        final int[] window;
        final Mat warped;
        /** The pixels the composite may change (CV_8UC1, 1 inside the mask), the window's size. */
        final Mat support;
        /** The cheek ring's pixels ({@link LowerFaceMask#cheekRing}), row-major in the window. */
        final int[] ring;
        final float[][] weights;
        /** The target face's eye distance in pixels, the scale of the colour match's field. */
        final double eyeDistance;

        private Prepared(int[] window, Mat warped, Mat support, int[] ring, float[][] weights, double eyeDistance) {
            this.window = window;
            this.warped = warped;
            this.support = support;
            this.ring = ring;
            this.weights = weights;
            this.eyeDistance = eyeDistance;
        }

        @Override
        public void close() {
            warped.close();
            support.close();
        }
    }

    /**
     * The pixel-independent part of {@link #composeInPlace} for a target frame of
     * {@code frameWidth × frameHeight}; null when nothing would change (see there).
     */
    public static Prepared prepare(Landmarks targetLandmarks, int frameWidth, int frameHeight, Mat source,
                                   Landmarks sourceLandmarks, Landmarks sourceShape) {
        return prepare(targetLandmarks, frameWidth, frameHeight, source, sourceLandmarks, sourceShape,
                LowerFaceGeometry.NECK_WITH_HEAD);
    }

    /**
     * As {@link #prepare(Landmarks, int, int, Mat, Landmarks, Landmarks)}, with the source's neck
     * and collar taken from where its body lies ({@code neckShift}: {@code face.UnderChinPatch#bodyShift}).
     */
    public static Prepared prepare(Landmarks targetLandmarks, int frameWidth, int frameHeight, Mat source,
                                   Landmarks sourceLandmarks, Landmarks sourceShape, double[] neckShift) {
        return prepare(targetLandmarks, frameWidth, frameHeight, source, sourceLandmarks, sourceShape, neckShift, null);
    }

    /**
     * As {@link #prepare(Landmarks, int, int, Mat, Landmarks, Landmarks, double[])}, reading the
     * target frame's own neck under the new jaw where the source's is darker ({@link TargetNeck};
     * {@code targetFrame} null: the source's everywhere). Only reads {@code targetFrame}.
     */
    public static Prepared prepare(Landmarks targetLandmarks, int frameWidth, int frameHeight, Mat source,
                                   Landmarks sourceLandmarks, Landmarks sourceShape, double[] neckShift,
                                   Mat targetFrame) {
        if (source.type() != CV_8UC3) {
            throw new IllegalArgumentException("frames must be CV_8UC3 (BGR)");
        }
        Placement placed = Placement.of(targetLandmarks, sourceLandmarks, sourceShape, frameWidth, frameHeight);
        if (placed == null) {
            return null;
        }
        float[] target = targetLandmarks.toArray();
        float[] destination = placed.destination();
        float[] poly = placed.polygon();
        int[] window = placed.window();
        int x0 = window[0], y0 = window[1], w = window[2], h = window[3];
        double eyeDistance = FaceFrame.of(target).eyeDistance();
        LowerFaceGeometry.Mesh mesh = LowerFaceGeometry.mesh(targetLandmarks, sourceLandmarks, sourceShape, neckShift);
        MeshWarp.Maps maps = MeshWarp.maps(mesh.src(), mesh.dst(), mesh.triangles(), x0, y0, w, h);
        byte[] inside = support(poly, maps.covered(), x0, y0, w, h);
        Mat warped = new Mat(); // these two outlive the scope below: apply needs them
        Mat support = new Mat(h, w, CV_8UC1);
        try (PointerScope scope = new PointerScope()) {
            MeshWarp.warp(source, maps, warped);
            byte[] warpedBgr = new byte[w * h * 3];
            (warped.isContinuous() ? warped : warped.clone()).data().get(warpedBgr);
            if (targetFrame != null
                    && TargetNeck.pull(warpedBgr, inside, targetFrame, target, destination, x0, y0, w, h) > 0) {
                warped.data().put(warpedBgr);
            }
            UnderJawSkin.clear(inside, warpedBgr, targetFrame == null ? null : windowBgr(targetFrame, window), target,
                    destination, x0, y0, w, h);
            support.<ByteBuffer>createBuffer().put(inside);
            MaskDistance mask = MaskDistance.of(inside, w, h);
            float[] distance = mask.values();
            int[] ring = LowerFaceMask.cheekRing(target, destination, distance, FEATHER * eyeDistance, x0, y0, w, h);
            int levels = PyramidBlend.levels(mask.deepest(), k -> ramp(k, eyeDistance), MAX_LEVELS);
            double[] margins = new double[levels + 1], ramps = new double[levels + 1];
            for (int k = 0; k <= levels; k++) {
                margins[k] = PyramidBlend.levelMargin(k);
                ramps[k] = ramp(k, eyeDistance);
            }
            float[][] weights = PyramidBlend.levelWeights(distance, margins, ramps);
            PyramidBlend.fitToMouth(weights, LowerFaceMask.mouthDepth(distance, target, destination, x0, y0, w, h),
                    k -> ramp(k, eyeDistance));
            return new Prepared(window, warped, support, ring, weights, eyeDistance);
        } catch (RuntimeException | Error e) {
            warped.close();
            support.close();
            throw e;
        }
    }

    /** A BGR copy of {@code window} (x, y, width, height) of a BGR or I420 ({@link I420Frames}) frame. */
    static Mat frameWindow(Mat frame, int[] window) {
        Rect rect = new Rect(window[0], window[1], window[2], window[3]);
        if (I420Frames.isI420(frame)) {
            return I420Frames.toBgr(frame, rect);
        }
        return frame.apply(rect).clone();
    }

    /** {@link #frameWindow} as packed BGR rows. */
    private static byte[] windowBgr(Mat frame, int[] window) {
        byte[] bgr = new byte[window[2] * window[3] * 3];
        try (Mat copy = frameWindow(frame, window)) {
            copy.data().get(bgr);
        }
        return bgr;
    }

    /**
     * Finishes a composite {@link #prepare}d for this frame (the size given there): colour match
     * on the cheek ring, multi-band blend, written inside the mask only. The frame is BGR
     * (CV_8UC3) or I420 ({@link I420Frames}): an I420 frame is blended in its own planes
     * ({@link I420Blend}), and keeps the exact bytes of every pixel outside the mask (and of
     * every chroma sample none of whose pixels is inside).
     *
     * @param strength 0 (unchanged) … 1 (full replacement)
     * @return the window that may have changed as {x, y, width, height}, or null at zero strength
     */
    public static int[] apply(Mat frame, Prepared prepared, double strength) {
        boolean i420 = I420Frames.isI420(frame);
        if (frame.type() != CV_8UC3 && !i420) {
            throw new IllegalArgumentException("frames must be CV_8UC3 (BGR) or I420");
        }
        if (!(strength > 0)) {
            return null;
        }
        strength = Math.min(strength, 1.0);
        int[] window = prepared.window;
        int x0 = window[0], y0 = window[1], w = window[2], h = window[3];
        int frameWidth = frame.cols(), frameHeight = I420Frames.pictureHeight(frame);
        if (x0 + w > frameWidth || y0 + h > frameHeight) {
            throw new IllegalArgumentException("prepared for a larger frame");
        }
        try (PointerScope scope = new PointerScope()) {
            if (!i420) {
                blendInto(frame.apply(new Rect(x0, y0, w, h)), prepared, strength);
                return window;
            }
            I420Blend.blend(frame, I420Frames.evenWindow(x0, y0, w, h, frameWidth, frameHeight), prepared, strength);
        }
        return window;
    }

    /** Blends the prepared mouth into {@code targetWindow} (BGR, the prepared window's size) inside the mask. */
    private static void blendInto(Mat targetWindow, Prepared prepared, double strength) {
        Mat warpedF = colourMatched(prepared, targetWindow);
        Mat targetF = new Mat();
        targetWindow.convertTo(targetF, CV_32FC3);
        Mat blended = PyramidBlend.blend(warpedF, targetF, prepared.weights);
        if (strength < 1) {
            addWeighted(blended, strength, targetF, 1 - strength, 0, blended);
        }
        Mat result = new Mat();
        blended.convertTo(result, CV_8UC3);
        result.copyTo(targetWindow, prepared.support);
    }

    /**
     * How far apart the two head poses are, for choosing source frames: RMS misfit of eyes, nose
     * and face sides after aligning source to target, in eye distances. Below about 0.06 the
     * composite looks natural; around 0.12 (a visibly different head pitch) the lower face
     * starts to look stretched or squashed.
     */
    public static double alignmentError(Landmarks target, Landmarks source) {
        return LowerFaceGeometry.alignmentError(target, source);
    }

    static boolean usable(Landmarks target, Landmarks source, Landmarks sourceShape) {
        for (Landmarks l : new Landmarks[] {target, source, sourceShape}) {
            for (float v : l.toArray()) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        double dt = eyeDistance(target), ds = eyeDistance(source);
        if (!(dt >= MIN_EYE_DISTANCE) || !(ds >= MIN_EYE_DISTANCE) || !(eyeDistance(sourceShape) >= MIN_EYE_DISTANCE)) {
            return false;
        }
        double scale = LowerFaceGeometry.sourceToTarget(target, source).scale();
        return scale >= 1 / MAX_SCALE && scale <= MAX_SCALE;
    }

    private static double eyeDistance(Landmarks l) {
        return dev.lipsync.engine.mouth.MouthShape.eyeDistance(l);
    }

    /**
     * The part of the source frame that {@link #prepare} reads for this composite, as {x, y,
     * width, height} clipped to the frame, or null when the composite would change nothing: a
     * crop of it, with the source landmarks and shape shifted by (−x, −y), composites the same
     * as the whole frame. Tight (the warp's own source coordinates, each with the neighbour
     * bicubic sampling reads, plus two pixels); about a fifth of the area of the source face's
     * landmark box grown to cover everything, since only the lower face under the mask is sampled.
     *
     * @param frameWidth, frameHeight the size of both frames (they come from the same video)
     */
    public static int[] readWindow(Landmarks targetLandmarks, Landmarks sourceLandmarks, Landmarks sourceShape,
                                   int frameWidth, int frameHeight) {
        return readWindow(targetLandmarks, sourceLandmarks, sourceShape, LowerFaceGeometry.NECK_WITH_HEAD,
                frameWidth, frameHeight);
    }

    /** As {@link #readWindow(Landmarks, Landmarks, Landmarks, int, int)} for a composite with this {@code neckShift}. */
    public static int[] readWindow(Landmarks targetLandmarks, Landmarks sourceLandmarks, Landmarks sourceShape,
                                   double[] neckShift, int frameWidth, int frameHeight) {
        Placement placed = Placement.of(targetLandmarks, sourceLandmarks, sourceShape, frameWidth, frameHeight);
        if (placed == null) {
            return null;
        }
        int[] window = placed.window();
        LowerFaceGeometry.Mesh mesh = LowerFaceGeometry.mesh(targetLandmarks, sourceLandmarks, sourceShape, neckShift);
        // Each triangle's map is affine, so over the window its source coordinates are extreme
        // at a mesh vertex inside the window or on the window's border: map those, not every pixel.
        int x0 = window[0], y0 = window[1], w = window[2], h = window[3];
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        int[][] border = {{x0, y0, w, 1}, {x0, y0 + h - 1, w, 1}, {x0, y0, 1, h}, {x0 + w - 1, y0, 1, h}};
        for (int[] edge : border) {
            MeshWarp.Maps maps = MeshWarp.maps(mesh.src(), mesh.dst(), mesh.triangles(), edge[0], edge[1], edge[2],
                    edge[3]);
            for (int p = 0; p < maps.covered().length; p++) {
                if (maps.covered()[p]) {
                    include(b, maps.mapX()[p], maps.mapY()[p]);
                }
            }
        }
        float[] src = mesh.src(), dst = mesh.dst();
        for (int i = 0; i < dst.length; i += 2) {
            if (dst[i] >= x0 && dst[i] <= x0 + w - 1 && dst[i + 1] >= y0 && dst[i + 1] <= y0 + h - 1) {
                include(b, src[i], src[i + 1]);
            }
        }
        double minX = b[0], minY = b[1], maxX = b[2], maxY = b[3];
        if (minX > maxX) {
            return null;
        }
        return MeshWarp.sampledWindow(minX, minY, maxX, maxY, frameWidth, frameHeight);
    }

    private static void include(double[] bounds, double x, double y) {
        bounds[0] = Math.min(bounds[0], x);
        bounds[1] = Math.min(bounds[1], y);
        bounds[2] = Math.max(bounds[2], x);
        bounds[3] = Math.max(bounds[3], y);
    }

    /**
     * Where a composite goes in the target frame: the destination landmarks, the mask's polygon
     * and the window around it ({x, y, width, height}); what {@link #prepare} and
     * {@link #readWindow} both start from.
     */
    record Placement(float[] destination, float[] polygon, int[] window) {
        /** Null when the composite would change nothing: landmarks that are no usable face, or an empty window. */
        static Placement of(Landmarks target, Landmarks source, Landmarks sourceShape, int frameWidth, int frameHeight) {
            if (!usable(target, source, sourceShape)) {
                return null;
            }
            float[] destination = LowerFaceGeometry.destinationLandmarks(target, source, sourceShape);
            float[] polygon = LowerFaceMask.polygon(target.toArray(), destination);
            int[] window = MouthCompositor.window(polygon, frameWidth, frameHeight);
            return window == null ? null : new Placement(destination, polygon, window);
        }
    }

    /** The polygon's bounding box plus a small pad, clipped to the frame; null if empty. */
    static int[] window(float[] poly, int frameWidth, int frameHeight) {
        PointBounds b = PointBounds.of(poly);
        double minX = b.minX(), minY = b.minY(), maxX = b.maxX(), maxY = b.maxY();
        int x0 = Math.max(0, (int) Math.floor(minX) - 2), y0 = Math.max(0, (int) Math.floor(minY) - 2);
        int x1 = Math.min(frameWidth, (int) Math.ceil(maxX) + 3), y1 = Math.min(frameHeight, (int) Math.ceil(maxY) + 3);
        if (x1 - x0 < 4 || y1 - y0 < 4) {
            return null;
        }
        return new int[] {x0, y0, x1 - x0, y1 - y0};
    }

    /**
     * The pixels of a window that a composite may change: inside the mask polygon and covered by
     * the warp (row-major, 1 inside, 0 outside).
     */
    static byte[] support(float[] poly, boolean[] covered, int x0, int y0, int w, int h) {
        byte[] inside = LowerFaceMask.fill(poly, x0, y0, w, h);
        for (int p = 0; p < inside.length; p++) {
            if (!covered[p]) {
                inside[p] = 0;
            }
        }
        return inside;
    }

    /**
     * The warped source window, colour-matched to the target on the ring ({@link ColourMatch}: one
     * gain for the three channels, from their mean, and an offset field each), as CV_32FC3 0–255.
     */
    private static Mat colourMatched(Prepared prepared, Mat targetWindow) {
        int[] ring = prepared.ring;
        if (ring.length < ColourMatch.MIN_PIXELS) {
            Mat f = new Mat();
            prepared.warped.convertTo(f, CV_32F);
            return f;
        }
        ColourMatch.Grid grid = ColourMatch.Grid.of(ring, prepared.window[2], prepared.window[3], prepared.eyeDistance);
        double[][] t = new double[3][], s = new double[3][];
        double[] targetLight = new double[ring.length], sourceLight = new double[ring.length];
        for (int c = 0; c < 3; c++) {
            t[c] = ColourMatch.values(targetWindow, ring, c);
            s[c] = ColourMatch.values(prepared.warped, ring, c);
            for (int i = 0; i < ring.length; i++) {
                targetLight[i] += t[c][i] / 3;
                sourceLight[i] += s[c][i] / 3;
            }
        }
        double gain = ColourMatch.gain(targetLight, sourceLight, 0);
        double[][] offsets = new double[3][];
        for (int c = 0; c < 3; c++) {
            offsets[c] = grid.means(ColourMatch.offsets(t[c], s[c], gain));
        }
        return ColourMatch.corrected(prepared.warped, gain, grid.toPixels(1, offsets));
    }
}
