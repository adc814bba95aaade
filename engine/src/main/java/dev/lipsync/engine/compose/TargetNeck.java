package dev.lipsync.engine.compose;

import dev.lipsync.engine.landmarks.FaceFrame;
import dev.lipsync.engine.landmarks.PointBounds;
import dev.lipsync.engine.media.I420Frames;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Under the new jaw, the target's own neck where the donor's is darker. The mask reaches below
 * both jaw lines (so that an old chin never shows half-blended), and there the donor brings its
 * own under-chin: where the donor's head was lit otherwise (raised, turned, another moment of a
 * moving light), its jaw shadow came as a dark smudge under the new chin, popping in and out with
 * the donor (LRS2 demo 19 dubbed in Russian, frames 70-83). There the target's own frame, its jaw
 * line pulled onto the new one and its neck left where it is further down, replaces the donor's
 * below the new jaw line ({@link #START} below it, fading in over {@link #FEATHER}).
 *
 * <p>Only where the donor's band under the new jaw ({@link #BAND_TOP} to {@link #BAND_BOTTOM}
 * eye distances, sampled across the chin) is darker than the target's at the same depths under
 * its own jaw, by a mean luma difference fading in from {@link #DARKER_FROM} to {@link
 * #DARKER_FULL}; that costs a hundred samples a frame, the warp only the frames that use it.
 * Used everywhere, the target's neck made some chins worse: where either frame's landmarks lie off
 * its visible chin edge it brought the target's chin edge or shade along (a chin melted into its
 * neck's deep shade on vox2 06811, a reddish line under it), and from 14 to 30 still did on a few
 * frames there. With these thresholds LRS2 19 + ru takes the target's neck in 33 of 155 frames
 * (19 fully), vox2 06811 + ja and LRS2 22 + fr partly in 4 (of 227 and 168), EDTalk's pose clip
 * + en_male_2 in 2 of 125, HDTF 34 in 1, andrew, man_suit_en and the 720p bench clip in none.
 */
final class TargetNeck {
    private TargetNeck() {}

    /** The target's pixels start this far below the new jaw line (eye distances): the donor's chin edge stays. */
    static final double START = 0.03;
    /** ... and replace the donor's fully this much further down. */
    static final double FEATHER = 0.06;
    /** The band whose mean luma decides, below the new jaw line (eye distances). */
    static final double BAND_TOP = 0.03;
    static final double BAND_BOTTOM = 0.25;
    /** The donor's band darker than the target's by this much (0-255 luma) starts the target's neck in... */
    static final double DARKER_FROM = 18;
    /** ... and by this much puts it in fully. */
    static final double DARKER_FULL = 34;
    /** Band samples across the chin (between jaw landmarks 4 and 12) and down the band. */
    private static final int ACROSS = 20, DOWN = 5;

    /** The jaw points pulled (landmarks 1-15: the face's sides down to its chin). */
    private static final int FIRST = 1, LAST = 15;
    /** The mesh's rows: a little inside the face (moving with the jaw) and far down the neck (fixed). */
    private static final double ABOVE = 0.08, NECK = 0.7;

    /** Mesh vertices in the target frame (src) and in the output (dst), triangulated on dst. */
    record Mesh(float[] src, float[] dst, int[] triangles) {}

    /**
     * The pull: each jaw point of the target moves to the new face's, a point a little above it
     * with it, and a point far down the neck (below both jaws) stays.
     */
    static Mesh mesh(float[] target, float[] destination) {
        return mesh(FaceFrame.of(target), target, destination);
    }

    /** As {@link #mesh(float[], float[])}, in the target's face frame {@code f} already worked out. */
    private static Mesh mesh(FaceFrame f, float[] target, float[] destination) {
        int n = LAST - FIRST + 1;
        float[] src = new float[n * 6], dst = new float[n * 6];
        for (int k = 0; k < n; k++) {
            int j = FIRST + k;
            double tu = f.u(target[2 * j], target[2 * j + 1]), tv = f.v(target[2 * j], target[2 * j + 1]);
            double nu = f.u(destination[2 * j], destination[2 * j + 1]), nv = f.v(destination[2 * j], destination[2 * j + 1]);
            double neck = Math.max(tv, nv) + NECK;
            double[][] rows = {{tu, tv - ABOVE, nu, nv - ABOVE}, {tu, tv, nu, nv}, {nu, neck, nu, neck}};
            for (int r = 0; r < rows.length; r++) {
                int i = 2 * (3 * k + r);
                src[i] = (float) f.x(rows[r][0], rows[r][1]);
                src[i + 1] = (float) f.y(rows[r][0], rows[r][1]);
                dst[i] = (float) f.x(rows[r][2], rows[r][3]);
                dst[i + 1] = (float) f.y(rows[r][2], rows[r][3]);
            }
        }
        return new Mesh(src, dst, Delaunay.triangulate(dst));
    }

    /** How much of the target's neck to use when the donor's band is {@code darkerBy} darker (mean luma): 0 … 1. */
    static double share(double darkerBy) {
        return Math.max(0, Math.min(1, (darkerBy - DARKER_FROM) / (DARKER_FULL - DARKER_FROM)));
    }

    /**
     * Replaces the donor's pixels in {@code warpedBgr} (the window's warped donor, packed BGR
     * rows) below the new jaw line by the target's own, pulled up or down to it, where and as
     * much as {@link #share} says; returns that share (0: nothing changed).
     *
     * @param inside      the window's mask (row-major, non-zero inside): the band is judged there
     * @param targetFrame the frame composited onto (BGR, or I420 as {@code media.I420Frames} lays it out)
     * @param target, destination the target's and the new face's 68 landmarks (frame coordinates)
     */
    static double pull(byte[] warpedBgr, byte[] inside, Mat targetFrame, float[] target, float[] destination,
                       int x0, int y0, int width, int height) {
        FaceFrame f = FaceFrame.of(target);
        JawLine jaw = jawLine(f, destination);
        double share = share(darkerBy(warpedBgr, inside, targetFrame, f, jaw, jawLine(f, target), destination,
                x0, y0, width, height));
        if (share <= 0) {
            return 0; // most frames: judged from a few samples, no warp
        }
        // rows that reach below the new jaw line's highest point, from there down
        int top = height;
        for (int y = 0; y < height && top == height; y++) {
            if (Math.max(f.v(x0, y0 + y), f.v(x0 + width - 1, y0 + y)) > jaw.highest) {
                top = y;
            }
        }
        if (top >= height) {
            return 0;
        }
        Mesh mesh = mesh(f, target, destination);
        int[] read = readWindow(mesh.src(), targetFrame);
        if (read == null) {
            return 0;
        }
        int bandHeight = height - top;
        float[] src = mesh.src().clone();
        for (int i = 0; i < src.length; i += 2) {
            src[i] -= read[0];
            src[i + 1] -= read[1];
        }
        MeshWarp.Maps maps = MeshWarp.maps(src, mesh.dst(), mesh.triangles(), x0, y0 + top, width, bandHeight);
        byte[] pulledBgr = new byte[width * bandHeight * 3];
        try (Mat neck = MouthCompositor.frameWindow(targetFrame, read); Mat pulled = new Mat()) {
            MeshWarp.warp(neck, maps, pulled);
            pulled.data().get(pulledBgr);
        }
        for (int y = 0; y < bandHeight; y++) {
            for (int x = 0; x < width; x++) {
                int q = y * width + x;
                double below = f.v(x0 + x, y0 + top + y) - jaw.at(f.u(x0 + x, y0 + top + y));
                double ramp = (below - START) / FEATHER; // NaN beyond the jaw's ends
                if (!maps.covered()[q] || !(ramp > 0)) {
                    continue;
                }
                double a = share * Math.min(1, ramp);
                int p = (top + y) * width + x;
                for (int c = 0; c < 3; c++) {
                    int from = warpedBgr[3 * p + c] & 0xff, to = pulledBgr[3 * q + c] & 0xff;
                    warpedBgr[3 * p + c] = (byte) Math.round(from + a * (to - from));
                }
            }
        }
        return share;
    }

    /** Landmarks 1-15 (the jaw) of {@code landmarks} as a line in the face frame {@code f}. */
    static JawLine jawLine(FaceFrame f, float[] landmarks) {
        int n = LAST - FIRST + 1;
        double[] us = new double[n], vs = new double[n];
        for (int k = 0; k < n; k++) {
            int j = FIRST + k;
            us[k] = f.u(landmarks[2 * j], landmarks[2 * j + 1]);
            vs[k] = f.v(landmarks[2 * j], landmarks[2 * j + 1]);
        }
        return new JawLine(us, vs);
    }

    /**
     * How much darker (mean luma, 0-255) the donor's band under the new jaw is than the target's
     * under its own jaw at the same depths, from samples across the chin inside the mask; 0
     * where no sample falls inside.
     */
    static double darkerBy(byte[] warpedBgr, byte[] inside, Mat frame, FaceFrame f, JawLine newJaw,
                           JawLine targetJaw, float[] destination, int x0, int y0, int width, int height) {
        boolean i420 = I420Frames.isI420(frame);
        int frameWidth = frame.cols(), frameHeight = I420Frames.pictureHeight(frame);
        long step = frame.step();
        BytePointer pixels = frame.data();
        double from = f.u(destination[8], destination[9]), to = f.u(destination[24], destination[25]); // 4 and 12
        double sum = 0;
        int count = 0;
        for (int i = 0; i < ACROSS; i++) {
            double u = from + (to - from) * (i + 0.5) / ACROSS;
            double vNew = newJaw.at(u), vTarget = targetJaw.at(u);
            for (int k = 0; k < DOWN; k++) {
                double depth = BAND_TOP + (BAND_BOTTOM - BAND_TOP) * (k + 0.5) / DOWN;
                int x = (int) Math.round(f.x(u, vNew + depth)) - x0, y = (int) Math.round(f.y(u, vNew + depth)) - y0;
                int tx = (int) Math.round(f.x(u, vTarget + depth)), ty = (int) Math.round(f.y(u, vTarget + depth));
                if (x < 0 || y < 0 || x >= width || y >= height || inside[y * width + x] == 0
                        || tx < 0 || ty < 0 || tx >= frameWidth || ty >= frameHeight) {
                    continue; // NaN jaw positions fail these tests too
                }
                double targetLuma = i420 ? FULL_RANGE * ((pixels.get(ty * step + tx) & 0xff) - 16)
                        : luma(pixels, ty * step + 3L * tx);
                sum += targetLuma - luma(warpedBgr, y * width + x);
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** Studio-range luma (16-235) to the full range BGR pixels have (OpenCV's BT.601 conversion). */
    private static final double FULL_RANGE = 255.0 / 219;

    /** The frame's pixels the pull reads (the mesh's source, with the bicubic sampling's reach); null when none. */
    private static int[] readWindow(float[] src, Mat frame) {
        PointBounds b = PointBounds.of(src);
        return MeshWarp.sampledWindow(b.minX(), b.minY(), b.maxX(), b.maxY(), frame.cols(), I420Frames.pictureHeight(frame));
    }

    /** Pixel {@code p}'s luma of packed BGR rows. */
    private static double luma(byte[] bgr, int p) {
        return luma(bgr[3 * p], bgr[3 * p + 1], bgr[3 * p + 2]);
    }

    /** The luma of the BGR pixel at byte {@code at} of a frame's pixels. */
    private static double luma(BytePointer pixels, long at) {
        return luma(pixels.get(at), pixels.get(at + 1), pixels.get(at + 2));
    }

    /** BT.601 luma of a BGR pixel's bytes. */
    private static double luma(byte b, byte g, byte r) {
        return 0.114 * (b & 0xff) + 0.587 * (g & 0xff) + 0.299 * (r & 0xff);
    }
}
