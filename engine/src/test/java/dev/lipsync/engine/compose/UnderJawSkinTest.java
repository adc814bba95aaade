package dev.lipsync.engine.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.FaceFrame;
import org.junit.jupiter.api.Test;

class UnderJawSkinTest {
    static final int SIZE = 256;
    static final int[] SKIN = {120, 150, 210}; // BGR
    static final int[] WALL = {200, 205, 205};
    /** Pale skin (luma 120, Cr 14, Cb -8) and a white with the same pinkish cast (luma 200, Cr 5, Cb -2). */
    static final int[] PALE_SKIN = {106, 113, 140}, TINTED_WHITE = {196, 197, 207};
    /** Lips (luma 105, Cr 53, Cb -9): 38 from SKIN in chroma, twice the limit, and bright enough to be judged. */
    static final int[] LIPS = {90, 70, 180};

    @Test
    void boxMeanAveragesTheKnownValuesOnly() {
        float[] values = {1, 2, Float.NaN, 4, Float.NaN, Float.NaN};
        float[] mean = UnderJawSkin.boxMean(values, 3, 2, 1);
        assertEquals((1 + 2 + 4) / 3f, mean[0], 1e-6);
        assertEquals((1 + 2 + 4) / 3f, mean[1], 1e-6);
        assertEquals(2f, mean[2], 1e-6); // only the 2 is known around the top right
        float[] none = UnderJawSkin.boxMean(new float[] {Float.NaN, Float.NaN}, 2, 1, 0);
        assertTrue(Float.isNaN(none[0]));
    }

    @Test
    void openingKeepsPatchesAndDropsSpecks() {
        int w = 12, h = 8;
        boolean[] set = new boolean[w * h];
        for (int y = 1; y <= 4; y++) {
            for (int x = 1; x <= 4; x++) {
                set[y * w + x] = true; // a 4 x 4 patch
            }
        }
        set[2 * w + 8] = set[2 * w + 9] = set[6 * w + 10] = true; // specks
        boolean[] opened = UnderJawSkin.opened(set, w, h, 1);
        for (int p = 0; p < set.length; p++) {
            int x = p % w, y = p / w;
            boolean inPatch = x >= 1 && x <= 4 && y >= 1 && y <= 4;
            assertEquals(inPatch, opened[p], "pixel " + x + "," + y);
        }
    }

    @Test
    void growingASetTakesThePixelsWithinItsSquare() {
        int w = 7, h = 5;
        boolean[] set = new boolean[w * h];
        set[2 * w + 1] = true;
        boolean[] grown = UnderJawSkin.grown(set, w, h, 1);
        for (int p = 0; p < set.length; p++) {
            int x = p % w, y = p / w;
            assertEquals(x <= 2 && y >= 1 && y <= 3, grown[p], "pixel " + x + "," + y);
        }
    }

    @Test
    void wallUnderTheJawLeavesTheMaskSkinAndShadeStay() {
        float[] target = SyntheticFace.smallFace();
        FaceFrame f = FaceFrame.of(target);
        double chinV = f.v(target[16], target[17]);
        // skin above the jaw line; under it, wall on the left half, skin in shade on the right
        byte[] bgr = painted((x, y) -> f.v(x, y) <= chinV + 0.1 ? SKIN : x < target[16] ? WALL : shaded(SKIN, 0.8));
        byte[] inside = wholeWindow();
        int cleared = UnderJawSkin.clear(inside, bgr, null, target, target, 0, 0, SIZE, SIZE);
        assertTrue(cleared > 0, "the wall under the jaw leaves the mask");
        Halves halves = Halves.of(inside, target);
        assertEquals(0, halves.aboveCleared(), "nothing above the jaw line changes");
        assertTrue(halves.leftJudged() > 0, "some wall under the jaw was judged");
        assertEquals(0, halves.leftKept(), "wall under the jaw, away from the skin, leaves the mask");
        assertEquals(0, halves.rightCleared(), "skin in shade under the jaw stays");
    }

    @Test
    void darkClothesAreLeftAsTheyWere() {
        float[] target = SyntheticFace.smallFace();
        FaceFrame f = FaceFrame.of(target);
        double chinV = f.v(target[16], target[17]);
        int[] darkBlueCollar = {60, 30, 20};
        byte[] bgr = painted((x, y) -> f.v(x, y) > chinV + 0.1 ? darkBlueCollar : SKIN);
        byte[] inside = wholeWindow();
        assertEquals(0, UnderJawSkin.clear(inside, bgr, null, target, target, 0, 0, SIZE, SIZE));
    }

