package dev.lipsync.engine.compose;

import dev.lipsync.engine.landmarks.FaceFrame;

/**
 * Keeps background and light clothes out of the mask under the jaw. Below the lower of the two
 * jaw lines the mask reaches on ({@link LowerFaceMask#CHIN_MARGIN}) and shows the source's
 * under-chin; where the source's head sits otherwise before its background or on its body than
 * the target's (turned, raised), that spot of the source can show wall or shirt, and a pale
 * patch of wall appeared under a chin (LRS2's demo clip 19, a head in three-quarter view).
 * Patches there, a little below the lower jaw line ({@link #BELOW_JAW}), whose chroma is far from
 * the source's own skin (its median over the mask above the jaw lines) leave the mask, and the
 * target's own pixels stay. Dark pixels are not judged: shade, stubble and beard lose chroma as
 * they darken and would read as not skin; a dark collar therefore still comes with the source.
 * Specks are not cleared ({@link #MIN_PATCH}): judged pixel by pixel, a few along a jaw's shadow
 * made holes that showed the target's own jaw line through them, a dotted second chin (vox2
 * 06811). Pure functions over pixel arrays.
 */
final class UnderJawSkin {
    private UnderJawSkin() {}

    /** Chroma distance (|Cr| + |Cb| from the skin's, 0-255 scale) beyond which a pixel is not skin. */
    static final double MAX_CHROMA_DISTANCE = 18;
    /** Pixels darker than this share of the skin's median luma are not judged (they stay in the mask). */
    static final double MIN_RELATIVE_LUMA = 0.6;
    /**
     * Only pixels this far below the lower jaw line are judged (eye distances): right under it
     * lies the new chin's own edge and shadow.
     */
    static final double BELOW_JAW = 0.06;
    /** Cleared patches are at least this wide (eye distances); smaller specks stay in the mask. */
    static final double MIN_PATCH = 0.06;
    /** The skin's colour is taken from every this many pixels across and down. */
    static final int SKIN_STEP = 3;
    /** Side of the box the chroma is averaged over, in eye distances (codec noise is not colour). */
    static final double SMOOTHING = 0.06;

