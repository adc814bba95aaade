package dev.lipsync.engine.bench;

import dev.lipsync.engine.audio.SpeechRuns;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.landmarks.PointBounds;
import dev.lipsync.engine.mouth.LagCorrelation;
import dev.lipsync.engine.mouth.MouthShape;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The quality benchmark's numbers, as pure functions over per-frame series and pixel rows:
 * correlation at the best small lag, the share of pause frames with a closed mouth, PSNR
 * outside the lower face, and the lower-face box that stands in for the compositor's mask.
 * NaN in a series means "not measured" (no face found in that frame) and is skipped.
 */
public final class QualityMetrics {
    /** The jaw line's landmarks (0-16) and the mouth's (48-67). */
    private static final int[] JAW = IntStream.rangeClosed(0, 16).toArray();
    private static final int[] MOUTH = IntStream.range(48, 68).toArray();

    private QualityMetrics() {
    }

    /** Correlation {@code r} of {@code a[i]} with {@code b[i + lag]} at the lag in range where it is largest. */
    public record Lagged(int lag, double r) {
    }

    /** The best correlation of {@code a[i]} with {@code b[i + lag]} over lags in [−maxLag, maxLag]. */
    public static Lagged bestLag(double[] a, double[] b, int maxLag) {
        int lag = LagCorrelation.bestLag(a, b, maxLag);
        return new Lagged(lag, LagCorrelation.at(a, b, lag));
    }

    /** Mean of the numbers in {@code x}, NaN when there are none. */
    public static double mean(double... x) {
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Z-scores of the numbers in {@code x} (NaN stays NaN; a constant series gives zeros). */
    public static double[] zScore(double[] x) {
        double m = mean(x);
        double ss = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                ss += (v - m) * (v - m);
                n++;
            }
        }
        double sd = n == 0 ? 0 : Math.sqrt(ss / n);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Double.isNaN(x[i]) ? Double.NaN : sd > 0 ? (x[i] - m) / sd : 0;
        }
        return out;
    }

    /** Linear-interpolated quantile {@code q} (0..1) of the numbers in {@code x}; NaN when there are none. */
    public static double quantile(double[] x, double q) {
        double[] v = Arrays.stream(x).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double pos = Math.max(0, Math.min(1, q)) * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    /**
     * The frames inside pauses: silent runs ({@code speech} false) of at least {@code minFrames},
     * less {@code trim} frames at each end that borders speech (the mouth may still be closing or
     * already opening there). A run at the start or end of the clip is not trimmed on that side.
     */
    public static boolean[] pauses(boolean[] speech, int minFrames, int trim) {
        boolean[] out = new boolean[speech.length];
        for (SpeechRuns.Run silence : SpeechRuns.silences(speech)) {
            if (silence.length() >= minFrames) {
                int from = silence.start() > 0 ? silence.start() + trim : silence.start();
                int to = silence.end() < speech.length ? silence.end() - trim : silence.end();
                for (int k = from; k < to; k++) {
                    out[k] = true;
                }
            }
        }
        return out;
    }

    /** Of the pause frames with a measured opening, how many show a closed mouth (opening ≤ threshold). */
    public record Share(int closed, int counted) {
        public double fraction() {
            return counted == 0 ? Double.NaN : closed / (double) counted;
        }
    }

    public static Share closedShare(double[] opening, boolean[] pause, double threshold) {
        int closed = 0, counted = 0;
        for (int i = 0; i < Math.min(opening.length, pause.length); i++) {
            if (pause[i] && !Double.isNaN(opening[i])) {
                counted++;
                if (opening[i] <= threshold) {
                    closed++;
                }
            }
        }
        return new Share(closed, counted);
    }

    /** Sum of squared differences and how many samples went into it; add frames, then read {@link #psnr}. */
    public static final class SquaredError {
        private double sum;
        private long samples;

        /**
         * Adds the samples of two images of {@code width × height × channels} bytes (row-major,
         * interleaved) that lie outside {@code box} = {x, y, width, height} (null: every pixel).
         */
        public void addOutside(byte[] a, byte[] b, int width, int height, int channels, int[] box) {
            for (int y = 0; y < height; y++) {
                boolean rowInBox = box != null && y >= box[1] && y < box[1] + box[3];
                for (int x = 0; x < width; x++) {
                    if (rowInBox && x >= box[0] && x < box[0] + box[2]) {
                        continue;
                    }
                    int p = (y * width + x) * channels;
                    for (int c = 0; c < channels; c++) {
                        double d = (a[p + c] & 0xff) - (b[p + c] & 0xff);
                        sum += d * d;
                    }
                    samples += channels;
                }
            }
        }

        public long samples() {
            return samples;
        }

        /** 10·log10(255² / mean squared error) in dB; +∞ for identical images, NaN with no samples. */
        public double psnr() {
            if (samples == 0) {
                return Double.NaN;
            }
            double mse = sum / samples;
            return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
        }
    }

    /**
     * A box that holds the compositor's lower-face mask for a face with these 68 landmarks
     * (interleaved x, y), clipped to the frame, as {x, y, width, height}: between the jaw's
     * sides (plus a margin), from the bottom of the nose bridge down to the chin plus
     * {@code 0.8} eye distances (the mask reaches below the lower of the old and the new chin,
     * and the blend feathers beyond it). Null when the landmarks are missing.
     */
    public static int[] lowerFaceBox(float[] landmarks, int frameWidth, int frameHeight) {
        if (landmarks == null) {
            return null;
        }
        double eye = MouthShape.eyeDistance(new Landmarks(landmarks));
        PointBounds jaw = PointBounds.of(landmarks, JAW);
        double minX = jaw.minX(), maxX = jaw.maxX(), maxY = jaw.union(PointBounds.of(landmarks, MOUTH)).maxY();
        double top = landmarks[2 * 29 + 1];
        double margin = 0.2 * eye;
        int x0 = (int) Math.max(0, Math.floor(minX - margin));
        int y0 = (int) Math.max(0, Math.floor(top - margin));
        int x1 = (int) Math.min(frameWidth, Math.ceil(maxX + margin));
        int y1 = (int) Math.min(frameHeight, Math.ceil(maxY + 0.8 * eye));
        if (!(eye > 0) || x1 <= x0 || y1 <= y0) {
            return null;
        }
        return new int[] {x0, y0, x1 - x0, y1 - y0};
    }
}