    @Test
    void theTargetsCollarUnderTheJawStaysWhereTheSourceShowsSkin() {
        float[] target = SyntheticFace.smallFace();
        FaceFrame f = FaceFrame.of(target);
        double chinV = f.v(target[16], target[17]);
        // the source shows its neck's skin all the way down; the target, a white collar under its
        // chin on the left (the source's body sat lower) and on the right a shade of another hue
        // than its skin, which may be its own jaw's shadow where its jaw sat lower: only cloth counts
        int[] greyShade = {100, 105, 105};
        byte[] source = painted((x, y) -> PALE_SKIN);
        byte[] targetFrame = painted((x, y) -> f.v(x, y) <= chinV + 0.1 ? PALE_SKIN : x < target[16] ? TINTED_WHITE : greyShade);
        byte[] inside = wholeWindow();
        assertEquals(0, UnderJawSkin.clear(inside.clone(), source, null, target, target, 0, 0, SIZE, SIZE),
                "the source alone shows skin: nothing to clear");
        assertTrue(UnderJawSkin.clear(inside, source, targetFrame, target, target, 0, 0, SIZE, SIZE) > 0);
        Halves halves = Halves.of(inside, target);
        assertEquals(0, halves.aboveCleared(), "nothing above the jaw line changes");
        assertTrue(halves.leftJudged() > 0, "some collar under the jaw was judged");
        assertEquals(0, halves.leftKept(), "the target's collar leaves the mask: it stays where it is");
        assertEquals(0, halves.rightCleared(), "where the target shows a shade, the source's neck stays");
    }

    @Test
    void aBrightColourlessCollarIsClothThoughItsTintIsNearTheSkinsHue() {
        // each collar is 15 from its skin in chroma, under the limit of 18: pale skin under a pink
        // cast (see PALE_SKIN), and dark skin (luma 78, Cr 24, Cb -17) by a white collar under warm
        // light (luma 210, Cr 14, Cb -12), which keeps more chroma than half the skin's but is
        // far less saturated for its luma. Lit skin keeps its saturation and stays: the pale skin
        // half as bright again (past the luma limit, within 18 of its chroma), the dark a third
        // (half again moves its chroma by 21, which the chroma limit alone judges not skin)
        int[][][] scenes = {{PALE_SKIN, TINTED_WHITE, {150}}, {{48, 67, 112}, {189, 204, 230}, {130}}};
        for (int[][] scene : scenes) {
            int[] skin = scene[0], collar = scene[1];
            float[] target = SyntheticFace.smallFace();
            FaceFrame f = FaceFrame.of(target);
            double chinV = f.v(target[16], target[17]);
            int[] highlight = shaded(skin, scene[2][0] / 100.0);
            byte[] bgr = painted((x, y) -> f.v(x, y) <= chinV + 0.1 ? skin : x < target[16] ? collar : highlight);
            byte[] inside = wholeWindow();
            assertTrue(UnderJawSkin.clear(inside, bgr, null, target, target, 0, 0, SIZE, SIZE) > 0);
            Halves halves = Halves.of(inside, target);
            String name = java.util.Arrays.toString(collar) + " by " + java.util.Arrays.toString(skin);
            assertEquals(0, halves.aboveCleared(), name + ": nothing above the jaw line changes");
            assertTrue(halves.leftJudged() > 0, name + ": some collar under the jaw was judged");
            assertEquals(0, halves.leftKept(), name + ": the collar leaves the mask");
            assertEquals(0, halves.rightCleared(), name + ": brightly lit skin stays");
        }
    }

