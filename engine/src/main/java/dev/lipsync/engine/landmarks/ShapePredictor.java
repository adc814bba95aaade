package dev.lipsync.engine.landmarks;

import dev.lipsync.engine.EngineConfig;
import dev.lipsync.engine.LipSyncException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * dlib's ensemble-of-regression-trees face landmark predictor (Kazemi and Sullivan 2014), read
 * from dlib's own {@code shape_predictor} file and evaluated exactly as dlib 19.x does, so the
 * points match C++ dlib given the same box. Immutable and thread-safe once loaded.
 */
public final class ShapePredictor {
    private static final Map<Path, ShapePredictor> SHARED = new ConcurrentHashMap<>();

    final int points;          // landmarks per face (68)
    final int cascades;        // 15
    final int treesPerCascade; // 500
    final int splitsPerTree;   // 15 (depth 4)
    final int featuresPerCascade; // pixels sampled per cascade (500)
    final float[] initialShape; // box-normalised x0, y0, x1, y1, ...
    final int[] splitIdx1;     // [cascade][tree][split]
    final int[] splitIdx2;
    final float[] splitThresh;
    /*
     * One array per leaf, [cascade][tree][leaf] -> 2 * points offsets: adding a leaf is then
     * shape[k] += leaf[k] over the same index, which the JIT vectorises (from one flat array at
     * an offset it cannot rule out that the two overlap, and adds one float at a time: that loop
     * was two thirds of a prediction). Same additions in the same order, so the same points.
     */
    final float[][] leaves;
    final int[] anchor;        // [cascade][feature] landmark index
    final float[] deltaX;      // [cascade][feature] offset from the anchor, in mean-shape units
    final float[] deltaY;

    private ShapePredictor(int points, int cascades, int trees, int splits, int features, float[] initialShape,
                           int[] splitIdx1, int[] splitIdx2, float[] splitThresh, float[][] leaves,
                           int[] anchor, float[] deltaX, float[] deltaY) {
        this.points = points;
        this.cascades = cascades;
        this.treesPerCascade = trees;
        this.splitsPerTree = splits;
        this.featuresPerCascade = features;
        this.initialShape = initialShape;
        this.splitIdx1 = splitIdx1;
        this.splitIdx2 = splitIdx2;
        this.splitThresh = splitThresh;
        this.leaves = leaves;
        this.anchor = anchor;
        this.deltaX = deltaX;
        this.deltaY = deltaY;
    }

    /** The model named by the config, parsed once per JVM and shared. */
    public static ShapePredictor shared(EngineConfig config) throws LipSyncException {
        Path path = config.landmarkModel().toAbsolutePath().normalize();
        ShapePredictor cached = SHARED.get(path);
        if (cached != null) return cached;
        synchronized (SHARED) {
            cached = SHARED.get(path);
            if (cached == null) {
                cached = load(path);
                SHARED.put(path, cached);
            }
            return cached;
        }
    }

