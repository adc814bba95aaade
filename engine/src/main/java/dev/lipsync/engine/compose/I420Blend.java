package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2YUV_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import dev.lipsync.engine.media.I420Frames;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Finishes a composite on an I420 frame in the frame's own planes: the luma blended at full
 * resolution, the two chroma planes at theirs (a quarter of the pixels each), where a BGR
 * blend works on three full-resolution channels and needs the target's window converted to BGR
 * and back. Blending, colour matching and the pyramid are linear, so this is the BGR composite
 * up to rounding and 4:2:0 chroma: only the warped source is converted (BGR to I420).
 *
 * <p>The chroma planes' pyramid starts at half resolution, so chroma band k is luma band k + 1
 * and takes that band's weights (shrunk to the chroma grid); the finest luma band has no chroma
 * counterpart.
 */
final class I420Blend {
    private I420Blend() {
    }

    /**
     * @param frame    the I420 frame, written inside the prepared mask only
     * @param even     the prepared window grown to even corners ({@link I420Frames#evenWindow})
     * @param strength 0 (unchanged) … 1 (full replacement)
     */
    static void blend(Mat frame, Rect even, MouthCompositor.Prepared prepared, double strength) {
        int[] window = prepared.window;
        int ix = window[0] - even.x(), iy = window[1] - even.y(), w = window[2], h = window[3];
        int ew = even.width(), eh = even.height(), cw = ew / 2, ch = eh / 2;
        int padRight = ew - w - ix, padBottom = eh - h - iy;

        Mat sourceBgr = new Mat();
        copyMakeBorder(prepared.warped, sourceBgr, iy, padBottom, ix, padRight, BORDER_REPLICATE);
        Mat source = new Mat();
        cvtColor(sourceBgr, source, COLOR_BGR2YUV_I420);
        Mat[] from = I420Frames.planes(source, new Rect(0, 0, ew, eh));
        Mat[] to = I420Frames.planes(frame, even);

        // the ring's pixels in the even window, and the chroma sample each shows
        int[] ring = new int[prepared.ring.length], chromaRing = new int[ring.length];
        int y = -1, rowStart = 0;
        for (int i = 0; i < ring.length; i++) {
            int p = prepared.ring[i];
            if (y < 0 || p < rowStart || p - rowStart >= w) { // the ring comes row by row: few divisions
                y = p / w;
                rowStart = y * w;
            }
            int ex = p - rowStart + ix, ey = y + iy;
            ring[i] = ey * ew + ex;
            chromaRing[i] = (ey / 2) * cw + ex / 2;
        }
        Mat[] matched = matched(from, to, ring, chromaRing, ew, eh, prepared.eyeDistance); // Y, then U and V as one

        float[][] lumaWeights = new float[prepared.weights.length][];
        for (int k = 0; k < lumaWeights.length; k++) {
            lumaWeights[k] = padded(prepared.weights[k], w, h, ix, iy, ew, eh);
        }
        Mat lumaSupport = new Mat();
        copyMakeBorder(prepared.support, lumaSupport, iy, padBottom, ix, padRight, BORDER_CONSTANT, new Scalar(0));
        threshold(lumaSupport, lumaSupport, 0, 255, THRESH_BINARY);
        blendPlanes(matched[0], new Mat[] {to[0]}, lumaWeights, lumaSupport, strength);

        int chromaLevels = Math.max(1, lumaWeights.length - 1);
        float[][] chromaWeights = new float[chromaLevels][];
        for (int k = 0; k < chromaLevels; k++) {
            chromaWeights[k] = shrunk(lumaWeights[Math.min(k + 1, lumaWeights.length - 1)], ew, eh);
        }
        Mat chromaSupport = new Mat();
        // a chroma sample changes when any of its 2 × 2 pixels does
        resize(lumaSupport, chromaSupport, new Size(cw, ch), 0, 0, INTER_AREA);
        blendPlanes(matched[1], new Mat[] {to[1], to[2]}, chromaWeights, chromaSupport, strength);
    }