    @Test
    void aThinStripAlongTheMasksEdgeGoesWhileTheSameStripInsideStays() {
        float[] target = SyntheticFace.smallFace();
        FaceFrame f = FaceFrame.of(target);
        int chinY = Math.round(target[17]);
        int radius = Math.max(1, (int) Math.round(UnderJawSkin.MIN_PATCH * f.eyeDistance() / 2));
        assertTrue(radius >= 2, "a face large enough for a strip thinner than the opening's square after smoothing");
        // the smoothing widens a strip by one row each way where two of its rows fall in the box:
        // a strip of `radius` rows stays thinner than the opening's square (2 * radius + 1)
        int strip = radius;
        // rows inner.. lie inside the mask, well under the jaw; the mask ends at row edge
        int inner = chinY + 8 * radius, edge = inner + 10 * radius;
        assertTrue(edge < SIZE);
        byte[] bgr = painted((x, y) -> y >= edge - strip && y < edge || y >= inner && y < inner + strip ? WALL : SKIN);
        byte[] inside = wholeWindow();
        for (int p = edge * SIZE; p < inside.length; p++) {
            inside[p] = 0;
        }
        UnderJawSkin.clear(inside, bgr, null, target, target, 0, 0, SIZE, SIZE);
        int x = Math.round(target[16]); // under the chin
        for (int y = edge - strip; y < edge; y++) {
            assertEquals(0, inside[y * SIZE + x], "the strip along the edge trims the mask, row " + y);
        }
        for (int y = inner; y < inner + strip; y++) {
            assertEquals(1, inside[y * SIZE + x], "the same strip inside would be a hole: it stays, row " + y);
        }
    }