    /** Parses a dlib {@code shape_predictor} file (about 2 s for the 100 MB 68-point model). */
    public static ShapePredictor load(Path file) throws LipSyncException {
        if (!Files.isRegularFile(file)) {
            throw new LipSyncException(LipSyncException.Reason.MODEL_MISSING,
                    "The face landmark model is missing at " + file
                            + ". Install it with `apt-get install libdlib-data` or set LIPSYNC_LANDMARK_MODEL.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (NoSuchFileException e) {
            throw new LipSyncException(LipSyncException.Reason.MODEL_MISSING,
                    "The face landmark model is missing at " + file + ". Install it with `apt-get install libdlib-data`.", e);
        } catch (IOException | RuntimeException e) {
            throw new LipSyncException(LipSyncException.Reason.MODEL_MISSING,
                    "The face landmark model at " + file + " is unreadable or not a dlib shape predictor ("
                            + e.getMessage() + "). Reinstall it with `apt-get install --reinstall libdlib-data`.", e);
        }
    }

    static ShapePredictor read(InputStream stream) throws IOException {
        DlibReader in = new DlibReader(stream);
        long version = in.readLong();
        if (version != 1) throw new IOException("unsupported shape_predictor version " + version);

        long rows = -in.readLong();
        long cols = -in.readLong();
        if (cols != 1 || rows <= 0 || rows % 2 != 0 || rows > 100_000) {
            throw new IOException("bad initial shape " + rows + "x" + cols);
        }
        int dims = (int) rows;
        float[] initial = new float[dims];
        for (int i = 0; i < dims; i++) initial[i] = in.readFloat();

        int cascades = in.expectCount("forests", -1);
        int trees = -1;
        int splits = -1;
        int[] idx1 = null, idx2 = null;
        float[] thresh = null;
        float[][] leaves = null;
        for (int c = 0; c < cascades; c++) {
            int n = in.expectCount("trees of cascade " + c, trees);
            for (int t = 0; t < n; t++) {
                int s = in.expectCount("splits", splits);
                if (idx1 == null) {
                    trees = n;
                    splits = s;
                    int allSplits = cascades * trees * splits;
                    idx1 = new int[allSplits];
                    idx2 = new int[allSplits];
                    thresh = new float[allSplits];
                    leaves = new float[cascades * trees * (splits + 1)][];
                }
                int sBase = (c * trees + t) * splits;
                for (int k = 0; k < splits; k++) {
                    idx1[sBase + k] = in.readInt();
                    idx2[sBase + k] = in.readInt();
                    thresh[sBase + k] = in.readFloat() + 0f; // -0 becomes +0, which compares the same
                }
                in.expectCount("leaves", splits + 1);
                int lBase = (c * trees + t) * (splits + 1);
                for (int leaf = 0; leaf <= splits; leaf++) {
                    long lr = -in.readLong();
                    long lc = -in.readLong();
                    if (lr != dims || lc != 1) throw new IOException("bad leaf " + lr + "x" + lc);
                    float[] values = new float[dims];
                    for (int k = 0; k < dims; k++) values[k] = in.readFloat();
                    leaves[lBase + leaf] = values;
                }
            }
        }
        if (idx1 == null) throw new IOException("model has no trees");

        in.expectCount("anchor_idx", cascades);
        int features = -1;
        int[] anchor = null;
        for (int c = 0; c < cascades; c++) {
            int n = in.expectCount("anchors of cascade " + c, features);
            if (anchor == null) {
                features = n;
                anchor = new int[cascades * features];
            }
            for (int f = 0; f < n; f++) {
                int a = in.readInt();
                if (a < 0 || a >= dims / 2) throw new IOException("anchor index out of range: " + a);
                anchor[c * features + f] = a;
            }
        }
        in.expectCount("deltas", cascades);
        float[] dx = new float[cascades * features];
        float[] dy = new float[cascades * features];
        for (int c = 0; c < cascades; c++) {
            in.expectCount("deltas of cascade " + c, features);
            for (int f = 0; f < features; f++) {
                dx[c * features + f] = in.readFloat();
                dy[c * features + f] = in.readFloat();
            }
        }
        for (int i = 0; i < idx1.length; i++) {
            if (idx1[i] < 0 || idx1[i] >= features || idx2[i] < 0 || idx2[i] >= features) {
                throw new IOException("split feature index out of range");
            }
            if (Float.isNaN(thresh[i])) throw new IOException("split threshold is not a number");
        }
        if (!in.atEnd()) throw new IOException("trailing bytes after " + in.consumed() + " bytes");
        return new ShapePredictor(dims / 2, cascades, trees, splits, features, initial,
                idx1, idx2, thresh, leaves, anchor, dx, dy);
    }

    /** Number of points per face (68 for the standard model). */
    public int pointCount() {
        return points;
    }

    /** The landmarks of the face in {@code box}, in image pixels (sub-pixel; dlib rounds them to whole pixels). */
    public Landmarks predict(GrayImage img, FaceBox box) {
        return new Landmarks(predictPoints(img, box));
    }

    /** As {@link #predict}, returning the raw interleaved coordinates. */
    float[] predictPoints(GrayImage img, FaceBox box) {
        float[] shape = initialShape.clone();
        float[] feature = new float[featuresPerCascade];
        int[] leafIds = new int[treesPerCascade];
        final double left = box.left();
        final double top = box.top();
        final double w = box.right() - box.left();
        final double h = box.bottom() - box.top();
        final int iw = img.width();
        final int ih = img.height();
        final int leafCount = splitsPerTree + 1;

        for (int c = 0; c < cascades; c++) {
            float[] m = similarityMatrix(initialShape, shape);
            float m00 = m[0], m01 = m[1], m10 = m[2], m11 = m[3];
            int fBase = c * featuresPerCascade;
            for (int f = 0; f < featuresPerCascade; f++) {
                int a = anchor[fBase + f];
                float ddx = deltaX[fBase + f];
                float ddy = deltaY[fBase + f];
                float px = m00 * ddx + m01 * ddy + shape[2 * a];
                float py = m10 * ddx + m11 * ddy + shape[2 * a + 1];
                long x = (long) Math.floor(left + px * w + 0.5);
                long y = (long) Math.floor(top + py * h + 0.5);
                feature[f] = (x >= 0 && y >= 0 && x < iw && y < ih) ? img.at((int) x, (int) y) : 0f;
            }
            // The trees of a cascade all read the same features: every leaf is found first, then added.
            int treeBase = c * treesPerCascade;
            for (int t = 0; t < treesPerCascade; t++) {
                int sBase = (treeBase + t) * splitsPerTree;
                int node = 0;
                while (node < splitsPerTree) {
                    int k = sBase + node;
                    // Left child (2n + 1) when the difference exceeds the threshold, that is when
                    // threshold - difference is negative: its sign bit, instead of a branch the CPU
                    // guesses wrong half the time. Exact: two different floats never subtract to
                    // zero, and read() leaves no -0 or NaN threshold.
                    float margin = splitThresh[k] - (feature[splitIdx1[k]] - feature[splitIdx2[k]]);
                    node = 2 * node + 2 - (Float.floatToRawIntBits(margin) >>> 31);
                }
                leafIds[t] = (treeBase + t) * leafCount + (node - splitsPerTree);
            }
            addLeaves(shape, leafIds);
        }
        float[] out = new float[2 * points];
        for (int i = 0; i < points; i++) {
            out[2 * i] = (float) (left + shape[2 * i] * w);
            out[2 * i + 1] = (float) (top + shape[2 * i + 1] * h);
        }
        return out;
    }

    /**
     * {@code shape[k] += leaf[k]} for the leaves in order, eight leaves to a pass over
     * {@code shape}: each value still gets the same additions in the same order (Java adds left
     * to right), so the same floats. The leaves come from a 65 MB table, mostly from memory, not
     * from cache; reading eight at once waits for them together, not one after another (a
     * third less time per prediction than one leaf to a pass).
     */
    private void addLeaves(float[] shape, int[] leafIds) {
        int dims = shape.length;
        int t = 0;
        for (; t + 8 <= leafIds.length; t += 8) {
            float[] l0 = leaves[leafIds[t]], l1 = leaves[leafIds[t + 1]], l2 = leaves[leafIds[t + 2]], l3 = leaves[leafIds[t + 3]];
            float[] l4 = leaves[leafIds[t + 4]], l5 = leaves[leafIds[t + 5]], l6 = leaves[leafIds[t + 6]], l7 = leaves[leafIds[t + 7]];
            for (int k = 0; k < dims; k++) {
                shape[k] = shape[k] + l0[k] + l1[k] + l2[k] + l3[k] + l4[k] + l5[k] + l6[k] + l7[k];
            }
        }
        for (; t < leafIds.length; t++) {
            float[] leaf = leaves[leafIds[t]];
            for (int k = 0; k < dims; k++) shape[k] += leaf[k];
        }
    }

    /** The mean point of a shape given as x, y pairs (in double, as dlib sums). */
    static double[] centroid(float[] xy) {
        int n = xy.length / 2;
        double x = 0, y = 0;
        for (int i = 0; i < n; i++) {
            x += xy[2 * i];
            y += xy[2 * i + 1];
        }
        return new double[] {x / n, y / n};
    }

    /**
     * The 2x2 scale-and-rotation part of the least-squares similarity transform taking
     * {@code from} onto {@code to} (Umeyama 1991, in its closed 2-D form), as dlib's
     * find_tform_between_shapes computes it (in double, then cast to float).
     * Returns {m00, m01, m10, m11}.
     */
    static float[] similarityMatrix(float[] from, float[] to) {
        int n = from.length / 2;
        double[] cf = centroid(from), ct = centroid(to);
        double mfx = cf[0], mfy = cf[1], mtx = ct[0], mty = ct[1];
        double sigmaFrom = 0, c00 = 0, c01 = 0, c10 = 0, c11 = 0;
        for (int i = 0; i < n; i++) {
            double fx = from[2 * i] - mfx, fy = from[2 * i + 1] - mfy;
            double tx = to[2 * i] - mtx, ty = to[2 * i + 1] - mty;
            sigmaFrom += fx * fx + fy * fy;
            c00 += tx * fx;
            c01 += tx * fy;
            c10 += ty * fx;
            c11 += ty * fy;
        }
        if (sigmaFrom == 0) return new float[] {1, 0, 0, 1};
        // cov and sigma are both divided by n in dlib; the ratio is what matters.
        double a = (c00 + c11) / sigmaFrom;
        double b = (c10 - c01) / sigmaFrom;
        return new float[] {(float) a, (float) -b, (float) b, (float) a};
    }
}