    /**
     * Blends same-sized planes of target (8-bit) and the source, as one multi-channel image
     * (CV_32F, a channel for each target plane, colour-matched), inside {@code support}.
     */
    private static void blendPlanes(Mat sourceF, Mat[] target, float[][] weights, Mat support, double strength) {
        Mat[] targetPlanes = new Mat[target.length];
        for (int c = 0; c < target.length; c++) {
            targetPlanes[c] = new Mat();
            target[c].convertTo(targetPlanes[c], CV_32F);
        }
        Mat targetF = merged(targetPlanes);
        Mat blended = PyramidBlend.blend(sourceF, targetF, weights);
        if (strength < 1) {
            addWeighted(blended, strength, targetF, 1 - strength, 0, blended);
        }
        Mat result = new Mat();
        blended.convertTo(result, CV_8U);
        if (target.length == 1) {
            result.copyTo(target[0], support);
            return;
        }
        MatVector parts = new MatVector();
        split(result, parts);
        for (int c = 0; c < target.length; c++) {
            parts.get(c).copyTo(target[c], support);
        }
    }

    /** The planes as one image, a channel each. */
    private static Mat merged(Mat[] planes) {
        if (planes.length == 1) {
            return planes[0];
        }
        Mat merged = new Mat();
        merge(new MatVector(planes), merged);
        return merged;
    }

    /**
     * The source's planes colour-matched to the target's on the ring ({@link ColourMatch}), as
     * CV_32F: Y, and U and V as the two channels of one image; luma from each ring pixel, chroma
     * from the sample that pixel shows, all with the luma's gain and on one grid; unchanged when
     * the ring is too small to trust ({@link ColourMatch#MIN_PIXELS}). {@code width} and {@code
     * height} are even.
     */
    private static Mat[] matched(Mat[] source, Mat[] target, int[] ring, int[] chromaRing, int width, int height,
                                 double eyeDistance) {
        Mat chroma = merged(new Mat[] {source[1], source[2]});
        Mat[] out = {new Mat(), new Mat()};
        if (ring.length < ColourMatch.MIN_PIXELS) {
            source[0].convertTo(out[0], CV_32F);
            chroma.convertTo(out[1], CV_32F);
            return out;
        }
        double[] targetLuma = ColourMatch.values(target[0], ring, 0), sourceLuma = ColourMatch.values(source[0], ring, 0);
        double gain = ColourMatch.gain(targetLuma, sourceLuma, ColourMatch.VIDEO_BLACK);
        ColourMatch.Grid grid = ColourMatch.Grid.of(ring, width, height, eyeDistance);
        out[0] = ColourMatch.corrected(source[0], gain,
                grid.toPixels(1, grid.means(ColourMatch.offsets(targetLuma, sourceLuma, gain))));
        double[][] chromaOffsets = new double[2][];
        for (int p = 1; p < 3; p++) { // on the same grid: each ring pixel with the chroma sample it shows
            chromaOffsets[p - 1] = grid.means(ColourMatch.offsets(ColourMatch.values(target[p], chromaRing, 0),
                    ColourMatch.values(source[p], chromaRing, 0), gain));
        }
        out[1] = ColourMatch.corrected(chroma, gain, grid.toPixels(2, chromaOffsets));
        return out;
    }

    /** {@code values} (w × h, row-major) placed at (ix, iy) in an ew × eh array of zeros. */
    private static float[] padded(float[] values, int w, int h, int ix, int iy, int ew, int eh) {
        float[] out = new float[ew * eh];
        for (int y = 0; y < h; y++) {
            System.arraycopy(values, y * w, out, (y + iy) * ew + ix, w);
        }
        return out;
    }

    /** A full-resolution weight map (w × h, both even) averaged over 2 × 2 blocks. */
    private static float[] shrunk(float[] values, int w, int h) {
        float[] out = new float[(w / 2) * (h / 2)];
        for (int y = 0; y < h / 2; y++) {
            for (int x = 0; x < w / 2; x++) {
                int p = 2 * y * w + 2 * x;
                out[y * (w / 2) + x] = (values[p] + values[p + 1] + values[p + w] + values[p + w + 1]) / 4;
            }
        }
        return out;
    }
}