    @Test
    void wallBesideTheCheekLeavesTheMaskWhileTheLipsStay() {
        float[] target = SyntheticFace.smallFace();
        FaceFrame f = FaceFrame.of(target);
        double[] mouth = mouthSpan(target, f);
        double chinV = f.v(target[16], target[17]), margin = 2 * UnderJawSkin.SMOOTHING;
        double wallFrom = mouth[1] + UnderJawSkin.BESIDE_MOUTH + margin;
        // judged beside the mouth down to ABOVE_JAW over the jaw line, and beyond its ends
        // (landmarks 3 and 13) down to that over the higher end
        double jawEnds = Math.min(f.v(target[6], target[7]), f.v(target[26], target[27])) - UnderJawSkin.ABOVE_JAW;
        // the source's cheek ends early on the right: wall there, above the jaw line; its lips are
        // as far from its skin in chroma as the wall (see LIPS), but lie between the mouth's corners
        byte[] source = painted((x, y) -> f.u(x, y) > wallFrom && f.v(x, y) < chinV ? WALL
                : inMouth(target, f, x, y) ? LIPS : SKIN);
        // the mask's side ends just past the wall's edge: the cheeks are judged along the mask's sides
        double maskEnd = wallFrom + 0.2;
        byte[] inside = maskBetween(f, -maskEnd, maskEnd);
        assertTrue(UnderJawSkin.clear(inside, source, null, target, target, 0, 0, SIZE, SIZE) > 0);
        int wallJudged = 0, wallKept = 0, lipsCleared = 0, skinCleared = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double u = f.u(x, y), v = f.v(x, y);
                boolean kept = inside[y * SIZE + x] == 1;
                if (u > wallFrom + margin && u < maskEnd && v < jawEnds - margin) {
                    wallJudged++;
                    wallKept += kept ? 1 : 0;
                } else if (inMouth(target, f, x, y)) {
                    lipsCleared += kept ? 0 : 1;
                } else if (u > -maskEnd && u < wallFrom - 2 * margin && v < chinV) {
                    skinCleared += kept ? 0 : 1;
                }
            }
        }
        assertTrue(wallJudged > 0, "some wall beside the cheek was judged");
        assertEquals(0, wallKept, "the wall beside the cheek leaves the mask");
        assertEquals(0, lipsCleared, "the lips stay, however far from the skin's colour");
        assertEquals(0, skinCleared, "the cheek's skin stays");
    }

    @Test
    void aDarkVividWallBesideTheCheekLeavesTheMaskWhileTheCheeksShadeStays() {
        // both darker than the shade limit (0.6 of the skin's luma 164): a red wall in shade (luma
        // 58, Cr 66, Cb -27: saturation 1.6 against the skin's 0.35) and the skin at half its light
        // (the skin's own saturation); only the wall's is vivid enough to be no shade of skin
        int[] darkRed = {10, 20, 150};
        float[] target = SyntheticFace.smallFace();
        FaceFrame f = FaceFrame.of(target);
        double[] mouth = mouthSpan(target, f);
        double wallFrom = mouth[1] + UnderJawSkin.BESIDE_MOUTH + 2 * UnderJawSkin.SMOOTHING, maskEnd = wallFrom + 0.2;
        double jawEnds = Math.min(f.v(target[6], target[7]), f.v(target[26], target[27])) - UnderJawSkin.ABOVE_JAW;
        for (int[] beside : new int[][] {darkRed, shaded(SKIN, 0.5)}) {
            byte[] source = painted((x, y) -> f.u(x, y) > wallFrom && f.v(x, y) < jawEnds ? beside
                    : inMouth(target, f, x, y) ? LIPS : SKIN);
            byte[] inside = maskBetween(f, -maskEnd, maskEnd);
            int cleared = UnderJawSkin.clear(inside, source, null, target, target, 0, 0, SIZE, SIZE);
            int wall = pixelAt(f, maskEnd - 0.05, jawEnds - 0.2);
            if (beside == darkRed) {
                assertEquals(0, inside[wall], "the dark red wall beside the cheek leaves the mask");
            } else {
                assertEquals(0, cleared, "the cheek in shade stays");
            }
        }
    }

    @Test
    void besideTheMouthOnlyWhatReachesTheMasksEdgeIsCleared() {
        // a 9 x 5 window, the mask its middle seven columns: a set touching the mask's left edge
        // (columns 1-2, on the cheek), one in the interior (column 5, in the jaw's shade), one
        // touching the right edge but under the jaw (column 7)
        int w = 9, h = 5;
        byte[] inside = new byte[w * h];
        boolean[] set = new boolean[w * h];
        byte[] zone = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 1; x < 8; x++) {
                inside[y * w + x] = 1;
            }
            for (int x : new int[] {1, 2, 5, 7}) {
                set[y * w + x] = y > 0 && y < 4;
            }
            for (int x = 0; x < 7; x++) {
                zone[y * w + x] = x < 4 ? UnderJawSkin.CHEEK : UnderJawSkin.JAW_SHADE;
            }
            zone[y * w + 7] = UnderJawSkin.UNDER_JAW;
        }
        boolean[] reached = UnderJawSkin.edgeReached(set, zone, inside, new UnderJawSkin.Box(0, 0, w - 1, h - 1, w));
        for (int y = 1; y < 4; y++) {
            assertTrue(reached[y * w + 1] && reached[y * w + 2], "joined to the edge, row " + y);
            assertTrue(!reached[y * w + 5], "a hole in the cheek, row " + y);
            assertTrue(!reached[y * w + 7], "not beside the mouth, row " + y);
        }
    }

    @Test
    void theTargetsWallBesideItsCheekStaysWhereTheSourceShowsSkin() {
        // the target's landmarks put its cheek further out than its skin reaches: wall there,
        // which the source would cover with its own cheek (a second cheek line beside the first)
        float[] target = SyntheticFace.smallFace();
        FaceFrame f = FaceFrame.of(target);
        double[] mouth = mouthSpan(target, f);
        double wallFrom = mouth[0] - UnderJawSkin.BESIDE_MOUTH - 2 * UnderJawSkin.SMOOTHING;
        byte[] source = painted((x, y) -> inMouth(target, f, x, y) ? LIPS : SKIN);
        byte[] targetFrame = painted((x, y) -> f.u(x, y) < wallFrom ? WALL : inMouth(target, f, x, y) ? LIPS : SKIN);
        byte[] inside = maskBetween(f, wallFrom - 0.1, -wallFrom + 0.1);
        assertEquals(0, UnderJawSkin.clear(inside.clone(), source, null, target, target, 0, 0, SIZE, SIZE),
                "the source alone shows skin and lips: nothing to clear");
        assertTrue(UnderJawSkin.clear(inside, source, targetFrame, target, target, 0, 0, SIZE, SIZE) > 0);
        // judged on the cheek above the mouth (level with the nose's tip), not beside it: there a
        // source opening wider may widen the jaw past the target's
        double noseV = f.v(target[2 * 33], target[2 * 33 + 1]);
        assertEquals(0, inside[pixelAt(f, wallFrom - 0.05, noseV)], "the target's wall beside its cheek stays its own");
        double mouthV = f.v(target[2 * 66], target[2 * 66 + 1]);
        assertEquals(1, inside[pixelAt(f, wallFrom - 0.05, mouthV)], "beside the mouth the source's cheek stays");
    }

    /** The mouth's extent across the face, {min u, max u} of landmarks 48-67. */
    private static double[] mouthSpan(float[] l, FaceFrame f) {
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (int j = 48; j < 68; j++) {
            double u = f.u(l[2 * j], l[2 * j + 1]);
            min = Math.min(min, u);
            max = Math.max(max, u);
        }
        return new double[] {min, max};
    }

    /** Whether (x, y) lies in the box of the outer lip landmarks (48-59) in the face's frame. */
    private static boolean inMouth(float[] l, FaceFrame f, int x, int y) {
        double[] span = mouthSpan(l, f);
        double top = Double.MAX_VALUE, bottom = -Double.MAX_VALUE;
        for (int j = 48; j < 60; j++) {
            double v = f.v(l[2 * j], l[2 * j + 1]);
            top = Math.min(top, v);
            bottom = Math.max(bottom, v);
        }
        double u = f.u(x, y), v = f.v(x, y);
        return u >= span[0] && u <= span[1] && v >= top && v <= bottom;
    }

    /**
     * The scenes paint one colour under the jaw line's left half (x below the chin's, landmark 8)
     * and another under its right: what the mask kept of each, away from the boundaries (see
     * {@link #boundaryMargin}), and what it lost above the jaw line.
     */
    record Halves(int aboveCleared, int leftJudged, int leftKept, int rightCleared) {
        static Halves of(byte[] inside, float[] target) {
            FaceFrame f = FaceFrame.of(target);
            double chinV = f.v(target[16], target[17]), margin = boundaryMargin(f.eyeDistance());
            int aboveCleared = 0, leftJudged = 0, leftKept = 0, rightCleared = 0;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    double v = f.v(x, y);
                    boolean kept = inside[y * SIZE + x] == 1;
                    boolean clearOfEdges = v > chinV + 0.1 + 2 * UnderJawSkin.SMOOTHING && Math.abs(x - target[16]) > margin;
                    aboveCleared += v < chinV - 0.1 && !kept ? 1 : 0;
                    if (clearOfEdges && x < target[16] && inJaw(target, f, x, y)) {
                        leftJudged++;
                        leftKept += kept ? 1 : 0;
                    }
                    rightCleared += clearOfEdges && x > target[16] && !kept ? 1 : 0;
                }
            }
            return new Halves(aboveCleared, leftJudged, leftKept, rightCleared);
        }
    }

    /**
     * How far from a colour boundary a pixel's fate may differ from its colour's: the smoothing
     * box straddles the boundary (half a SMOOTHING) and a cleared patch's rim reaches past it (a
     * SMOOTHING).
     */
    private static double boundaryMargin(double eyeDistance) {
        return 2 * UnderJawSkin.SMOOTHING * eyeDistance;
    }

    /** A SIZE x SIZE BGR picture, each pixel the colour {@code colourAt} gives it. */
    private static byte[] painted(java.util.function.BiFunction<Integer, Integer, int[]> colourAt) {
        byte[] bgr = new byte[SIZE * SIZE * 3];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int[] colour = colourAt.apply(x, y);
                for (int c = 0; c < 3; c++) {
                    bgr[3 * (y * SIZE + x) + c] = (byte) colour[c];
                }
            }
        }
        return bgr;
    }

    /** The window index of the pixel at (u, v) in the face's frame. */
    private static int pixelAt(FaceFrame f, double u, double v) {
        return (int) Math.round(f.y(u, v)) * SIZE + (int) Math.round(f.x(u, v));
    }

    /** A mask over the window between two lines across the face: {@code fromU < u < toU} (eye distances). */
    private static byte[] maskBetween(FaceFrame f, double fromU, double toU) {
        byte[] inside = new byte[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double u = f.u(x, y);
                inside[y * SIZE + x] = (byte) (u > fromU && u < toU ? 1 : 0);
            }
        }
        return inside;
    }

    /** A mask over the whole window. */
    private static byte[] wholeWindow() {
        byte[] inside = new byte[SIZE * SIZE];
        java.util.Arrays.fill(inside, (byte) 1);
        return inside;
    }

    /** Whether (x, y) lies between the jaw's ends (landmarks 3 and 13), where the jaw line is known. */
    private static boolean inJaw(float[] l, FaceFrame f, int x, int y) {
        double u = f.u(x, y);
        return u > f.u(l[6], l[7]) && u < f.u(l[26], l[27]);
    }

    private static int[] shaded(int[] bgr, double factor) {
        return new int[] {(int) (bgr[0] * factor), (int) (bgr[1] * factor), (int) (bgr[2] * factor)};
    }
}
