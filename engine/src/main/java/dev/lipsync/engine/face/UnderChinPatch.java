package dev.lipsync.engine.face;

import dev.lipsync.engine.landmarks.FaceFrame;
import dev.lipsync.engine.landmarks.GrayImage;
import dev.lipsync.engine.landmarks.Landmarks;

/**
 * What lies under a face's chin (neck, collar, clothes), sampled on a grid fixed to the head: the
 * eye line and eye distance place it, so the same head pose samples the same points of the head
 * whatever the mouth does. Between two frames of a person the body under the head is rarely
 * where the head last left it (the head nods and turns on the neck); {@link #bodyShift} finds
 * how far, so a composite that carries one frame's lower face into another can carry the
 * neck and collar under it to where the body really is, instead of with the head (which drew
 * the donor's collar edge across the target's neck).
 */
public final class UnderChinPatch {
    /** Grid step, in eye distances. */
    static final double STEP = 0.075;
    /** First column's u (along the eye line, 0 midway between the eyes) and the columns. */
    static final double U_FIRST = -1.2;
    static final int COLUMNS = 33;
    /** First row's v (down the face, 0 on the eye line; dlib's mean chin lies at 1.84) and the rows. */
    static final double V_FIRST = 2.0;
    static final int ROWS = 14;
    /** A sample outside the picture; grey levels are stored as 1-255. */
    static final int OUTSIDE = 0;
    /** The farthest shift looked for, in grid steps each way (0.15 eye distances). */
    static final int REACH = 2;
    /** Rows closer than this under the lower of the two chins are left out: the chin itself moves with the mouth. */
    static final double BELOW_CHIN = 0.1;
    /** Fewest rows and share of paired samples a shift is judged on. */
    static final int MIN_ROWS = 3;
    static final double MIN_PAIRED = 0.5;
    /**
     * A shift of a whole grid step or more is taken only where it matches better than none by
     * this share (mean absolute difference).
     */
    static final double DISTINCT = 0.8;
    /** Nor where the patch is this flat (grey levels, mean absolute deviation): bare skin, nothing to align. */
    static final double MIN_TEXTURE = 4;

    private UnderChinPatch() {
    }

    /**
     * The patch (ROWS x COLUMNS, row-major grey levels 1-255, {@link #OUTSIDE} beyond the picture),
     * or null for landmarks that place no grid (eyes on top of each other, or not finite): such a
     * face's neck then moves with its head, and pass 1 goes on.
     */
    public static byte[] of(GrayImage image, Landmarks face) {
        FaceFrame frame;
        try {
            frame = FaceFrame.of(face);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!Double.isFinite(frame.ox() + frame.oy() + frame.ux() + frame.uy() + frame.eyeDistance())) {
            return null;
        }
        byte[] patch = new byte[ROWS * COLUMNS];
        for (int r = 0; r < ROWS; r++) {
            double v = V_FIRST + r * STEP;
            for (int c = 0; c < COLUMNS; c++) {
                double u = U_FIRST + c * STEP;
                patch[r * COLUMNS + c] = (byte) grey(image, frame.x(u, v), frame.y(u, v));
            }
        }
        return patch;
    }

    /** v (down the face, in eye distances from the eye line) of the chin, landmark 8. */
    public static double chinDepth(Landmarks face) {
        return FaceFrame.of(face).v(face.x(8), face.y(8));
    }

    /** Bilinear grey level at (x, y) as 1-255, or {@link #OUTSIDE}. */
    private static int grey(GrayImage image, double x, double y) {
        if (!(x >= 0 && y >= 0 && x <= image.width() - 1 && y <= image.height() - 1)) {
            return OUTSIDE;
        }
        return Math.max(1, (int) Math.round(image.bilinear(x, y)));
    }

