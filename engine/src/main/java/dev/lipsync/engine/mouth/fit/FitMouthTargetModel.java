package dev.lipsync.engine.mouth.fit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lipsync.engine.audio.SpeechFeatures;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.mouth.LagCorrelation;
import dev.lipsync.engine.mouth.MouthFeatures;
import dev.lipsync.engine.mouth.MouthShape;
import dev.lipsync.engine.mouth.MouthTargetModel;
import dev.lipsync.engine.mouth.ReluNetwork;
import dev.lipsync.engine.mouth.RidgeRegression;
import dev.lipsync.engine.mouth.TargetShaping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Development tool: fits {@link MouthTargetModel} on talking clips with landmark ground truth
 * (from {@code engine/scripts/extract-mouth-truth.sh}), validates it with speaker-grouped
 * K-fold cross-validation, and writes the coefficients as JSON. Opening and width are fitted by
 * {@link NetworkTraining}; a ridge regression (at the first λ given) is reported beside them
 * and its held-out opening predictions realign the training targets.
 *
 * <pre>
 * java -cp ... dev.lipsync.engine.mouth.fit.FitMouthTargetModel CLIP_DIR TRUTH_DIR OUT_JSON [folds] [lambda [more lambdas to compare]]
 * </pre>
 * Uses the ffmpeg/ffprobe CLI to decode audio (fit time only; the engine itself does not).
 */
public final class FitMouthTargetModel {
    /**
     * Context: features at −120..+120 ms around the frame centre, in 40 ms steps
     * (-Dmouth.fit.context=0.16 for ±160 ms, and so on). With the networks, ±80 and ±120 ms
     * scored alike in cross-validation, ±160 and ±240 ms lower.
     */
    static final double[] OFFSETS = offsets(Double.parseDouble(System.getProperty("mouth.fit.context", "0.12")));

