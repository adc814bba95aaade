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
 * <p>Along the mask's sides ({@link #BESIDE_EDGE} from its edge in each row), away from the
 * mouth ({@link #BESIDE_MOUTH} around the box of the old and the new lips), the cheeks are judged
 * too: where a head in three-quarter view turns its far cheek against the background, the
 * source's cheek line seldom falls on the target's, and the mask's side showed the source's
 * background inside the target's cheek with the target's own cheek edge as a pale line beside it
 * (vox2 00086 before a red wall, feifeili clip 3 against her hair), or the source's cheek over the
 * target's hair or wall (HDTF Radio 2, LRS2 demo 19). Above the higher jaw line ({@link
 * #ABOVE_JAW}) the source is judged by hue, and the target too above the mouth ({@link
 * #UPPER_CHEEK}): beside the mouth a source opening wider widens the jaw past the target's, and
 * judging the target's background there cut a notch into the new jaw (vox2 06811). Between the
 * two jaw lines lies the new jaw's own shade: judged by hue (a grey shade of another hue) it let
 * the target's lower jaw line show beside the new one (EDTalk's pose clip), so only vivid pixels
 * count there. A pixel too dark to judge by hue is not skin on the cheeks where it is far more
 * saturated than skin ({@link #MIN_VIVID_SATURATION}): vox2 00086's red wall lies under the shade
 * limit. On the cheeks only what reaches the mask's edge is cleared, and an under-jaw patch's rim
 * does not reach up them: a hole there showed the target's own light through it, a patch with
 * straight sides where the judged strip ends, in a face lit otherwise than its source (LRS2 demo
 * 9). The far cheek of a turned head lies close to the mouth's corner in the face's frame: a band
 * beside the corners (rather than a box around the lips) left most of it unjudged. Pure functions
 * over pixel arrays.
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
    /**
     * On the cheeks, pixels too dark to judge by hue are not skin where their saturation
     * (|Cr| + |Cb| over luma) exceeds this many times the skin's: a saturated wall (vox2 00086's
     * red, luma 72 against the skin's 160) is darker than skin's shade limit, yet shade keeps
     * about the skin's saturation, and stubble and hair have less.
     */
    static final double MIN_VIVID_SATURATION = 2.5;
    /**
     * Where a pixel is judged: under the lower jaw line; on a cheek above the mouth, beside it, or in
     * the new jaw's shade beside it (the cheek zones, from {@link #UPPER_CHEEK} on).
     */
    static final byte UNDER_JAW = 1, UPPER_CHEEK = 2, CHEEK = 3, JAW_SHADE = 4;
    /**
     * Not judged, but measured for the smoothing: the mask's other pixels, not the lips. The
     * smoothing averages over unjudged skin next to judged pixels, as it did under the jaw before
     * the cheeks were judged: a patch half on skin stays.
     */
    private static final byte NEAR = 5;
    /** The parts judged each in a box of its own: under the jaw, the left cheek, the right cheek. */
    private static final byte UNDER_JAW_PART = 1, LEFT_CHEEK = 2, RIGHT_CHEEK = 3, PARTS = 3;
    /** The distance a bright colourless pixel counts as: twice the limit, so a patch of them clears. */
    private static final float CLOTH = (float) (2 * MAX_CHROMA_DISTANCE);
    /**
     * Only pixels this far below the lower jaw line are judged (eye distances): right under it
     * lies the new chin's own edge and shadow.
     */
    static final double BELOW_JAW = 0.06;
    /** The cheeks are judged from this far around the mouth (its lip landmarks' box) on (eye distances). */
    static final double BESIDE_MOUTH = 0.15;
    /** ... and this far above the higher of the old and the new jaw line (eye distances). */
    static final double ABOVE_JAW = 0.1;
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
     * skin, or {@code targetBgr}'s is cloth; and along the mask's sides, away from the mouth,
     * where either's is not its skin and the patch reaches the mask's edge.
     *
     * @param warpedBgr the warped source over the window, packed BGR rows
     * @param targetBgr the target frame over the same window, packed BGR rows; null: the source is judged alone
     * @param target, destination the target's and the new face's 68 landmarks (frame coordinates)
     * @return the pixels cleared
     */
    static int clear(byte[] inside, byte[] warpedBgr, byte[] targetBgr, float[] target, float[] destination, int x0,
                     int y0, int width, int height) {
        FaceFrame f = FaceFrame.of(target);
        double[] jawU = new double[11], jawV = new double[11], upperU = new double[11], upperV = new double[11];
        for (int k = 0; k < 11; k++) { // landmarks 3-13: the jaw under the mask
            int j = 3 + k;
            double tv = f.v(target[2 * j], target[2 * j + 1]), nv = f.v(destination[2 * j], destination[2 * j + 1]);
            float[] lower = nv > tv ? destination : target, upper = nv > tv ? target : destination;
            jawU[k] = f.u(lower[2 * j], lower[2 * j + 1]);
            jawV[k] = Math.max(tv, nv);
            upperU[k] = f.u(upper[2 * j], upper[2 * j + 1]);
            upperV[k] = Math.min(tv, nv) - ABOVE_JAW;
        }
        JawLine jaw = new JawLine(jawU, jawV);
        // the cheeks are judged by hue above the higher jaw line, in the new jaw's shade below it
        // only for vivid colour
        JawLine cheeksEnd = new JawLine(upperU, upperV);
        double cheeksEndAtEnds = Math.min(upperV[0], upperV[upperV.length - 1]);
        double jawAtEnds = Math.max(jawV[0], jawV[jawV.length - 1]);
        // around the mouth, the old one and the new, by a margin: the lips and teeth are not skin
        double mouthLeft = Double.MAX_VALUE, mouthRight = -Double.MAX_VALUE;
        double mouthTop = Double.MAX_VALUE, mouthBottom = -Double.MAX_VALUE;
        for (float[] face : new float[][] {target, destination}) {
            for (int j = 48; j < 68; j++) {
                double u = f.u(face[2 * j], face[2 * j + 1]), v = f.v(face[2 * j], face[2 * j + 1]);
                mouthLeft = Math.min(mouthLeft, u - BESIDE_MOUTH);
                mouthRight = Math.max(mouthRight, u + BESIDE_MOUTH);
                mouthTop = Math.min(mouthTop, v - BESIDE_MOUTH);
                mouthBottom = Math.max(mouthBottom, v + BESIDE_MOUTH);
            }
        }
        byte[] zone = new byte[width * height], part = new byte[width * height];
        int[] skinSamples = new int[((width + SKIN_STEP - 1) / SKIN_STEP) * ((height + SKIN_STEP - 1) / SKIN_STEP)];
        int skin = 0;
        // each part's bounds: under the jaw, the left cheek, the right cheek (left, top, right, bottom)
        int[][] bounds = new int[PARTS + 1][];
        for (int k = 1; k <= PARTS; k++) {
            bounds[k] = new int[] {width, height, -1, -1};
        }
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
                boolean byMouth = u >= mouthLeft && u <= mouthRight && v >= mouthTop && v <= mouthBottom;
                // the cheeks' sides: not the chin under the mouth, whose edge is the jaw line's
                boolean underMouth = u >= mouthLeft && u <= mouthRight && v > mouthBottom;
                boolean byEdge = !byMouth && !underMouth && (x - first < strip || last - x < strip);
                if (v > jawHere + BELOW_JAW) {
                    zone[p] = UNDER_JAW;
                } else if (byEdge) {
                    // beyond the jaw line's ends the cheeks reach down to the higher of those ends
                    double cheekEnd = cheeksEnd.at(u);
                    zone[p] = v <= (Double.isNaN(cheekEnd) ? cheeksEndAtEnds : cheekEnd) ? (v < mouthTop ? UPPER_CHEEK : CHEEK)
                            : !Double.isNaN(jawHere) || v <= jawAtEnds ? JAW_SHADE : NEAR;
                } else if (!byMouth) {
                    zone[p] = NEAR;
                }
                if (isJudged(zone[p])) {
                    part[p] = zone[p] == UNDER_JAW ? UNDER_JAW_PART : x - first < last - x ? LEFT_CHEEK : RIGHT_CHEEK;
                    int[] b = bounds[part[p]];
                    b[0] = Math.min(b[0], x);
                    b[1] = Math.min(b[1], y);
                    b[2] = Math.max(b[2], x);
                    b[3] = Math.max(b[3], y);
                }
                if (v <= jawHere && x % SKIN_STEP == 0 && y % SKIN_STEP == 0 && !Double.isNaN(jawHere)) {
                    skinSamples[skin++] = p;
                }
            }
        }
        if (skin == 0) {
            return 0;
        }
        // each part in a box of its own: a whole window's box cost every composite with a far pixel
        // anywhere (most, once the cheeks were judged) a millisecond
        int radius = Math.max(1, (int) Math.round(SMOOTHING * f.eyeDistance() / 2));
        int patchRadius = Math.max(1, (int) Math.round(MIN_PATCH * f.eyeDistance() / 2));
        SkinTone[] tones = {SkinTone.of(warpedBgr, skinSamples, skin),
            targetBgr == null ? null : SkinTone.of(targetBgr, skinSamples, skin)};
        int cleared = 0;
        for (byte k = 1; k <= PARTS; k++) {
            int[] b = bounds[k];
            if (b[2] < 0) {
                continue;
            }
            Box box = new Box(Math.max(0, b[0] - radius), Math.max(0, b[1] - radius), Math.min(width - 1, b[2] + radius),
                    Math.min(height - 1, b[3] + radius), width);
            cleared += clearPart(inside, warpedBgr, targetBgr, zone, part, k, box, tones, radius, patchRadius);
        }
        return cleared;
    }

    /**
     * {@link #clear} over one part ({@code part} {@code k}) in its {@code box}: judged, smoothed,
     * specks and holes left, rims taken.
     */
    private static int clearPart(byte[] inside, byte[] warpedBgr, byte[] targetBgr, byte[] zone, byte[] part, byte k,
                                 Box box, SkinTone[] tones, int radius, int patchRadius) {
        int width = box.windowWidth();
        boolean[] far = {anyFar(warpedBgr, zone, part, k, box, tones[0], false),
            targetBgr != null && anyFar(targetBgr, zone, part, k, box, tones[1], true)};
        if (!far[0] && !far[1]) {
            return 0;
        }
        boolean[] judged = new boolean[box.width() * box.height()];
        for (int y = box.top(), q = 0; y <= box.bottom(); y++) {
            for (int x = box.left(); x <= box.right(); x++, q++) {
                judged[q] = part[y * width + x] == k;
            }
        }
        boolean[] notSkin = new boolean[box.width() * box.height()];
        int candidates = 0;
        for (int image = 0; image < 2; image++) {
            if (!far[image]) {
                continue;
            }
            float[] distance = distances(image == 0 ? warpedBgr : targetBgr, zone, judged, box, tones[image], image == 1);
            float[] smooth = boxMean(distance, box.width(), box.height(), radius);
            for (int y = box.top(), q = 0; y <= box.bottom(); y++) {
                for (int x = box.left(); x <= box.right(); x++, q++) {
                    // NaN (too dark to tell) stays
                    if (!notSkin[q] && smooth[q] > MAX_CHROMA_DISTANCE && judged[q]) {
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
        boolean[] patches = opened(clearable, box.width(), box.height(), patchRadius);
        boolean[] chosen = new boolean[patches.length];
        for (int q = 0; q < chosen.length; q++) {
            chosen[q] = patches[q] && notSkin[q];
        }
        // a patch's rim goes with it, SMOOTHING wide: the smoothing leaves its edge's shade (the
        // dark line along a collar's edge, too dark to be judged) just outside it; half as wide
        // left half that line on man_suit_en
        // (an under-jaw patch's rim does not reach up the cheek, where it showed the target's lower
        // jaw beside the new one, EDTalk's pose clip; on the cheeks only what reaches the mask's
        // edge goes, see the class comment)
        boolean underJaw = k == UNDER_JAW_PART;
        boolean[] rims = grown(chosen, box.width(), box.height(), 2 * radius);
        boolean[] trimmed = underJaw ? null : edgeReached(rims, zone, inside, box);
        int cleared = 0;
        for (int y = box.top(), q = 0; y <= box.bottom(); y++) {
            for (int x = box.left(); x <= box.right(); x++, q++) {
                int p = y * width + x;
                boolean clear = zone[p] == UNDER_JAW ? rims[q] : !underJaw && isCheek(zone[p]) && trimmed[q];
                if (clear && inside[p] != 0) {
                    inside[p] = 0;
                    cleared++;
                }
            }
        }
        return cleared;
    }

    /**
     * The pixels of {@code set} (over {@code box}) on the cheeks ({@code zone} from {@link
     * #UPPER_CHEEK} on) that a path through such pixels joins to the mask's outside (or the
     * window's border).
     */
    static boolean[] edgeReached(boolean[] set, byte[] zone, byte[] inside, Box box) {
        int w = box.width(), h = box.height(), windowWidth = box.windowWidth();
        boolean[] reached = new boolean[set.length];
        int[] stack = new int[set.length];
        int top = 0;
        for (int y = 0, q = 0; y < h; y++) {
            for (int x = 0; x < w; x++, q++) {
                int p = (box.top() + y) * windowWidth + box.left() + x;
                if (set[q] && isCheek(zone[p]) && touchesOutside(inside, box, x, y)) {
                    reached[q] = true;
                    stack[top++] = q;
                }
            }
        }
        while (top > 0) {
            int q = stack[--top], x = q % w, y = q / w;
            for (int k = 0; k < 4; k++) {
                int nx = x + (k == 0 ? 1 : k == 1 ? -1 : 0), ny = y + (k == 2 ? 1 : k == 3 ? -1 : 0);
                if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                    continue;
                }
                int n = ny * w + nx;
                if (!reached[n] && set[n] && isCheek(zone[(box.top() + ny) * windowWidth + box.left() + nx])) {
                    reached[n] = true;
                    stack[top++] = n;
                }
            }
        }
        return reached;
    }

    /** Whether box pixel (x, y) has a 4-neighbour outside the mask or lies on the window's border. */
    private static boolean touchesOutside(byte[] inside, Box box, int x, int y) {
        int wx = box.left() + x, wy = box.top() + y, windowWidth = box.windowWidth();
        int windowHeight = inside.length / windowWidth;
        if (wx == 0 || wy == 0 || wx == windowWidth - 1 || wy == windowHeight - 1) {
            return true;
        }
        int p = wy * windowWidth + wx;
        return inside[p - 1] == 0 || inside[p + 1] == 0 || inside[p - windowWidth] == 0 || inside[p + windowWidth] == 0;
    }

    /** Columns {@code left..right}, rows {@code top..bottom} of a window {@code windowWidth} wide. */
    record Box(int left, int top, int right, int bottom, int windowWidth) {
        int width() {
            return right - left + 1;
        }

        int height() {
            return bottom - top + 1;
        }
    }

    /**
     * An image's skin under the mask (the medians of its {@code samples}) and the limits it sets:
     * shade too dark to judge, cloth bright and pale, a vivid colour too dark to judge by hue.
     */
    record SkinTone(float luma, float cr, float cb, float darkest, float brightest, float palest, float vivid) {
        static SkinTone of(byte[] bgr, int[] samples, int count) {
            int[] lumaHistogram = new int[256], crHistogram = new int[256], cbHistogram = new int[256];
            float[] colour = new float[3];
            for (int i = 0; i < count; i++) {
                lumaChroma(bgr, samples[i], colour);
                lumaHistogram[bin(colour[0])]++;
                crHistogram[bin(colour[1] + 128)]++;
                cbHistogram[bin(colour[2] + 128)]++;
            }
            double luma = median(lumaHistogram, count);
            double cr = median(crHistogram, count) - 128, cb = median(cbHistogram, count) - 128;
            float saturation = (float) ((Math.abs(cr) + Math.abs(cb)) / Math.max(1, luma));
            return new SkinTone((float) luma, (float) cr, (float) cb, (float) (MIN_RELATIVE_LUMA * luma),
                    (float) (MAX_RELATIVE_LUMA * luma), (float) MAX_RELATIVE_CHROMA * saturation,
                    (float) MIN_VIVID_SATURATION * saturation);
        }
    }

    /**
     * Pixel {@code p}'s chroma distance from the image's skin, by its {@code zone}: under the jaw
     * the source's hue counts, and for both images bright colourless pixels count as {@link
     * #CLOTH}; on the cheeks the source's hue, and the target's above the mouth (a cheek in full
     * light is as pale as a collar, and no collar lies there); in the new jaw's shade only vivid
     * colour. On the cheeks a pixel too dark to be judged by hue yet vivid ({@link
     * #MIN_VIVID_SATURATION}) counts as {@link #CLOTH}; the mask's other pixels ({@link #NEAR}) as
     * under the jaw. NaN where it is not measured or too dark to judge.
     */
    private static float distance(byte[] bgr, int p, byte at, SkinTone skin, boolean isTarget, float[] colour) {
        // the target's own cheek is judged above the mouth only: beside and below it a source
        // opening wider widens the jaw past the target's, and judging the target's background
        // there cut a notch into the new jaw (vox2 06811)
        if (at == 0 || isTarget && (at == CHEEK || at == JAW_SHADE)) {
            return Float.NaN;
        }
        lumaChroma(bgr, p, colour);
        if (colour[0] >= skin.darkest()) {
            boolean underJaw = at == UNDER_JAW || at == NEAR;
            boolean byHue = at == UPPER_CHEEK || at == CHEEK || underJaw && !isTarget;
            float d = byHue ? Math.abs(colour[1] - skin.cr()) + Math.abs(colour[2] - skin.cb()) : 0;
            if (underJaw && colour[0] > skin.brightest()
                    && Math.abs(colour[1]) + Math.abs(colour[2]) < skin.palest() * colour[0]) {
                d = Math.max(d, CLOTH); // bright and colourless: a white shirt, whatever its tint
            }
            return d;
        }
        if (isCheek(at) && Math.abs(colour[1]) + Math.abs(colour[2]) > skin.vivid() * Math.max(1, colour[0])) {
            return CLOTH; // dark but vivid: a coloured wall in shade, never skin's shade
        }
        return Float.NaN;
    }

    /**
     * Whether some pixel of part {@code k} in {@code box} lies far from skin: else no box mean
     * can (most composites), and nothing is allocated to find that out.
     */
    private static boolean anyFar(byte[] bgr, byte[] zone, byte[] part, byte k, Box box, SkinTone skin,
                                  boolean isTarget) {
        if (isTarget && skin.brightest() >= 255 && !anyBeside(zone, box)) {
            return false; // skin this bright leaves nothing brighter to be cloth
        }
        float[] colour = new float[3];
        for (int y = box.top(); y <= box.bottom(); y++) {
            for (int x = box.left(); x <= box.right(); x++) {
                int p = y * box.windowWidth() + x;
                if (part[p] == k && distance(bgr, p, zone[p], skin, isTarget, colour) > MAX_CHROMA_DISTANCE) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The distances ({@link #distance}) of {@code box}'s pixels: its judged ones and the {@link #NEAR} ones. */
    private static float[] distances(byte[] bgr, byte[] zone, boolean[] judged, Box box, SkinTone skin, boolean isTarget) {
        float[] distance = new float[box.width() * box.height()];
        float[] colour = new float[3];
        for (int y = box.top(), q = 0; y <= box.bottom(); y++) {
            for (int x = box.left(); x <= box.right(); x++, q++) {
                int p = y * box.windowWidth() + x;
                distance[q] = judged[q] || zone[p] == NEAR ? distance(bgr, p, zone[p], skin, isTarget, colour) : Float.NaN;
            }
        }
        return distance;
    }

    private static boolean isJudged(byte zone) {
        return zone >= UNDER_JAW && zone <= JAW_SHADE;
    }

    private static boolean isCheek(byte zone) {
        return zone >= UPPER_CHEEK && zone <= JAW_SHADE;
    }

    /** Whether any of {@code box}'s pixels lies on the cheeks ({@code zone}, window-wide, row-major). */
    private static boolean anyBeside(byte[] zone, Box box) {
        for (int y = box.top(); y <= box.bottom(); y++) {
            for (int x = box.left(); x <= box.right(); x++) {
                if (isCheek(zone[y * box.windowWidth() + x])) {
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