    /**
     * Clears {@code inside} (the window's mask, row-major) where a pixel lies below both jaw lines
     * and {@code warpedBgr}'s colour around it (a box of {@link #SMOOTHING}) is not the source's skin.
     *
     * @param warpedBgr the warped source over the window, packed BGR rows
     * @param target, destination the target's and the new face's 68 landmarks (frame coordinates)
     * @return the pixels cleared
     */
    static int clear(byte[] inside, byte[] warpedBgr, float[] target, float[] destination, int x0, int y0,
                     int width, int height) {
        FaceFrame f = FaceFrame.of(target);
        double[] jawU = new double[11], jawV = new double[11];
        for (int k = 0; k < 11; k++) { // landmarks 3-13: the jaw under the mask
            int j = 3 + k;
            double tv = f.v(target[2 * j], target[2 * j + 1]), nv = f.v(destination[2 * j], destination[2 * j + 1]);
            float[] lower = nv > tv ? destination : target;
            jawU[k] = f.u(lower[2 * j], lower[2 * j + 1]);
            jawV[k] = Math.max(tv, nv);
        }
        JawLine jaw = new JawLine(jawU, jawV);
        boolean[] under = new boolean[width * height];
        int[] lumaHistogram = new int[256], crHistogram = new int[256], cbHistogram = new int[256];
        int skin = 0, underCount = 0;
        int left = width, right = -1, top = height, bottom = -1;
        float[] colour = new float[3];
        // u and v are affine in x along a row: from the row's start, not per pixel
        double uPerX = f.u(x0 + 1, y0) - f.u(x0, y0), vPerX = f.v(x0 + 1, y0) - f.v(x0, y0);
        for (int y = 0; y < height; y++) {
            double rowU = f.u(x0, y0 + y), rowV = f.v(x0, y0 + y);
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                if (inside[p] == 0) {
                    continue;
                }
                double v = rowV + x * vPerX;
                double jawHere = v <= jaw.highest ? Double.POSITIVE_INFINITY : jaw.at(rowU + x * uPerX);
                if (v > jawHere + BELOW_JAW) {
                    under[p] = true;
                    underCount++;
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                } else if (v <= jawHere && x % SKIN_STEP == 0 && y % SKIN_STEP == 0 && !Double.isNaN(jawHere)) {
                    lumaChroma(warpedBgr, p, colour);
                    lumaHistogram[bin(colour[0])]++;
                    crHistogram[bin(colour[1] + 128)]++;
                    cbHistogram[bin(colour[2] + 128)]++;
                    skin++;
                }
            }
        }
        if (skin == 0 || underCount == 0) {
            return 0;
        }
        double darkest = MIN_RELATIVE_LUMA * median(lumaHistogram, skin);
        double skinCr = median(crHistogram, skin) - 128, skinCb = median(cbHistogram, skin) - 128;
        // judged over the mask's pixels only (what lies outside it stays the target's anyway), in
        // the box around the pixels under the jaw that the smoothing reaches
        int radius = Math.max(1, (int) Math.round(SMOOTHING * f.eyeDistance() / 2));
        left = Math.max(0, left - radius);
        top = Math.max(0, top - radius);
        right = Math.min(width - 1, right + radius);
        bottom = Math.min(height - 1, bottom + radius);
        int boxWidth = right - left + 1, boxHeight = bottom - top + 1;
        float[] distance = new float[boxWidth * boxHeight];
        float farthest = 0;
        for (int y = top; y <= bottom; y++) {
            for (int x = left; x <= right; x++) {
                int p = y * width + x, q = (y - top) * boxWidth + x - left;
                distance[q] = Float.NaN;
                if (inside[p] != 0) {
                    lumaChroma(warpedBgr, p, colour);
                    if (colour[0] >= darkest) {
                        distance[q] = Math.abs(colour[1] - (float) skinCr) + Math.abs(colour[2] - (float) skinCb);
                        farthest = Math.max(farthest, distance[q]);
                    }
                }
            }
        }
        if (farthest <= MAX_CHROMA_DISTANCE) {
            return 0; // no box mean can exceed the largest value it averages: most composites
        }
        float[] smooth = boxMean(distance, boxWidth, boxHeight, radius);
        boolean[] notSkin = new boolean[boxWidth * boxHeight];
        int candidates = 0;
        for (int y = top; y <= bottom; y++) {
            for (int x = left; x <= right; x++) {
                int q = (y - top) * boxWidth + x - left;
                // NaN (too dark to tell) stays
                notSkin[q] = under[y * width + x] && smooth[q] > MAX_CHROMA_DISTANCE;
                candidates += notSkin[q] ? 1 : 0;
            }
        }
        if (candidates == 0) {
            return 0;
        }
        // specks go: a few pixels judged otherwise along the jaw's shadow made holes in the mask
        // that showed the target's own jaw line through them, dotted under the new one
        boolean[] patches = opened(notSkin, boxWidth, boxHeight,
                Math.max(1, (int) Math.round(MIN_PATCH * f.eyeDistance() / 2)));
        int cleared = 0;
        for (int y = top; y <= bottom; y++) {
            for (int x = left; x <= right; x++) {
                if (patches[(y - top) * boxWidth + x - left]) {
                    inside[y * width + x] = 0;
                    cleared++;
                }
            }
        }
        return cleared;
    }

    /**
     * Morphological opening of {@code set} with a (2r+1)² square: the pixels of the set that lie in
     * some square of the set's pixels only (beyond the image counts as outside the set).
     */
    static boolean[] opened(boolean[] set, int width, int height, int r) {
        int stride = width + 1;
        int[] counts = new int[stride * (height + 1)];
        for (int y = 0; y < height; y++) {
            int row = 0;
            for (int x = 0; x < width; x++) {
                row += set[y * width + x] ? 1 : 0;
                counts[(y + 1) * stride + x + 1] = counts[y * stride + x + 1] + row;
            }
        }
        int side = 2 * r + 1;
        // the squares wholly inside the set, by their centres
        int[] centres = new int[stride * (height + 1)];
        for (int y = 0; y < height; y++) {
            int row = 0;
            for (int x = 0; x < width; x++) {
                boolean whole = false;
                if (x >= r && y >= r && x + r < width && y + r < height) {
                    int a = (y + r + 1) * stride + x + r + 1, b = (y - r) * stride + x + r + 1;
                    int c = (y + r + 1) * stride + x - r, d = (y - r) * stride + x - r;
                    whole = counts[a] - counts[b] - counts[c] + counts[d] == side * side;
                }
                row += whole ? 1 : 0;
                centres[(y + 1) * stride + x + 1] = centres[y * stride + x + 1] + row;
            }
        }
        boolean[] out = new boolean[set.length];
        for (int y = 0; y < height; y++) {
            int top = Math.max(0, y - r), bottom = Math.min(height, y + r + 1);
            for (int x = 0; x < width; x++) {
                if (!set[y * width + x]) {
                    continue;
                }
                int left = Math.max(0, x - r), right = Math.min(width, x + r + 1);
                int n = centres[bottom * stride + right] - centres[top * stride + right]
                        - centres[bottom * stride + left] + centres[top * stride + left];
                out[y * width + x] = n > 0;
            }
        }
        return out;
    }

    /** Pixel {@code p}'s luma, Cr and Cb (BT.601, Cr and Cb centred on 0) into {@code out}. */
    private static void lumaChroma(byte[] bgr, int p, float[] out) {
        int b = bgr[3 * p] & 0xff, g = bgr[3 * p + 1] & 0xff, r = bgr[3 * p + 2] & 0xff;
        out[0] = 0.299f * r + 0.587f * g + 0.114f * b;
        out[1] = 0.5f * r - 0.4187f * g - 0.0813f * b;
        out[2] = -0.1687f * r - 0.3313f * g + 0.5f * b;
    }

    private static int bin(float value) {
        return Math.max(0, Math.min(255, Math.round(value)));
    }

    private static double median(int[] histogram, int count) {
        int seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (2 * seen >= count) {
                return i;
            }
        }
        return histogram.length - 1;
    }

    /** Mean over the (2r+1)² box around each pixel, clipped to the image, of the values that are not NaN (NaN where none is). */
    static float[] boxMean(float[] values, int width, int height, int r) {
        int stride = width + 1;
        double[] sums = new double[stride * (height + 1)];
        int[] counts = new int[stride * (height + 1)];
        for (int y = 0; y < height; y++) {
            double row = 0;
            int rowCount = 0;
            for (int x = 0; x < width; x++) {
                float v = values[y * width + x];
                if (!Float.isNaN(v)) {
                    row += v;
                    rowCount++;
                }
                sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1] + row;
                counts[(y + 1) * stride + x + 1] = counts[y * stride + x + 1] + rowCount;
            }
        }
        float[] out = new float[values.length];
        for (int y = 0; y < height; y++) {
            int top = Math.max(0, y - r), bottom = Math.min(height, y + r + 1);
            for (int x = 0; x < width; x++) {
                int left = Math.max(0, x - r), right = Math.min(width, x + r + 1);
                int a = bottom * stride + right, b = top * stride + right, c = bottom * stride + left, d = top * stride + left;
                int count = counts[a] - counts[b] - counts[c] + counts[d];
                out[y * width + x] = count == 0 ? Float.NaN : (float) ((sums[a] - sums[b] - sums[c] + sums[d]) / count);
            }
        }
        return out;
    }
}
