package dev.lipsync.engine.mouth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipsync.engine.audio.FrameSampler;
import dev.lipsync.engine.audio.SpeechFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The generic audio → mouth-shape model: ridge regression over the {@link MouthFeatures} of
 * the new audio (language- and speaker-normalised per clip), predicting the per-clip z-score
 * of the inner-lip opening and the mouth width, followed by {@link TargetShaping} (variance
 * restored, silence closed, smoothed). Coefficients come from the classpath resource
 * {@value #RESOURCE}, written by {@code mouth.fit.FitMouthTargetModel}.
 */
public final class MouthTargetModel {
    public static final String RESOURCE = "/dev/lipsync/engine/mouth/mouth-target-model.json";
    /**
     * The opening z-score given to silences (pauses of 0.5 s or more): Φ(−1.5) ≈ the 7th
     * percentile of the person's openings, a closed mouth in talking footage (lips are shut in
     * well over 7 % of its frames). −2 scored 0.009 lower in cross-validation.
     */
    public static final double CLOSED_Z = -1.5;

    private final double[] offsetsSeconds;
    private final double[] columnMean;
    private final double[] columnStd;
    private final double[] openingWeights;
    private final double openingIntercept;
    private final double[] widthWeights;
    private final double widthIntercept;

    public MouthTargetModel(double[] offsetsSeconds, double[] columnMean, double[] columnStd,
                            double[] openingWeights, double openingIntercept,
                            double[] widthWeights, double widthIntercept) {
        int columns = offsetsSeconds.length * MouthFeatures.PER_FRAME;
        if (columnMean.length != columns || columnStd.length != columns
                || openingWeights.length != columns || widthWeights.length != columns) {
            throw new IllegalArgumentException("model has inconsistent sizes (expected " + columns + " columns)");
        }
        this.offsetsSeconds = offsetsSeconds.clone();
        this.columnMean = columnMean.clone();
        this.columnStd = columnStd.clone();
        this.openingWeights = openingWeights.clone();
        this.openingIntercept = openingIntercept;
        this.widthWeights = widthWeights.clone();
        this.widthIntercept = widthIntercept;
    }

    /** The model shipped with the engine. */
    public static MouthTargetModel load() {
        try (InputStream in = MouthTargetModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model from a JSON file in the format written by the fitting tool. */
    public static MouthTargetModel read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        return new MouthTargetModel(doubles(root.get("offsetsSeconds")), doubles(root.get("columnMean")),
                doubles(root.get("columnStd")), doubles(root.at("/opening/weights")),
                root.at("/opening/intercept").asDouble(), doubles(root.at("/width/weights")),
                root.at("/width/intercept").asDouble());
    }

    private static double[] doubles(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalStateException("mouth model file lacks an array field");
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /**
     * Target mouth opening per video frame of {@code audio16k} (16 kHz mono), as a z-score in
     * the person's own opening distribution: about N(0,1) while speaking, {@link #CLOSED_Z} in
     * silence. Map it to the person with {@link #toPersonRange} or {@link #toPersonQuantiles}.
     */
    public double[] predictOpeningZ(float[] audio16k, double fps) {
        return predict(audio16k, fps).openingZ();
    }

    /** Opening and width targets (z-scores) and the voice activity, per video frame. */
    public Prediction predict(float[] audio16k, double fps) {
        return predict(SpeechFeatures.analyse(audio16k), fps, FrameSampler.videoFrames(audio16k.length, fps));
    }

    /** As {@link #predict(float[], double)}, from features already computed, for {@code frames} frames. */
    public Prediction predict(SpeechFeatures features, double fps, int frames) {
        // Row by row, so that memory does not grow with a design matrix for long audio.
        double[][] tracks = MouthFeatures.tracks(features);
        double[] rawOpening = new double[frames];
        double[] rawWidth = new double[frames];
        double[] row = new double[columnMean.length];
        for (int i = 0; i < frames; i++) {
            MouthFeatures.row(tracks, FrameSampler.frameCentre(i, fps), offsetsSeconds, row);
            rawOpening[i] = dot(row, openingWeights, openingIntercept);
            rawWidth[i] = dot(row, widthWeights, widthIntercept);
        }
        boolean[] speech = features.speechAtVideoFrames(fps, frames);
        return new Prediction(TargetShaping.opening(rawOpening, speech, fps, CLOSED_Z),
                TargetShaping.width(rawWidth, speech, fps), speech, rawOpening);
    }

    /** The linear part alone: raw predicted opening z per row of a {@link MouthFeatures#design}. */
    public double[] rawOpening(double[][] designRows) {
        return apply(designRows, openingWeights, openingIntercept);
    }

    public double[] rawWidth(double[][] designRows) {
        return apply(designRows, widthWeights, widthIntercept);
    }

    public double[] offsetsSeconds() {
        return offsetsSeconds.clone();
    }

    private double[] apply(double[][] rows, double[] weights, double intercept) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = dot(rows[i], weights, intercept);
        }
        return out;
    }

    private double dot(double[] row, double[] weights, double intercept) {
        double s = intercept;
        for (int c = 0; c < row.length; c++) {
            s += weights[c] * (row[c] - columnMean[c]) / columnStd[c];
        }
        return s;
    }

    /**
     * Per video frame: target opening and width z-scores, voice activity, and the unshaped
     * linear opening prediction (for diagnostics).
     */
    public record Prediction(double[] openingZ, double[] widthZ, boolean[] speech, double[] rawOpening) {
    }

    /** {@code z × std + mean}, clamped to [min, max] of what the person actually showed. */
    public static double[] toPersonRange(double[] z, double mean, double std, double min, double max) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = Math.max(min, Math.min(max, mean + z[i] * std));
        }
        return out;
    }

    /**
     * Quantile mapping: frame {@code i} gets the person's measured value at quantile Φ(z[i]),
     * so targets never leave the shapes the person actually made (the bank has frames for
     * them) and a skewed opening distribution is respected.
     */
    public static double[] toPersonQuantiles(double[] z, double[] personValues) {
        double[] sorted = personValues.clone();
        Arrays.sort(sorted);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double pos = normalCdf(z[i]) * (sorted.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(sorted.length - 1, lo + 1);
            out[i] = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }
        return out;
    }

    /** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, error below 1.5e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
