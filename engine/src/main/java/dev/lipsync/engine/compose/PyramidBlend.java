package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.pyrDown;
import static org.bytedeco.opencv.global.opencv_imgproc.pyrUp;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Multi-band (Laplacian pyramid) blending: fine detail switches from target to source over a
 * narrow band, coarse shading over a wide one, so neither a texture ghost nor a shading seam
 * shows. Written as target + Σ expand(L_k(source − target) · α_k), and each level's weight α_k
 * is kept a few level-pixels inside the mask, so nothing leaks outside the mask's support.
 */
final class PyramidBlend {
    private PyramidBlend() {}

    /**
     * The number of levels below full resolution (0 … maxLevels) such that the coarsest level's
     * weight still reaches 1 with room to spare: a level whose weight never reaches 1 would drop
     * the source's low frequencies and leave a shadow of the target's mouth inside the mask.
     *
     * @param maxDistance the deepest point of the mask, in pixels
     * @param ramp ramp width per level, in pixels
     */
    static int levels(double maxDistance, java.util.function.IntToDoubleFunction ramp, int maxLevels) {
        int k = 0;
        while (k < maxLevels && levelMargin(k + 1) + ramp.applyAsDouble(k + 1) <= 0.7 * maxDistance) {
            k++;
        }
        return k;
    }

    /** Share of a level's full-weight depth over which {@link #fitToMouth} hands it to the finer level. */
    static final double MOUTH_FIT_BAND = 0.25;

    /**
     * Makes every level's weight reach 1 at the mouth: a level still short of it there blends that
     * band of the target's own mouth into the new one. Level k reaches 1 only
     * {@code levelMargin(k) + ramp(k)} pixels inside the mask, and the margin is in pixels while
     * the mouth's depth scales with the face: under the nose the mask edge is about 0.15 eye
     * distances above the lips, so on a small face (eye distance 35 px, mouth 5–7 px deep) the
     * coarsest of two levels had weight 0 on the upper lip and kept a shadow of the old mouth (a
     * closed mouth put onto open ones was re-detected open by 0.11 of the old opening). A level too
     * shallow for the mouth takes the next finer level's weights instead (the blend then acts as
     * one with fewer levels); within {@value #MOUTH_FIT_BAND} of its depth it takes a mix, so the
     * blend changes smoothly as the mouth moves rather than switching from frame to frame.
     *
     * @param weights per level, full-resolution weights ({@link #levelWeight}); changed in place
     * @param mouthDepth the shallowest point of the mouth inside the mask, in pixels
     */
    static void fitToMouth(float[][] weights, double mouthDepth, java.util.function.IntToDoubleFunction ramp) {
        for (int k = 1; k < weights.length; k++) {
            double need = levelMargin(k) + ramp.applyAsDouble(k);
            double x = (mouthDepth - (1 - MOUTH_FIT_BAND) * need) / (MOUTH_FIT_BAND * need);
            float own = smoothstep(x);
            if (own < 1) {
                float[] w = weights[k], finer = weights[k - 1];
                for (int p = 0; p < w.length; p++) {
                    w[p] = own * w[p] + (1 - own) * finer[p];
                }
            }
        }
    }

    /**
     * Weights for pyramid levels at full resolution: for level k, 0 within {@code margins[k]}
     * pixels of the mask edge, rising smoothly to 1 over the next {@code ramps[k]} pixels.
     *
     * @param distance per pixel, distance to the nearest pixel outside the mask (0 outside)
     * @return per level, one weight per pixel
     */
    static float[][] levelWeights(float[] distance, double[] margins, double[] ramps) {
        float[][] w = new float[margins.length][];
        for (int k = 0; k < w.length; k++) {
            float[] level = new float[distance.length];
            double margin = margins[k], ramp = ramps[k];
            // no test for the plain 0 and 1 outside the ramp: a branch-free smoothstep over every
            // pixel took a fifth less time
            for (int p = 0; p < distance.length; p++) {
                level[p] = smoothstep((distance[p] - margin) / ramp);
            }
            w[k] = level;
        }
        return w;
    }

    /**
     * 0 below 0, 1 above 1, and the cubic 3x² − 2x³ between: a ramp with no kink at either end.
     * Clamped rather than tested, so that loops over pixels run without branches.
     */
    private static float smoothstep(double x) {
        double c = Math.min(1.0, Math.max(0.0, x));
        return (float) (c * c * (3 - 2 * c));
    }

    /** How many full-resolution pixels level k's weight must stay inside the mask edge. */
    static double levelMargin(int level) {
        return level == 0 ? 0 : 3.0 * (1 << level);
    }

    /**
     * @param source, target float images (CV_32F, any number of channels) of the same size
     * @param fullResWeights level weights at full resolution (row-major, width·height each); the
     *     number of entries is the number of pyramid levels used (≥ 1)
     * @return target + blended difference, of their type
     */
    static Mat blend(Mat source, Mat target, float[][] fullResWeights) {
        int levels = fullResWeights.length - 1;
        int width = target.cols(), height = target.rows();
        Mat[] g = new Mat[levels + 1];
        g[0] = new Mat();
        subtract(source, target, g[0]);
        for (int k = 1; k <= levels; k++) {
            g[k] = new Mat();
            pyrDown(g[k - 1], g[k]);
        }
        // Collapse from the coarsest level, adding each band only where its weight allows.
        Mat acc = g[levels].clone();
        weigh(acc, fullResWeights[levels], width, height);
        Mat band = new Mat(), accUp = new Mat();
        for (int k = levels - 1; k >= 0; k--) {
            Size size = g[k].size();
            pyrUp(g[k + 1], band, size, org.bytedeco.opencv.global.opencv_core.BORDER_DEFAULT);
            subtract(g[k], band, band);
            weigh(band, fullResWeights[k], width, height);
            pyrUp(acc, accUp, size, org.bytedeco.opencv.global.opencv_core.BORDER_DEFAULT);
            add(accUp, band, acc);
            size.close();
        }
        add(target, acc, acc);
        band.close();
        accUp.close();
        for (Mat m : g) {
            m.close();
        }
        return acc;
    }

    /** Multiplies {@code image} (at some pyramid level) in place by the weight map shrunk to that level. */
    private static void weigh(Mat image, float[] fullRes, int width, int height) {
        Mat w = new Mat(height, width, CV_32FC1);
        w.<FloatBuffer>createBuffer().put(fullRes);
        Mat small = w;
        if (image.cols() != width || image.rows() != height) {
            small = new Mat();
            resize(w, small, image.size(), 0, 0, INTER_AREA);
            w.close();
        }
        if (image.channels() == 1) {
            multiply(image, small, image);
        } else {
            MatVector copies = new MatVector(image.channels());
            for (int c = 0; c < image.channels(); c++) {
                copies.put(c, small);
            }
            Mat expanded = new Mat();
            merge(copies, expanded);
            multiply(image, expanded, image);
            expanded.close();
            copies.close();
        }
        small.close();
    }
}