    /** Offsets from −context to +context seconds in 40 ms steps. */
    static double[] offsets(double context) {
        int n = (int) Math.round(context / 0.04);
        double[] offsets = new double[2 * n + 1];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = Math.round((i - n) * 4) / 100.0; // exact hundredths, as written to the JSON
        }
        return offsets;
    }
    /** Long clips count as at most this many frames, so a few long speakers do not dominate. */
    static final int FRAMES_PER_CLIP_CAP = 600;
    static final int MAX_LAG = 2;
    static final int REALIGN_MAX_LAG = 8;
    /**
     * Voice shifts (sox pitch, cents) whose copies of each training clip are added to the fit, so
     * that the model sees other-sounding voices saying the same thing (-Dmouth.fit.shifts=400,-300;
     * empty: none). Held-out clips are always scored on their original audio.
     */
    static final int[] SHIFTS = java.util.Arrays.stream(System.getProperty("mouth.fit.shifts", "").split(","))
            .filter(t -> !t.isBlank()).mapToInt(t -> Integer.parseInt(t.trim())).toArray();
    /** Shaping settings compared in cross-validation: {closedZ (NaN = no closing), bridge s, smoothing σ s}. */
    static final double[][] VARIANTS = {
        {Double.NaN, 0, 0}, {Double.NaN, 0, 0.03}, {-2, 0.15, 0}, {-2, 0.3, 0}, {-2, 0.5, 0},
        {-2, 0.5, 0.03}, {-1.5, 0.5, 0.03}, {-2, 0.8, 0.03}};

    /**
     * Whether the training rows take their mel bands placed for each voice, as the engine's
     * features do ({@link dev.lipsync.engine.audio.VocalTractScale}; -Dmouth.fit.vtln=true). The
     * shipped model was fitted without (false): held-out clips are scored with them either way.
     */
    static final boolean SCALED_IN_TRAINING = Boolean.getBoolean("mouth.fit.vtln");

    /**
     * One clip: {@code features} and {@code design} as the engine computes them (what held-out
     * clips are scored on), {@code trainingDesign} and {@code shiftedDesigns} what it adds to a
     * fit ({@link #SCALED_IN_TRAINING}).
     */
    record Clip(String file, String speaker, String licence, double fps, SpeechFeatures features,
                double[][] design, double[][] trainingDesign, double[] openingZ, double[] widthZ,
                double[] energyAtFrames, List<double[][]> shiftedDesigns, int trainingLag, float[] audio) {
        /** The clip with its training targets read {@code lag} frames later (NaN past the ends). */
        Clip withTrainingLag(int lag) {
            return new Clip(file, speaker, licence, fps, features, design, trainingDesign, openingZ, widthZ,
                    energyAtFrames, shiftedDesigns, lag, audio);
        }

        double[] trainingTarget(boolean opening) {
            double[] y = opening ? openingZ : widthZ;
            double[] out = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                int j = i + trainingLag;
                out[i] = j >= 0 && j < y.length ? y[j] : Double.NaN;
            }
            return out;
        }
    }

    public static void main(String[] args) throws Exception {
        Path clipDir = Path.of(args[0]);
        Path truthDir = Path.of(args[1]);
        Path out = Path.of(args[2]);
        int folds = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        double[] lambdas = {1000, 100, 300, 3000, 10000};
        if (args.length > 4) {
            lambdas = new double[args.length - 4];
            for (int i = 4; i < args.length; i++) {
                lambdas[i - 4] = Double.parseDouble(args[i]);
            }
        }
        List<Clip> clips = loadClips(clipDir, truthDir);
        System.out.printf(Locale.ROOT, "%d clips, %d speakers, %d frames%n", clips.size(),
                clips.stream().map(Clip::speaker).distinct().count(),
                clips.stream().mapToInt(c -> c.openingZ().length).sum());

        List<String> speakers = new ArrayList<>(new TreeSet<>(clips.stream().map(Clip::speaker).toList()));
        Map<String, Integer> foldOf = new LinkedHashMap<>();
        for (int i = 0; i < speakers.size(); i++) {
            foldOf.put(speakers.get(i), i % folds);
        }

        // Cross-validation: per held-out clip, best-lag correlation of energy, ridge, networks and shaped target.
        // With -Dmouth.fit.realign=true a second pass follows in which each clip's training targets
        // are shifted by the lag (±REALIGN_MAX_LAG frames) at which the first pass's held-out
        // prediction for it matched best: clip sync is not certified. Scores always use the
        // unshifted truth.
        int passes = Boolean.getBoolean("mouth.fit.realign") ? 2 : 1;
        int nl = lambdas.length;
        double[][] rawR = null, variantR = null;
        double[] networkR = null, shapedR = null, widthR = null, energyR = null, speechShare = null, closureR = null;
        double defaultLambda = lambdas[0]; // the ridge at the first λ given realigns the targets; the rest are for comparison
        for (int pass = 0; pass < passes; pass++) {
        // the realigning pass needs only the ridge's held-out predictions; networks are fitted in the last
        boolean last = pass + 1 == passes;
        double[][] heldOutRaw = new double[clips.size()][];
        if (passes > 1) {
            System.out.printf(Locale.ROOT, "%n=== pass %d%s ===%n", pass, pass == 0 ? "" : " (training targets realigned)");
        }
        rawR = new double[nl][clips.size()];
        networkR = new double[clips.size()];
        shapedR = new double[clips.size()];
        widthR = new double[clips.size()];
        energyR = new double[clips.size()];
        variantR = new double[VARIANTS.length][clips.size()];
        speechShare = new double[clips.size()];
        closureR = new double[clips.size()];
        for (int f = 0; f < folds; f++) {
            List<Clip> train = new ArrayList<>();
            for (Clip c : clips) {
                if (foldOf.get(c.speaker()) != f) {
                    train.add(c);
                }
            }
            TrainingRows openRows = rows(train, true);
            RidgeRegression open = openRows.regression();
            double[][] betas = new double[nl][];
            for (int l = 0; l < nl; l++) {
                betas[l] = open.solve(lambdas[l]);
            }
            MouthTargetModel m = last ? model(open, openRows, rows(train, false), f) : null;
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < clips.size(); k++) {
                Clip c = clips.get(k);
                if (foldOf.get(c.speaker()) != f) {
                    continue;
                }
                energyR[k] = LagCorrelation.best(c.energyAtFrames(), c.openingZ(), MAX_LAG);
                for (int l = 0; l < nl; l++) {
                    double[] ridge = ridgeOpening(open, betas[l], c.design());
                    rawR[l][k] = LagCorrelation.best(ridge, c.openingZ(), MAX_LAG);
                    if (lambdas[l] == defaultLambda) {
                        // the realignment reads each clip's audio/video offset off the rows it trains on
                        heldOutRaw[k] = c.design() == c.trainingDesign() ? ridge
                                : ridgeOpening(open, betas[l], c.trainingDesign());
                    }
                }
                if (last) {
                    networkR[k] = LagCorrelation.best(m.rawOpening(c.design()), c.openingZ(), MAX_LAG);
                    MouthTargetModel.Prediction p = m.predict(c.features(), c.fps(), c.openingZ().length);
                    if (Boolean.getBoolean("mouth.fit.adapt") && c.openingZ().length >= 300) {
                        adaptationExperiment(c, p.rawOpening());
                        // The engine's own method, adapting on the first half only.
                        int half = c.openingZ().length / 2;
                        float[] firstHalf = java.util.Arrays.copyOf(c.audio(),
                                Math.min(c.audio().length, (int) Math.round(half / c.fps() * 16000)));
                        MouthTargetModel adapted = m.adaptedTo(firstHalf, c.fps(), java.util.Arrays.copyOf(c.openingZ(), half));
                        double[] after = adapted.predict(c.features(), c.fps(), c.openingZ().length).rawOpening();
                        double[] truth2 = java.util.Arrays.copyOfRange(c.openingZ(), half, c.openingZ().length);
                        System.out.printf(Locale.ROOT, "    adapt engine          %-44s generic %.2f  adapted %.2f (second half, best lag ±%d)%n",
                                c.file(), LagCorrelation.best(java.util.Arrays.copyOfRange(p.rawOpening(), half, p.rawOpening().length), truth2, REALIGN_MAX_LAG),
                                LagCorrelation.best(java.util.Arrays.copyOfRange(after, half, after.length), truth2, REALIGN_MAX_LAG), REALIGN_MAX_LAG);
                    }
                    shapedR[k] = LagCorrelation.best(p.openingZ(), c.openingZ(), MAX_LAG);
                    widthR[k] = LagCorrelation.best(p.widthZ(), c.widthZ(), MAX_LAG);
                    for (int v = 0; v < VARIANTS.length; v++) {
                        double[] z = TargetShaping.opening(p.rawOpening(), p.speech(), c.fps(),
                                VARIANTS[v][0], VARIANTS[v][1], VARIANTS[v][2]);
                        variantR[v][k] = LagCorrelation.best(z, c.openingZ(), MAX_LAG);
                    }
                    speechShare[k] = share(p.speech());
                    double[] closure = SpeechFeatures.atVideoFrames(c.features().closure(), c.fps(), c.openingZ().length);
                    closureR[k] = LagCorrelation.best(TargetShaping.closeAtClosures(p.openingZ(), closure,
                            MouthTargetModel.CLOSED_Z), c.openingZ(), MAX_LAG);
                }
                line.append(String.format(Locale.ROOT, "    %-48s speech %3.0f%%  energy %.2f  ridge(λ0) %.2f  networks %.2f  shaped %.2f  width %.2f%n",
                        c.file(), 100 * speechShare[k], energyR[k], rawR[indexOf(lambdas, defaultLambda)][k], networkR[k], shapedR[k], widthR[k]));
            }
            final int fold = f;
            System.out.printf(Locale.ROOT, "fold %d (held-out speakers: %s)%n%s", f,
                    String.join(", ", speakers.stream().filter(s -> foldOf.get(s) == fold).toList()), line);
            System.out.printf(Locale.ROOT, "  fold %d mean: energy %.3f  ridge %.3f  networks %.3f  shaped %.3f  width %.3f%n", f,
                    foldMean(energyR, clips, foldOf, f), foldMean(rawR[indexOf(lambdas, defaultLambda)], clips, foldOf, f),
                    foldMean(networkR, clips, foldOf, f), foldMean(shapedR, clips, foldOf, f), foldMean(widthR, clips, foldOf, f));
        }
        System.out.printf(Locale.ROOT, "%nmean over %d held-out clips (best lag within ±%d frames):%n", clips.size(), MAX_LAG);
        System.out.printf(Locale.ROOT, "  energy only          %.3f%n", mean(energyR));
        for (int l = 0; l < nl; l++) {
            System.out.printf(Locale.ROOT, "  ridge λ=%-8.0f     %.3f%n", lambdas[l], mean(rawR[l]));
        }
        if (!last) {
            System.out.println("  (networks and shaping: in the last pass)");
        } else {
            System.out.printf(Locale.ROOT, "  networks (shipped)   %.3f   (mean of %d, %d hidden units)%n", mean(networkR),
                    NetworkTraining.NETWORKS, NetworkTraining.HIDDEN);
            System.out.printf(Locale.ROOT, "  shaped networks     %.3f   (variance restored, silence closed, smoothed)%n", mean(shapedR));
            for (int v = 0; v < VARIANTS.length; v++) {
                System.out.printf(Locale.ROOT, "  shaping closedZ=%5.1f bridge=%.2fs smooth=%.2fs  %.3f%n",
                        VARIANTS[v][0], VARIANTS[v][1], VARIANTS[v][2], mean(variantR[v]));
            }
            System.out.printf(Locale.ROOT, "  shaped + closed at closure cues  %.3f%n", mean(closureR));
            System.out.printf(Locale.ROOT, "  width (networks, shaped)  %.3f%n", mean(widthR));
            System.out.printf(Locale.ROOT, "  speaker-mean: energy %.3f  ridge %.3f  networks %.3f  shaped %.3f%n",
                    speakerMean(energyR, clips), speakerMean(rawR[indexOf(lambdas, defaultLambda)], clips),
                    speakerMean(networkR, clips), speakerMean(shapedR, clips));
        }
        if (pass + 1 < passes) {
            StringBuilder lags = new StringBuilder("realigned training lags (frames):");
            for (int k = 0; k < clips.size(); k++) {
                int best = 0;
                double bestR = Double.NEGATIVE_INFINITY;
                for (int lag = -REALIGN_MAX_LAG; lag <= REALIGN_MAX_LAG; lag++) {
                    double r = LagCorrelation.at(heldOutRaw[k], clips.get(k).openingZ(), lag);
                    if (r > bestR) {
                        bestR = r;
                        best = lag;
                    }
                }
                clips.set(k, clips.get(k).withTrainingLag(best));
                lags.append(' ').append(best);
            }
            System.out.println(lags);
        }
        }

        // Final model on all clips.
        TrainingRows openRows = rows(clips, true);
        RidgeRegression open = openRows.regression();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("description", "Audio -> per-clip z-scored inner-lip opening and mouth width, each the mean of small ReLU networks; see README.md next to this file.");
        json.put("networkTraining", ordered("networks", NetworkTraining.NETWORKS, "hiddenUnits", NetworkTraining.HIDDEN,
                "epochs", NetworkTraining.EPOCHS, "inputDropout", NetworkTraining.INPUT_DROPOUT,
                "weightDecay", NetworkTraining.WEIGHT_DECAY, "seed", FINAL_SEED));
        json.put("trainingVoiceShiftsCents", SHIFTS);
        json.put("trainingTargetsRealigned", passes > 1);
        json.put("perFrameFeatures", MouthFeatures.names());
        json.put("offsetsSeconds", OFFSETS);
        json.put("cv", ordered("folds", folds, "groupedBy", "speaker", "metric", "mean per-clip Pearson r, best lag within ±2 frames",
                "energyOnly", round(mean(energyR)), "ridge", round(mean(rawR[indexOf(lambdas, defaultLambda)])),
                "networks", round(mean(networkR)), "shaped", round(mean(shapedR)), "width", round(mean(widthR))));
        List<Map<String, Object>> used = new ArrayList<>();
        for (Clip c : clips) {
            used.add(ordered("file", c.file(), "speaker", c.speaker(), "licence", c.licence()));
        }
        json.put("clips", used);
        json.put("columnMean", roundAll(open.columnMean));
        json.put("columnStd", roundAll(open.columnStd));
        // Both outputs share the column standardisation (same rows, same weights).
        json.put("opening", Map.of("networks", toJson(networks(open, openRows, FINAL_SEED))));
        json.put("width", Map.of("networks", toJson(networks(open, rows(clips, false), FINAL_SEED))));
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        System.out.println("wrote " + out);
    }

    private static int indexOf(double[] values, double v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        throw new IllegalArgumentException("λ=" + v + " must be among the λ values tried");
    }

    /**
     * A map that keeps the order of its keys ({@code Map.of}'s changes from run to run), so that
     * a refit writes the same bytes.
     */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Seed of the shipped networks; fold f of the cross-validation uses f. */
    static final long FINAL_SEED = 17;

    /** The model: networks fitted on the rows of each output, standardised as {@code open}. */
    private static MouthTargetModel model(RidgeRegression open, TrainingRows openRows, TrainingRows widthRows, long seed) {
        return new MouthTargetModel(OFFSETS, open.columnMean, open.columnStd, networks(open, openRows, seed),
                networks(open, widthRows, seed));
    }

    private static List<Map<String, Object>> toJson(List<ReluNetwork> networks) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ReluNetwork n : networks) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("hiddenWeights", java.util.Arrays.stream(n.hiddenWeights()).map(FitMouthTargetModel::roundAll).toList());
            entry.put("hiddenBias", roundAll(n.hiddenBias()));
            entry.put("outputWeights", roundAll(n.outputWeights()));
            entry.put("outputBias", n.outputBias());
            list.add(entry);
        }
        return list;
    }

    private static List<ReluNetwork> networks(RidgeRegression standardisation, TrainingRows rows, long seed) {
        double[][] z = new double[rows.x().length][];
        for (int i = 0; i < z.length; i++) {
            z[i] = new double[rows.x()[i].length];
            for (int c = 0; c < z[i].length; c++) {
                z[i][c] = (rows.x()[i][c] - standardisation.columnMean[c]) / standardisation.columnStd[c];
            }
        }
        return NetworkTraining.fit(z, rows.y(), rows.weight(), seed);
    }

    /** The ridge's opening prediction for each design row. */
    private static double[] ridgeOpening(RidgeRegression open, double[] beta, double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double s = open.intercept();
            for (int c = 0; c < beta.length; c++) {
                s += beta[c] * (rows[i][c] - open.columnMean[c]) / open.columnStd[c];
            }
            out[i] = s;
        }
        return out;
    }

    /** Design rows (voice-shifted copies included), targets and row weights of a fit. */
    private record TrainingRows(double[][] x, double[] y, double[] weight) {
        RidgeRegression regression() {
            return new RidgeRegression(x, y, weight);
        }
    }

    private static TrainingRows rows(List<Clip> clips, boolean opening) {
        List<double[]> rows = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        for (Clip c : clips) {
            double[] y = c.trainingTarget(opening);
            double w = Math.min(1.0, (double) FRAMES_PER_CLIP_CAP / y.length);
            for (int i = 0; i < y.length; i++) {
                if (!Double.isNaN(y[i])) {
                    rows.add(c.trainingDesign()[i]);
                    ys.add(y[i]);
                    ws.add(w);
                    for (double[][] shifted : c.shiftedDesigns()) {
                        rows.add(shifted[i]);
                        ys.add(y[i]);
                        ws.add(w);
                    }
                }
            }
        }
        double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        double[] w = ws.stream().mapToDouble(Double::doubleValue).toArray();
        return new TrainingRows(rows.toArray(new double[0][]), y, w);
    }

    private static List<Clip> loadClips(Path clipDir, Path truthDir) throws IOException, InterruptedException {
        Map<String, String[]> manifest = new LinkedHashMap<>();
        for (String line : Files.readAllLines(clipDir.resolve("MANIFEST.tsv"))) {
            String[] f = line.split("\t");
            if (f.length >= 6 && !f[0].equals("file")) {
                manifest.put(f[0], f);
            }
        }
        List<Clip> clips = new ArrayList<>();
        for (Map.Entry<String, String[]> e : manifest.entrySet()) {
            Path video = clipDir.resolve(e.getKey());
            Path truth = truthDir.resolve(e.getKey() + ".landmarks.txt");
            if (!Files.exists(video) || !Files.exists(truth)) {
                System.out.println("skipping " + e.getKey() + " (no clip or no landmarks)");
                continue;
            }
            double[][] shapes = readShapes(truth);
            double fps = probeFps(video);
            float[] audio = decodeAudio(video);
            SpeechFeatures features = SpeechFeatures.analyse(audio);
            int frames = shapes[0].length;
            double[][] design = MouthFeatures.design(MouthFeatures.tracks(features), fps, frames, OFFSETS);
            double[][] trainingDesign = SCALED_IN_TRAINING ? design
                    : MouthFeatures.design(MouthFeatures.tracks(SpeechFeatures.analyse(audio, false)), fps, frames, OFFSETS);
            double[] energy = SpeechFeatures.atVideoFrames(features.energyNorm(), fps, frames);
            List<double[][]> shifted = new ArrayList<>();
            for (int cents : SHIFTS) {
                SpeechFeatures sf = SpeechFeatures.analyse(EvaluateMouthTargetModel.pitchShift(audio, cents),
                        SCALED_IN_TRAINING);
                shifted.add(MouthFeatures.design(MouthFeatures.tracks(sf), fps, frames, OFFSETS));
            }
            clips.add(new Clip(e.getKey(), e.getValue()[1], e.getValue()[5], fps, features, design, trainingDesign,
                    zScore(shapes[0]), zScore(shapes[1]), energy, shifted, 0, audio));
        }
        return clips;
    }

    /** {opening[], width[]} per frame of the largest face; NaN where no face was found. */
    static double[][] readShapes(Path landmarkFile) throws IOException {
        List<String> lines = Files.readAllLines(landmarkFile);
        double[] opening = new double[lines.size()];
        double[] width = new double[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String[] t = lines.get(i).trim().split("\\s+");
            int faces = Integer.parseInt(t[1]);
            opening[i] = Double.NaN;
            width[i] = Double.NaN;
            double bestArea = -1;
            for (int f = 0; f < faces; f++) {
                int base = 2 + f * (4 + 136);
                double area = (Double.parseDouble(t[base + 2]) - Double.parseDouble(t[base]))
                        * (Double.parseDouble(t[base + 3]) - Double.parseDouble(t[base + 1]));
                if (area <= bestArea) {
                    continue;
                }
                bestArea = area;
                float[] xy = new float[136];
                for (int k = 0; k < 136; k++) {
                    xy[k] = Float.parseFloat(t[base + 4 + k]);
                }
                MouthShape s = MouthShape.measure(new Landmarks(xy));
                opening[i] = s.opening();
                width[i] = s.width();
            }
        }
        return new double[][] {opening, width};
    }

    static double[] zScore(double[] x) {
        double sum = 0, sumSq = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                sum += v;
                sumSq += v * v;
                n++;
            }
        }
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(sumSq / n - mean * mean, 1e-12));
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (x[i] - mean) / sd;
        }
        return out;
    }

    static double probeFps(Path video) throws IOException, InterruptedException {
        String rate = run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=r_frame_rate",
                "-of", "csv=p=0", video.toString()).trim();
        String[] nd = rate.split("/");
        return Double.parseDouble(nd[0]) / (nd.length > 1 ? Double.parseDouble(nd[1]) : 1.0);
    }

    /** 16 kHz mono float audio, shifted so that sample 0 is at the first video frame's time. */
    static float[] decodeAudio(Path video) throws IOException, InterruptedException {
        double videoStart = startTime(video, "v:0");
        double audioStart = startTime(video, "a:0");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-i", video.toString(), "-map", "0:a:0",
                "-ac", "1", "-ar", "16000", "-f", "f32le", "-").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] bytes;
        try (InputStream in = p.getInputStream()) {
            bytes = in.readAllBytes();
        }
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed on " + video);
        }
        float[] audio = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(audio);
        int shift = (int) Math.round((videoStart - audioStart) * 16000); // >0: audio starts earlier
        if (shift == 0) {
            return audio;
        }
        float[] out = new float[Math.max(0, audio.length - shift)];
        for (int i = 0; i < out.length; i++) {
            int s = i + shift;
            out[i] = s >= 0 && s < audio.length ? audio[s] : 0f;
        }
        return out;
    }

    private static double startTime(Path video, String stream) throws IOException, InterruptedException {
        String s = run("ffprobe", "-v", "error", "-select_streams", stream, "-show_entries", "stream=start_time",
                "-of", "csv=p=0", video.toString()).trim();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0.0;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        p.waitFor();
        return out.toString();
    }

    /**
     * Experiment: adapt the generic prediction to one video by a ridge fit of the residual on the
     * first half of the clip (as if it were the video's original soundtrack and measured mouth),
     * scored on the second half.
     */
    static void adaptationExperiment(Clip c, double[] generic) {
        int half = c.openingZ().length / 2;
        int lag = LagCorrelation.bestLag(java.util.Arrays.copyOf(generic, half), java.util.Arrays.copyOf(c.openingZ(), half), REALIGN_MAX_LAG);
        adaptationExperiment(c, generic, 0, c.design()[0].length, 0, "full");
        adaptationExperiment(c, generic, 0, c.design()[0].length, lag, "full-aligned" + lag);
        int centre = OFFSETS.length / 2 * MouthFeatures.PER_FRAME;
        adaptationExperiment(c, generic, centre, centre + MouthFeatures.PER_FRAME, 0, "centre");
    }

    static void adaptationExperiment(Clip c, double[] generic, int from, int to, int lag, String label) {
        int n = c.openingZ().length, half = n / 2;
        List<double[]> rows = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < half; i++) {
            int j = i + lag;
            if (j >= 0 && j < half && !Double.isNaN(c.openingZ()[j])) {
                double[] row = java.util.Arrays.copyOf(java.util.Arrays.copyOfRange(c.design()[i], from, to), to - from + 1);
                row[row.length - 1] = generic[i];
                rows.add(row);
                ys.add(c.openingZ()[j] - generic[i]);
            }
        }
        double[] w = new double[ys.size()];
        java.util.Arrays.fill(w, 1.0);
        RidgeRegression r = new RidgeRegression(rows.toArray(new double[0][]),
                ys.stream().mapToDouble(Double::doubleValue).toArray(), w);
        double[] testTruth = java.util.Arrays.copyOfRange(c.openingZ(), half, n);
        double[] testGeneric = java.util.Arrays.copyOfRange(generic, half, n);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "    adapt %-15s %-44s generic %.2f", label, c.file(),
                LagCorrelation.best(testGeneric, testTruth, REALIGN_MAX_LAG)));
        for (double lambda : new double[] {300, 3000, 30000}) {
            double[] beta = r.solve(lambda);
            double[] adapted = new double[n - half];
            for (int i = half; i < n; i++) {
                double s = r.intercept();
                double[] row = java.util.Arrays.copyOfRange(c.design()[i], from, to);
                for (int k = 0; k < row.length; k++) {
                    s += beta[k] * (row[k] - r.columnMean[k]) / r.columnStd[k];
                }
                int last = row.length;
                s += beta[last] * (generic[i] - r.columnMean[last]) / r.columnStd[last];
                adapted[i - half] = generic[i] + s;
            }
            line.append(String.format(Locale.ROOT, "  λa=%.0f %.2f", lambda, LagCorrelation.best(adapted, testTruth, REALIGN_MAX_LAG)));
        }
        System.out.println(line);
    }

    private static double share(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return (double) n / mask.length;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double foldMean(double[] r, List<Clip> clips, Map<String, Integer> foldOf, int f) {
        double s = 0;
        int n = 0;
        for (int k = 0; k < clips.size(); k++) {
            if (foldOf.get(clips.get(k).speaker()) == f) {
                s += r[k];
                n++;
            }
        }
        return s / n;
    }

    /** Mean over speakers of each speaker's mean clip correlation. */
    private static double speakerMean(double[] r, List<Clip> clips) {
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (int k = 0; k < clips.size(); k++) {
            double[] a = acc.computeIfAbsent(clips.get(k).speaker(), s -> new double[2]);
            a[0] += r[k];
            a[1]++;
        }
        return acc.values().stream().mapToDouble(a -> a[0] / a[1]).average().orElse(Double.NaN);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double[] roundAll(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.parseDouble(String.format(Locale.ROOT, "%.6g", v[i]));
        }
        return out;
    }
}