    /**
     * Where the body under the target's head lies under the donor's head: (du, dv) in eye
     * distances such that what the target shows at head position (u, v) the donor shows at (u +
     * du, v + dv), to within about a tenth of the grid's step where the patches are sharp
     * (the best of the grid's shifts, moved to the vertex of a parabola through its neighbours'
     * scores; a shift of a whole step or more must match {@link #DISTINCT}ly better than none,
     * and lie inside the search, not on its border).
     * Null where the patches cannot tell (either null, too little of them inside the picture
     * and under both chins, or too flat): the neck is then carried with the head.
     *
     * @param targetChin, donorChin each face's {@link #chinDepth}: rows this close under the
     *     lower one show the chin, which moves with the mouth, not the body
     */
    public static double[] bodyShift(byte[] target, double targetChin, byte[] donor, double donorChin) {
        if (target == null || donor == null) {
            return null;
        }
        // the target's rows compared lie REACH inside the rows under both chins, so the donor's
        // rows, up to REACH from them, stay there too
        int clear = Math.max(0, (int) Math.ceil((Math.max(targetChin, donorChin) + BELOW_CHIN - V_FIRST) / STEP));
        int firstRow = clear + REACH, lastRow = ROWS - 1 - REACH;
        if (lastRow - firstRow + 1 < MIN_ROWS || texture(target, firstRow, lastRow) < MIN_TEXTURE) {
            return null;
        }
        double[][] score = new double[2 * REACH + 1][2 * REACH + 1];
        for (int sy = -REACH; sy <= REACH; sy++) {
            for (int sx = -REACH; sx <= REACH; sx++) {
                score[sy + REACH][sx + REACH] = difference(target, donor, firstRow, lastRow, sx, sy);
            }
        }
        int by = REACH, bx = REACH;
        for (int sy = 0; sy < score.length; sy++) {
            for (int sx = 0; sx < score.length; sx++) {
                if (score[sy][sx] < score[by][bx]) {
                    by = sy;
                    bx = sx;
                }
            }
        }
        double still = score[REACH][REACH];
        if (!Double.isFinite(still)) {
            return null;
        }
        // a best shift on the search's border is no minimum (the patches differ otherwise: the
        // head rolled on the body, hair swung), and a whole step must pay: else only the
        // vertex around none is taken
        boolean border = Math.max(Math.abs(by - REACH), Math.abs(bx - REACH)) == REACH;
        if (border || !(score[by][bx] < DISTINCT * still)) {
            by = REACH;
            bx = REACH;
        }
        double du = (bx - REACH + vertex(score[by], bx)) * STEP;
        double[] column = new double[score.length];
        for (int sy = 0; sy < score.length; sy++) {
            column[sy] = score[sy][bx];
        }
        double dv = (by - REACH + vertex(column, by)) * STEP;
        return new double[] {du, dv};
    }

    /** The parabola's vertex through the best score and its neighbours, as an offset in -0.5 … 0.5. */
    static double vertex(double[] scores, int best) {
        if (best == 0 || best == scores.length - 1) {
            return 0;
        }
        double a = scores[best - 1], b = scores[best], c = scores[best + 1];
        double curvature = a - 2 * b + c;
        if (!Double.isFinite(curvature) || curvature <= 0) {
            return 0;
        }
        return Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / curvature));
    }

    /**
     * Mean absolute difference of the target's rows {@code firstRow … lastRow} against the
     * donor's shifted by (sx, sy), each side's mean taken out (the light changes a little from frame
     * to frame); infinite where too few samples pair up.
     */
    static double difference(byte[] target, byte[] donor, int firstRow, int lastRow, int sx, int sy) {
        long sumT = 0, sumD = 0;
        int n = 0, possible = 0;
        for (int r = firstRow; r <= lastRow; r++) {
            for (int c = REACH; c < COLUMNS - REACH; c++) {
                possible++;
                int t = target[r * COLUMNS + c] & 0xff, d = donor[(r + sy) * COLUMNS + c + sx] & 0xff;
                if (t != OUTSIDE && d != OUTSIDE) {
                    sumT += t;
                    sumD += d;
                    n++;
                }
            }
        }
        if (n == 0 || n < MIN_PAIRED * possible) {
            return Double.POSITIVE_INFINITY;
        }
        double shift = (sumT - sumD) / (double) n;
        double sum = 0;
        for (int r = firstRow; r <= lastRow; r++) {
            for (int c = REACH; c < COLUMNS - REACH; c++) {
                int t = target[r * COLUMNS + c] & 0xff, d = donor[(r + sy) * COLUMNS + c + sx] & 0xff;
                if (t != OUTSIDE && d != OUTSIDE) {
                    sum += Math.abs(t - d - shift);
                }
            }
        }
        return sum / n;
    }

    /** Mean absolute deviation of the target's samples in those rows (inner columns). */
    static double texture(byte[] patch, int firstRow, int lastRow) {
        long sum = 0;
        int n = 0;
        for (int r = firstRow; r <= lastRow; r++) {
            for (int c = REACH; c < COLUMNS - REACH; c++) {
                int g = patch[r * COLUMNS + c] & 0xff;
                if (g != OUTSIDE) {
                    sum += g;
                    n++;
                }
            }
        }
        if (n == 0) {
            return 0;
        }
        double mean = sum / (double) n, deviation = 0;
        for (int r = firstRow; r <= lastRow; r++) {
            for (int c = REACH; c < COLUMNS - REACH; c++) {
                int g = patch[r * COLUMNS + c] & 0xff;
                if (g != OUTSIDE) {
                    deviation += Math.abs(g - mean);
                }
            }
        }
        return deviation / n;
    }
}
