package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Gives the warped source the target's light and colour on the cheek ring: each plane (or
 * channel) becomes {@code gain · source + offset}, one gain for the frame and an offset that
 * varies smoothly over the window, so that around every point the source's mean on the ring
 * pixels near it (a Gaussian of {@link #SIGMA} eye distances) is the target's.
 *
 * <p>The offset is local because a donor lit from another side than its target (a turned head,
 * moving shadows) differs by more on one cheek than on the other: one shift for the whole mouth
 * left one side too dark and the other too light, a patch with an edge. Where few ring pixels
 * are near (the chin, the middle of the mouth) the means shrink toward the whole ring's
 * ({@link #PRIOR}), a weighted mean of values the ring shows and never beyond them: a plane
 * fitted to the ring, tried before, extrapolated past it and bleached or darkened the chin.
 *
 * <p>The gain is the ratio of the whole ring's light (its mean above black): light scales every
 * value of a surface, lips, teeth and the dark inside of the mouth too, where a shift taken from
 * the skin greys a shadowed donor's mouth when lighting it up and blackens it the other way. It
 * is one for the frame and the same for the chroma planes (which light scales around grey as it
 * scales luma around black): a gain per cell, tried, varied by up to 0.4 within one frame of a
 * dark-skinned face, whose few levels of shading make large ratios. It is not fitted to the
 * ring's spread (tried: the spread is mostly shading, a fold, a shadow under the lip, and a gain
 * fitted to it made lips darker than in either frame), and stays within [{@link #MIN_GAIN},
 * {@link #MAX_GAIN}].
 *
 * <p>The local means are computed on a grid of cells ({@link #CELL} eye distances), smoothed
 * there and interpolated back bilinearly: a few hundred cells instead of tens of thousands of
 * pixels.
 */
final class ColourMatch {
    private ColourMatch() {}

    /** Fewer ring pixels than this and the statistics are not trusted: no correction. */
    static final int MIN_PIXELS = 32;
    /**
     * Grid cell size, in eye distances: two thirds of {@link #SIGMA}, fine enough for a field
     * that smooth (the cells' own averaging adds about 2 % to its width), coarse enough that
     * the smoothing costs little (a 220 × 200 window: about 400 cells, 11 taps).
     */
    static final double CELL = 0.1;
    /** The smoothing Gaussian's standard deviation, in eye distances: about half a cheek. */
    static final double SIGMA = 0.15;
    /**
     * The whole ring mean's weight, as a share of the weight of the ring pixels near a ring pixel
     * on average: where the ring near a point weighs this share of that, the point's mean is half
     * local, half the whole ring's.
     */
    static final double PRIOR = 0.25;
    static final double MIN_GAIN = 0.5, MAX_GAIN = 2;
    /** Video black in I420's luma (limited range); BGR's is 0. */
    static final double VIDEO_BLACK = 16;

    /**
     * Where a window's ring pixels lie, on the grid, and how much ring each cell sees after smoothing.
     *
     * @param cellOf each ring pixel's cell index
     * @param support smoothed ring pixel count per cell
     * @param prior the whole ring mean's weight, in the units of {@code support}
     */
    record Grid(int width, int height, int cell, int columns, int rows, int[] cellOf, double[] kernel,
                double[] support, double prior) {

        /**
         * @param pixels the ring's pixels, row-major indices in a {@code width × height} window
         * @param cell grid cell size in pixels (at least 1)
         * @param sigma the smoothing's standard deviation in pixels
         */
        static Grid of(int[] pixels, int width, int height, int cell, double sigma) {
            int columns = (width + cell - 1) / cell, rows = (height + cell - 1) / cell;
            int[] cellOf = new int[pixels.length];
            double[] count = new double[columns * rows];
            int rowStart = -1, rowCells = 0; // the current row's first pixel index and its cells' first index
            for (int i = 0; i < pixels.length; i++) {
                int p = pixels[i];
                if (rowStart < 0 || p < rowStart || p - rowStart >= width) { // rings come row by row: few divisions
                    int y = p / width;
                    rowStart = y * width;
                    rowCells = (y / cell) * columns;
                }
                cellOf[i] = rowCells + (p - rowStart) / cell;
                count[cellOf[i]]++;
            }
            double[] kernel = gaussian(sigma / cell);
            double[] support = smooth(count, columns, rows, kernel);
            double seen = 0;
            for (int c : cellOf) {
                seen += support[c];
            }
            double prior = pixels.length == 0 ? 1 : PRIOR * seen / pixels.length;
            return new Grid(width, height, cell, columns, rows, cellOf, kernel, support, prior);
        }

        /**
         * The grid for a face whose eye distance is {@code eyeDistance} pixels: cells of an even
         * number of pixels, so that the same grid serves a 4:2:0 chroma plane ({@link #toPixels}).
         */
        static Grid of(int[] pixels, int width, int height, double eyeDistance) {
            int cell = 2 * Math.max(1, (int) Math.round(CELL * eyeDistance / 2));
            return of(pixels, width, height, cell, SIGMA * eyeDistance);
        }

        /** The local mean of {@code values} (one per ring pixel, in the order given to {@link #of}), per cell. */
        double[] means(double[] values) {
            double[] sum = new double[columns * rows];
            double total = 0;
            for (int i = 0; i < values.length; i++) {
                sum[cellOf[i]] += values[i];
                total += values[i];
            }
            double whole = values.length == 0 ? 0 : total / values.length;
            double[] mean = smooth(sum, columns, rows, kernel);
            for (int c = 0; c < mean.length; c++) {
                mean[c] = (mean[c] + prior * whole) / (support[c] + prior);
            }
            return mean;
        }

        /**
         * Per-cell values at every pixel of the window (bilinear between cell centres, constant
         * past the outer ones), one channel for each array given, as a CV_32F Mat of the window
         * subsampled by {@code shrink}: {@code (height / shrink) × (width / shrink)} (2: a chroma
         * plane, whose samples each cover 2 × 2 pixels; the cell must then be even).
         */
        Mat toPixels(int shrink, double[]... cellValues) {
            int channels = cellValues.length;
            Mat grid = new Mat(rows, columns, CV_32FC(channels));
            FloatBuffer buffer = grid.createBuffer();
            for (int c = 0; c < columns * rows; c++) {
                for (double[] values : cellValues) {
                    buffer.put((float) values[c]);
                }
            }
            Mat full = new Mat();
            resize(grid, full, new Size(columns * cell / shrink, rows * cell / shrink), 0, 0, INTER_LINEAR);
            return full.apply(new Rect(0, 0, width / shrink, height / shrink));
        }
    }

    /**
     * The gain that scales the source's light (its mean above {@code black}) to the target's,
     * within [{@link #MIN_GAIN}, {@link #MAX_GAIN}].
     */
    static double gain(double[] targetValues, double[] sourceValues, double black) {
        double ratio = (mean(targetValues) - black) / Math.max(1, mean(sourceValues) - black);
        return Math.max(MIN_GAIN, Math.min(MAX_GAIN, ratio));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    /**
     * Per ring pixel, the offset that after the gain gives the source the target's value. Their
     * local means ({@link Grid#means}, linear) are the offsets that give the source the target's
     * local mean: one smoothing instead of one for each image.
     */
    static double[] offsets(double[] targetValues, double[] sourceValues, double gain) {
        double[] offset = new double[targetValues.length];
        for (int i = 0; i < offset.length; i++) {
            offset[i] = targetValues[i] - gain * sourceValues[i];
        }
        return offset;
    }

    /** {@code gain · image + offset} as CV_32F, the offset given per pixel and channel (the image's size). */
    static Mat corrected(Mat image, double gain, Mat offset) {
        Mat f = new Mat();
        image.convertTo(f, CV_32F, gain, 0);
        add(f, offset, f);
        return f;
    }

    /**
     * One channel of an 8-bit image (or a window of one) at the given pixels. Read through a buffer
     * over the image's bytes, a division a row rather than a pixel.
     *
     * @param pixels row-major pixel indices, {@code y · width + x}
     */
    static double[] values(Mat image, int[] pixels, int channel) {
        int width = image.cols(), channels = image.channels();
        double[] out = new double[pixels.length];
        if (pixels.length == 0) {
            return out;
        }
        int step = Math.toIntExact(image.step());
        // a window's rows lie step bytes apart in its parent: the buffer ends with its last pixel
        long bytes = (long) (image.rows() - 1) * step + (long) width * channels;
        ByteBuffer px = image.data().capacity(bytes).asByteBuffer();
        int rowStart = 0, rowAt = 0; // the current row's first pixel index and byte
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            if (p < rowStart || p - rowStart >= width) { // rings come row by row: few divisions
                int y = p / width;
                rowStart = y * width;
                rowAt = y * step;
            }
            out[i] = px.get(rowAt + (p - rowStart) * channels + channel) & 0xff;
        }
        return out;
    }

    /** A Gaussian with peak 1, radius 3σ (at least one tap each side). */
    static double[] gaussian(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] k = new double[2 * radius + 1];
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
        }
        return k;
    }

    /** Separable convolution of a {@code columns × rows} grid, zeros outside it. */
    static double[] smooth(double[] grid, int columns, int rows, double[] kernel) {
        int radius = kernel.length / 2;
        double[] across = new double[grid.length], out = new double[grid.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double s = 0;
                for (int k = Math.max(-radius, -c); k <= Math.min(radius, columns - 1 - c); k++) {
                    s += kernel[k + radius] * grid[r * columns + c + k];
                }
                across[r * columns + c] = s;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double s = 0;
                for (int k = Math.max(-radius, -r); k <= Math.min(radius, rows - 1 - r); k++) {
                    s += kernel[k + radius] * across[(r + k) * columns + c];
                }
                out[r * columns + c] = s;
            }
        }
        return out;
    }
}
