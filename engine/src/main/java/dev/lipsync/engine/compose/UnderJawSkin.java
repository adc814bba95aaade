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
 * 06811); a thin strip along the mask's edge is, since it trims the mask and makes no hole, and
 * each cleared patch takes its rim with it (the shade along a collar's edge).
 *
 * <p>Bright colourless pixels count as cloth whatever their hue ({@link #MAX_RELATIVE_LUMA}), and
 * the target's own cloth under the jaw stays too: where the source's body sat lower than the
 * target's, its neck covered the target's collar and its collar's edge came as a pale streak
 * with a dark rim across the target's neck (man_suit_en reversed, frames 74-80; Obama clip 1
 * dubbed in German, frames 240-255). The target is judged on cloth only: a shade of another hue
 * under its jaw may be its own jaw's shadow where its jaw sat lower, and keeping it showed the
 * old shadow through the new neck (EDTalk's pose clip).
 *
 * <p>Beside the mouth ({@link #BESIDE_MOUTH} past the corners of the old mouth and the new), on
 * the cheeks above the jaw line and beyond the jaw line's ends, source and target are both judged
 * by their hue: where a head in three-quarter view turns its far cheek against the background,
 * the source's cheek line seldom falls on the target's, and the mask's side showed the source's
 * background inside the target's cheek and its skin beyond the target's, a pale line beside a
 * second cheek line (vox2 00086). Pure functions over pixel arrays.
 */
final class UnderJawSkin {
    private UnderJawSkin() {}

    /** Chroma distance (|Cr| + |Cb| from the skin's, 0-255 scale) beyond which a pixel is not skin. */
    static final double MAX_CHROMA_DISTANCE = 18;
    /** Pixels darker than this share of the skin's median luma are not judged (they stay in the mask). */
    static final double MIN_RELATIVE_LUMA = 0.6;
    /**
     * Pixels brighter than this share of the skin's median luma whose saturation (|Cr| + |Cb| over
     * luma) is under {@link #MAX_RELATIVE_CHROMA} of the skin's are not skin whatever their hue: a
     * white collar under a colour cast lies within {@link #MAX_CHROMA_DISTANCE} of pale skin
     * (man_suit_en: skin Cr 14, Cb -8 at luma 105; its pinkish collar at 1.5-1.7 times that luma, a
     * fifth of its saturation), and under warm light keeps much of the skin's chroma while its
     * luma makes it pale (Obama: skin saturation 0.51, his collar 0.12-0.15 at 2.5 times the
     * luma); skin in the chin's shade is seldom brighter than its median by a third, and lit skin
     * keeps its saturation.
     */
    static final double MAX_RELATIVE_LUMA = 1.4;
    static final double MAX_RELATIVE_CHROMA = 0.5;
    /** The distance a bright colourless pixel counts as: twice the limit, so a patch of them clears. */
    private static final float CLOTH = (float) (2 * MAX_CHROMA_DISTANCE);
    /**
     * Only pixels this far below the lower jaw line are judged (eye distances): right under it
     * lies the new chin's own edge and shadow.
     */
    static final double BELOW_JAW = 0.06;
    /** The cheeks are judged this far beside the mouth's corners and on (eye distances). */
    static final double BESIDE_MOUTH = 0.15;
    /**
     * ... within this much of the mask's side edges (eye distances), where the cheek lines meet:
     * deeper in, a cheek is the source's whatever the background does (and judging the whole
     * cheek cost half a composite's preparation again).
     */
    static final double BESIDE_EDGE = 0.25;
    /** Cleared patches are at least this wide (eye distances); smaller specks stay in the mask. */
    static final double MIN_PATCH = 0.06;
    /** The skin's colour is taken from every this many pixels across and down. */
    static final int SKIN_STEP = 3;
    /** Side of the box the chroma is averaged over, in eye distances (codec noise is not colour). */
    static final double SMOOTHING = 0.06;

    /**
     * Clears {@code inside} (the window's mask, row-major) where a pixel lies below both jaw lines
     * and, in a box of {@link #SMOOTHING} around it, {@code warpedBgr}'s colour is not the source's
     * skin, or {@code targetBgr}'s is cloth; and beside the mouth above the jaw line where either's
     * is not its skin.
     *
     * @param warpedBgr the warped source over the window, packed BGR rows
     * @param targetBgr the target frame over the same window, packed BGR rows; null: the source is judged alone
     * @param target, destination the target's and the new face's 68 landmarks (frame coordinates)
     * @return the pixels cleared
     */
    static int clear(byte[] inside, byte[] warpedBgr, byte[] targetBgr, float[] target, float[] destination, int x0,
                     int y0, int width, int height) {
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
        double jawEnds = Math.max(jawV[0], jawV[jawV.length - 1]);
        // beside the mouth, both the old one and the new, by a margin: the lips and teeth are not skin
        double mouthLeft = Double.MAX_VALUE, mouthRight = -Double.MAX_VALUE;
        for (float[] face : new float[][] {target, destination}) {
            for (int j = 48; j < 68; j++) {
                double u = f.u(face[2 * j], face[2 * j + 1]);
                mouthLeft = Math.min(mouthLeft, u);
                mouthRight = Math.max(mouthRight, u);
            }
        }
        mouthLeft -= BESIDE_MOUTH;
        mouthRight += BESIDE_MOUTH;
        boolean[] under = new boolean[width * height], beside = new boolean[width * height];
        int[] skinSamples = new int[((width + SKIN_STEP - 1) / SKIN_STEP) * ((height + SKIN_STEP - 1) / SKIN_STEP)];
        int skin = 0, underCount = 0;
        int left = width, right = -1, top = height, bottom = -1;
        // u and v are affine in x along a row: from the row's start, not per pixel
        double uPerX = f.u(x0 + 1, y0) - f.u(x0, y0), vPerX = f.v(x0 + 1, y0) - f.v(x0, y0);
        int strip = (int) Math.ceil(BESIDE_EDGE * f.eyeDistance());
        for (int y = 0; y < height; y++) {
            double rowU = f.u(x0, y0 + y), rowV = f.v(x0, y0 + y);
            int first = 0, last = width - 1; // the row's mask: the cheeks are judged along its ends
            while (first < width && inside[y * width + first] == 0) {
                first++;
            }
            while (last > first && inside[y * width + last] == 0) {
                last--;
            }
            for (int x = first; x <= last; x++) {
                int p = y * width + x;
                if (inside[p] == 0) {
                    continue;
                }
                double u = rowU + x * uPerX, v = rowV + x * vPerX;
                double jawHere = v <= jaw.highest ? Double.POSITIVE_INFINITY : jaw.at(u);
                boolean belowJaw = v > jawHere + BELOW_JAW;
                // beyond the jaw line's ends, the cheek reaches down to the lower of those ends
                boolean aboveJaw = Double.isNaN(jawHere) ? v <= jawEnds : !belowJaw;
                beside[p] = aboveJaw && (u < mouthLeft || u > mouthRight) && (x - first < strip || last - x < strip);
                if (belowJaw || beside[p]) {
                    under[p] = true;
                    underCount++;
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
                if (v <= jawHere && x % SKIN_STEP == 0 && y % SKIN_STEP == 0 && !Double.isNaN(jawHere)) {
                    skinSamples[skin++] = p;
                }
            }
        }
        if (skin == 0 || underCount == 0) {
            return 0;
        }
        // judged over the pixels to be judged only (what lies outside the mask stays the target's
        // anyway, the lips are not skin), in the box around them that the smoothing reaches
        int radius = Math.max(1, (int) Math.round(SMOOTHING * f.eyeDistance() / 2));
        Box box = new Box(Math.max(0, left - radius), Math.max(0, top - radius), Math.min(width - 1, right + radius),
                Math.min(height - 1, bottom + radius), width);
        boolean[] notSkin = new boolean[box.width() * box.height()];
        int candidates = 0;
        for (int image = 0; image < (targetBgr == null ? 1 : 2); image++) {
            float[] distance = image == 0 ? skinDistance(warpedBgr, skinSamples, skin, under, box, null)
                    : skinDistance(targetBgr, skinSamples, skin, under, box, beside);
            if (distance == null) {
                continue;
            }
            float[] smooth = boxMean(distance, box.width(), box.height(), radius);
            for (int y = box.top(), q = 0; y <= box.bottom(); y++) {
                for (int x = box.left(); x <= box.right(); x++, q++) {
                    // NaN (too dark to tell) stays
                    if (!notSkin[q] && smooth[q] > MAX_CHROMA_DISTANCE && under[y * width + x]) {
                        notSkin[q] = true;
                        candidates++;
                    }
                }
            }
        }
        if (candidates == 0) {
            return 0;
        }
        // specks go: a few pixels judged otherwise along the jaw's shadow made holes in the mask
        // that showed the target's own jaw line through them, dotted under the new one. Beyond
        // the mask counts as cleared already, so a thin strip along its edge (a collar's rim, a
        // sliver of wall) goes with it: that trims the mask and makes no hole.
        boolean[] clearable = notSkin.clone();
        for (int y = box.top(), q = 0; y <= box.bottom(); y++) {
            for (int x = box.left(); x <= box.right(); x++, q++) {
                clearable[q] |= inside[y * width + x] == 0;
            }
        }
        boolean[] patches = opened(clearable, box.width(), box.height(),
                Math.max(1, (int) Math.round(MIN_PATCH * f.eyeDistance() / 2)));
        boolean[] chosen = new boolean[patches.length];
        for (int q = 0; q < chosen.length; q++) {
            chosen[q] = patches[q] && notSkin[q];
        }
        // a patch's rim goes with it, SMOOTHING wide: the smoothing leaves its edge's shade (the
        // dark line along a collar's edge, too dark to be judged) just outside it; half as wide
        // left half that line on man_suit_en
        boolean[] rims = grown(chosen, box.width(), box.height(), 2 * radius);
        int cleared = 0;
        for (int y = box.top(), q = 0; y <= box.bottom(); y++) {
            for (int x = box.left(); x <= box.right(); x++, q++) {
                if (rims[q] && under[y * width + x] && inside[y * width + x] != 0) {
                    inside[y * width + x] = 0;
                    cleared++;
                }
            }
        }
        return cleared;
    }

    /** Columns {@code left..right}, rows {@code top..bottom} of a window {@code windowWidth} wide. */
    private record Box(int left, int top, int right, int bottom, int windowWidth) {
        int width() {
            return right - left + 1;
        }

        int height() {
            return bottom - top + 1;
        }
    }

    /**
     * Each of {@code box}'s mask pixels' chroma distance from {@code bgr}'s skin (the median of
     * its {@code samples}; 0 where {@code hueJudged} is given and not set), at least {@link #CLOTH}
     * where it is bright and colourless, NaN where a pixel is not judged or too dark to judge; null
     * when no distance exceeds {@link #MAX_CHROMA_DISTANCE}, so no box mean can (most composites).
     */
    private static float[] skinDistance(byte[] bgr, int[] samples, int count, boolean[] judged, Box box,
                                        boolean[] hueJudged) {
        int[] lumaHistogram = new int[256], crHistogram = new int[256], cbHistogram = new int[256];
        float[] colour = new float[3];
        for (int i = 0; i < count; i++) {
            lumaChroma(bgr, samples[i], colour);
            lumaHistogram[bin(colour[0])]++;
            crHistogram[bin(colour[1] + 128)]++;
            cbHistogram[bin(colour[2] + 128)]++;
        }
        double skinLuma = median(lumaHistogram, count), darkest = MIN_RELATIVE_LUMA * skinLuma;
        double skinCr = median(crHistogram, count) - 128, skinCb = median(cbHistogram, count) - 128;
        float brightest = (float) (MAX_RELATIVE_LUMA * skinLuma);
        float palest = (float) (MAX_RELATIVE_CHROMA * (Math.abs(skinCr) + Math.abs(skinCb)) / Math.max(1, skinLuma));
        if (hueJudged != null && brightest >= 255 && !any(hueJudged, box)) {
            return null; // skin this bright leaves nothing brighter to be cloth
        }
        float[] distance = new float[box.width() * box.height()];
        float farthest = 0;
        for (int y = box.top(), q = 0; y <= box.bottom(); y++) {
            for (int x = box.left(); x <= box.right(); x++, q++) {
                int p = y * box.windowWidth() + x;
                distance[q] = Float.NaN;
                if (judged[p]) {
                    lumaChroma(bgr, p, colour);
                    if (colour[0] >= darkest) {
                        float d = hueJudged != null && !hueJudged[p] ? 0
                                : Math.abs(colour[1] - (float) skinCr) + Math.abs(colour[2] - (float) skinCb);
                        if (colour[0] > brightest && Math.abs(colour[1]) + Math.abs(colour[2]) < palest * colour[0]) {
                            d = Math.max(d, CLOTH); // bright and colourless: a white shirt, whatever its tint
                        }
                        distance[q] = d;
                        farthest = Math.max(farthest, d);
                    }
                }
            }
        }
        return farthest > MAX_CHROMA_DISTANCE ? distance : null;
    }

    /** Whether any of {@code box}'s pixels is set in {@code set} (window-wide, row-major). */
    private static boolean any(boolean[] set, Box box) {
        for (int y = box.top(); y <= box.bottom(); y++) {
            for (int x = box.left(); x <= box.right(); x++) {
                if (set[y * box.windowWidth() + x]) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Morphological opening of {@code set} with a (2r+1)² square: the pixels of the set that lie in
     * some square of the set's pixels only (beyond the image counts as outside the set).
     */
    static boolean[] opened(boolean[] set, int width, int height, int r) {
        int[] counts = prefixCounts(set, width, height);
        int side = 2 * r + 1;
        boolean[] centres = new boolean[set.length]; // of the squares wholly inside the set
        for (int y = r; y + r < height; y++) {
            for (int x = r; x + r < width; x++) {
                centres[y * width + x] = inSquare(counts, width, height, x, y, r) == side * side;
            }
        }
        boolean[] out = grown(centres, width, height, r);
        for (int p = 0; p < out.length; p++) {
            out[p] &= set[p];
        }
        return out;
    }

    /** The pixels within a (2r+1)² square of some pixel of {@code set}: its dilation. */
    static boolean[] grown(boolean[] set, int width, int height, int r) {
        int[] counts = prefixCounts(set, width, height);
        boolean[] out = new boolean[set.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = inSquare(counts, width, height, x, y, r) > 0;
            }
        }
        return out;
    }

    /** Summed-area table of {@code set}: entry (y + 1, x + 1) of a (width + 1)-wide grid counts the set's pixels up to (x, y). */
    private static int[] prefixCounts(boolean[] set, int width, int height) {
        int stride = width + 1;
        int[] counts = new int[stride * (height + 1)];
        for (int y = 0; y < height; y++) {
            int row = 0;
            for (int x = 0; x < width; x++) {
                row += set[y * width + x] ? 1 : 0;
                counts[(y + 1) * stride + x + 1] = counts[y * stride + x + 1] + row;
            }
        }
        return counts;
    }

    /** How many of the set's pixels lie in the (2r+1)² square around (x, y), clipped to the image. */
    private static int inSquare(int[] counts, int width, int height, int x, int y, int r) {
        int stride = width + 1;
        int top = Math.max(0, y - r), bottom = Math.min(height, y + r + 1);
        int left = Math.max(0, x - r), right = Math.min(width, x + r + 1);
        return counts[bottom * stride + right] - counts[top * stride + right]
                - counts[bottom * stride + left] + counts[top * stride + left];
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
