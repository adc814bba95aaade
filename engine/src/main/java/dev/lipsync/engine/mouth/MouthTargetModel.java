package dev.lipsync.engine.mouth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipsync.engine.audio.FrameSampler;
import dev.lipsync.engine.audio.SpeechFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * The generic audio → mouth-shape model: from the {@link MouthFeatures} of the new audio
 * (language- and speaker-normalised per clip), the per-clip z-scores of the inner-lip opening
 * and of the mouth width (each the mean of a few small {@link ReluNetwork}s), followed by
 * {@link TargetShaping} (variance restored, silence closed, smoothed). Coefficients come from
 * the classpath resource {@value #RESOURCE}, written by {@code mouth.fit.FitMouthTargetModel}.
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
    /** Per output, networks over the standardised design row; their mean is the prediction. */
    private final List<ReluNetwork> openingNetworks;
    private final List<ReluNetwork> widthNetworks;
    /** Per-video residual on top of the generic opening, or null (see {@link #adaptedTo}). */
    private final Residual residual;

    /** Frames of measured mouth needed before adapting to a video (10 s at 25 fps). */
    public static final int MIN_ADAPTATION_FRAMES = 250;
    static final double ADAPTATION_LAMBDA = 3000;
    static final int ADAPTATION_MAX_LAG = 8;

    /** A ridge correction over the design row plus the generic prediction (last column). */
    private record Residual(double[] columnMean, double[] columnStd, double[] weights, double intercept) {
        double apply(double[] row, double generic) {
            double s = intercept;
            for (int c = 0; c < row.length; c++) {
                s += weights[c] * (row[c] - columnMean[c]) / columnStd[c];
            }
            int last = row.length;
            return s + weights[last] * (generic - columnMean[last]) / columnStd[last];
        }
    }

    /**
     * @param columnMean, columnStd standardisation of the design columns, shared by both outputs
     * @param openingNetworks networks over the standardised row, averaged (at least one)
     * @param widthNetworks the same for the width
     */
    public MouthTargetModel(double[] offsetsSeconds, double[] columnMean, double[] columnStd,
                            List<ReluNetwork> openingNetworks, List<ReluNetwork> widthNetworks) {
        int columns = offsetsSeconds.length * MouthFeatures.PER_FRAME;
        if (columnMean.length != columns || columnStd.length != columns
                || openingNetworks.isEmpty() || openingNetworks.stream().anyMatch(n -> n.inputs() != columns)
                || widthNetworks.isEmpty() || widthNetworks.stream().anyMatch(n -> n.inputs() != columns)) {
            throw new IllegalArgumentException("model has inconsistent sizes (expected " + columns + " columns)");
        }
        this.offsetsSeconds = offsetsSeconds.clone();
        this.columnMean = columnMean.clone();
        this.columnStd = columnStd.clone();
        this.openingNetworks = List.copyOf(openingNetworks);
        this.widthNetworks = List.copyOf(widthNetworks);
        this.residual = null;
    }

    private MouthTargetModel(MouthTargetModel generic, Residual residual) {
        this.offsetsSeconds = generic.offsetsSeconds;
        this.columnMean = generic.columnMean;
        this.columnStd = generic.columnStd;
        this.openingNetworks = generic.openingNetworks;
        this.widthNetworks = generic.widthNetworks;
        this.residual = residual;
    }

    /** Adaptation learns from at most this much of the original soundtrack (its start). */
    static final double ADAPTATION_MAX_SECONDS = 120;

    /**
     * This model adapted to one video's person: a ridge correction of the opening prediction,
     * fitted on the video's <em>original</em> soundtrack against the opening measured in its
     * frames ({@code measuredOpening[i]} for video frame i, any unit, NaN where no face). The
     * original's own audio/video offset (best lag within ±8 frames) is removed first so that it
     * is not carried into the dub. Returns this model unchanged with fewer than
     * {@link #MIN_ADAPTATION_FRAMES} measured frames.
     * <p>Measured on the development clips (first half adapts, second half scores, offsets
     * factored out): see the README beside the model file.
     */
    public MouthTargetModel adaptedTo(float[] originalAudio16k, double fps, double[] measuredOpening) {
        return adaptedTo(SpeechFeatures.analyse(originalAudio16k), fps, measuredOpening);
    }

    /** As {@link #adaptedTo(float[], double, double[])}, from the original soundtrack's features. */
    public MouthTargetModel adaptedTo(SpeechFeatures original, double fps, double[] measuredOpening) {
        // the person's timing shows in a couple of minutes; a longer video would only grow the
        // fit's design matrix (and the heap) with its length
        int frames = Math.min(measuredOpening.length, (int) Math.ceil(ADAPTATION_MAX_SECONDS * fps));
        int valid = 0;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < frames; i++) {
            double v = measuredOpening[i];
            if (!Double.isNaN(v)) {
                valid++;
                sum += v;
                sumSq += v * v;
            }
        }
        if (valid < MIN_ADAPTATION_FRAMES) {
            return this;
        }
        double mean = sum / valid;
        double sd = Math.sqrt(Math.max(sumSq / valid - mean * mean, 1e-12));
        double[] truth = new double[frames];
        for (int i = 0; i < frames; i++) {
            truth[i] = (measuredOpening[i] - mean) / sd;
        }
        double[][] tracks = MouthFeatures.tracks(original);
        double[][] rows = MouthFeatures.design(tracks, fps, frames, offsetsSeconds);
        double[] generic = rawOpening(rows);
        int lag = LagCorrelation.bestLag(generic, truth, ADAPTATION_MAX_LAG);
        java.util.List<double[]> x = new java.util.ArrayList<>();
        java.util.List<Double> y = new java.util.ArrayList<>();
        for (int i = 0; i < frames; i++) {
            int j = i + lag;
            if (j >= 0 && j < frames && !Double.isNaN(truth[j])) {
                double[] row = Arrays.copyOf(rows[i], rows[i].length + 1);
                row[row.length - 1] = generic[i];
                x.add(row);
                y.add(truth[j] - generic[i]);
            }
        }
        if (x.size() < MIN_ADAPTATION_FRAMES) {
            return this;
        }
        double[] weights = new double[x.size()];
        Arrays.fill(weights, 1.0);
        RidgeRegression ridge = new RidgeRegression(x.toArray(new double[0][]),
                y.stream().mapToDouble(Double::doubleValue).toArray(), weights);
        return new MouthTargetModel(this, new Residual(ridge.columnMean, ridge.columnStd,
                ridge.solve(ADAPTATION_LAMBDA), ridge.intercept()));
    }

    /** Whether this model carries a per-video correction. */
    public boolean isAdapted() {
        return residual != null;
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
                doubles(root.get("columnStd")), networks(root, "opening"), networks(root, "width"));
    }

    private static List<ReluNetwork> networks(JsonNode root, String output) {
        JsonNode networks = root.at("/" + output + "/networks");
        if (!networks.isArray()) {
            throw new IllegalStateException("mouth model file lacks the " + output + " networks");
        }
        List<ReluNetwork> list = new ArrayList<>();
        for (JsonNode n : networks) {
            JsonNode rows = n.get("hiddenWeights");
            if (rows == null || !rows.isArray()) {
                throw new IllegalStateException("mouth model file lacks a network's hidden weights");
            }
            double[][] hidden = new double[rows.size()][];
            for (int j = 0; j < hidden.length; j++) {
                hidden[j] = doubles(rows.get(j));
            }
            list.add(new ReluNetwork(hidden, doubles(n.get("hiddenBias")), doubles(n.get("outputWeights")),
                    n.path("outputBias").asDouble()));
        }
        return list;
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
     * silence. {@link OpeningRange} maps it onto the person.
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
        inBlocks(frames, (from, to) -> {
            double[] row = new double[columnMean.length];
            double[] standardised = new double[columnMean.length];
            for (int i = from; i < to; i++) {
                MouthFeatures.row(tracks, FrameSampler.frameCentre(i, fps), offsetsSeconds, row);
                standardise(row, standardised);
                rawOpening[i] = mean(openingNetworks, standardised);
                if (residual != null) {
                    rawOpening[i] += residual.apply(row, rawOpening[i]);
                }
                rawWidth[i] = mean(widthNetworks, standardised);
            }
        });
        boolean[] speech = features.speechAtVideoFrames(fps, frames);
        return new Prediction(TargetShaping.opening(rawOpening, speech, fps, CLOSED_Z),
                TargetShaping.width(rawWidth, speech, fps), speech, rawOpening);
    }

    /**
     * A target from any raw per-frame opening curve (a baseline's audio energy, say) through the
     * same shaping as {@link #predict}: standardised over speech, pauses closed, smoothed. The
     * width stays neutral (z = 0). For benchmarks that drive the renderer with other targets.
     */
    public static Prediction shapedFrom(double[] rawOpening, boolean[] speech, double fps) {
        return new Prediction(TargetShaping.opening(rawOpening, speech, fps, CLOSED_Z),
                new double[rawOpening.length], speech.clone(), rawOpening.clone());
    }

    /**
     * The generic part alone (no per-video correction, no shaping): raw predicted opening z per
     * row of a {@link MouthFeatures#design}.
     */
    public double[] rawOpening(double[][] designRows) {
        double[] out = new double[designRows.length];
        inBlocks(designRows.length, (from, to) -> {
            double[] standardised = new double[columnMean.length];
            for (int i = from; i < to; i++) {
                standardise(designRows[i], standardised);
                out[i] = mean(openingNetworks, standardised);
            }
        });
        return out;
    }

    /** Frames per block of {@link #inBlocks}: about 10 ms of the networks' work. */
    static final int BLOCK_FRAMES = 256;

    /**
     * Runs {@code work} over [0, n) in blocks, in parallel: each frame's prediction depends on
     * its own row only, so the result is the same in any order. Between the passes the other
     * core is otherwise idle, and these networks are most of the wait there.
     */
    private static void inBlocks(int n, BiConsumer<Integer, Integer> work) {
        int blocks = (n + BLOCK_FRAMES - 1) / BLOCK_FRAMES;
        IntStream.range(0, blocks).parallel()
                .forEach(b -> work.accept(b * BLOCK_FRAMES, Math.min(n, (b + 1) * BLOCK_FRAMES)));
    }

    public double[] offsetsSeconds() {
        return offsetsSeconds.clone();
    }

    private void standardise(double[] row, double[] out) {
        for (int c = 0; c < row.length; c++) {
            out[c] = (row[c] - columnMean[c]) / columnStd[c];
        }
    }

    private static double mean(List<ReluNetwork> networks, double[] standardised) {
        double sum = 0;
        for (ReluNetwork n : networks) {
            sum += n.apply(standardised);
        }
        return sum / networks.size();
    }

    /**
     * Per video frame: target opening and width z-scores, voice activity, and the unshaped
     * linear opening prediction (for diagnostics).
     */
    public record Prediction(double[] openingZ, double[] widthZ, boolean[] speech, double[] rawOpening) {
    }
}
