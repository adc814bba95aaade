package dev.lipsync.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.EngineConfig;
import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.Options;
import dev.lipsync.engine.ProgressListener;
import dev.lipsync.engine.Result;
import dev.lipsync.engine.audio.FrameSampler;
import dev.lipsync.engine.audio.SpeechFeatures;
import dev.lipsync.engine.face.FaceTracker;
import dev.lipsync.engine.face.TrackedFace;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.landmarks.PointBounds;
import dev.lipsync.engine.media.AudioSamples;
import dev.lipsync.engine.media.VideoFrames;
import dev.lipsync.engine.media.VideoInfo;
import dev.lipsync.engine.media.X264Instructions;
import dev.lipsync.engine.mouth.MouthShape;
import dev.lipsync.engine.mouth.MouthTargetModel;
import dev.lipsync.engine.pipeline.LipSyncStages;
import dev.lipsync.engine.pipeline.PassThrough;
import dev.lipsync.engine.pipeline.TwoPassPipeline;
import dev.lipsync.engine.rewrite.MouthRewrite;
import dev.lipsync.engine.timing.TimingPlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * {@code lipsync bench --quality}: how well the output's mouth follows the driving audio,
 * measured by landmarks re-detected on the output, on real clips (see ENGINE.md, "Quality").
 *
 * <ol>
 *   <li><b>Reconstruction:</b> a clip's frames reversed and its soundtrack removed is driven by
 *   the clip's forward audio (as is, and voice-shifted ±4 semitones); the output's mouth
 *   opening is correlated (best lag within ±2 frames) with the forward clip's. Baselines from
 *   the same run: the reversed input itself, and a mouth driven by audio energy alone through
 *   the same shaping and rendering; optionally the oracle (targets = the true opening).</li>
 *   <li><b>Dub:</b> a clip driven by another person's speech in another language: the lag at
 *   which the output's opening best follows the dub's energy envelope, that lag's two parts (the
 *   audio model's target against the envelope, the output against the target), and how often
 *   the mouth is closed in the dub's pauses; once more for the first dub under a steady noise (as a full
 *   mix brings it), measured against the clean dub.</li>
 *   <li><b>PSNR outside the lower face</b> of the reconstruction output against the decoded
 *   input, next to a pass-through run's (the codec's own loss).</li>
 *   <li><b>Contact sheets:</b> input / output / ground-truth frames side by side, as PNGs.</li>
 * </ol>
 */
public final class QualityBench {
    /** Voice shift of the driving audio, semitones (pitch and formants together, timing kept). */
    static final double VOICE_SEMITONES = 4;
    /** Lags searched for the reconstruction score, frames. */
    static final int RECONSTRUCTION_LAG = 2;
    /** Lags searched for the dub's best sync, frames (the target is within ±1). */
    static final int DUB_LAG_SEARCH = 5;
    /** Pauses that count for "closed in silences": silent runs of this length or more (the engine closes those). */
    static final double PAUSE_SECONDS = 0.5;
    /** Frames left out at each edge of a pause (the mouth closing or opening). */
    static final int PAUSE_TRIM = 2;
    /** "Closed": opening at most this (eye distances) or the person's {@link #CLOSED_QUANTILE} quantile. */
    static final double CLOSED_OPENING = 0.05;
    static final double CLOSED_QUANTILE = 0.2;
    /** The noisy dub's background, in dB below the dub's power. */
    static final double NOISE_BELOW_DB = 6;
    static final int SHEET_ROWS = 6;
    static final int SHEET_CELL_HEIGHT = 240;

    /** Default dub audio per clip (files in media/audio): another person, another language. */
    public static final Map<String, String> DEFAULT_DUBS = defaultDubs();

    private static Map<String, String> defaultDubs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("man_en", "de");
        m.put("man_suit_en", "fr");
        m.put("woman_blue_en", "ja");
        m.put("woman_glasses_en", "ru");
        m.put("tight_crop_noaudio", "zh_news");
        return m;
    }

    /**
     * What to run.
     *
     * @param clips  videos (each needs its own soundtrack for the reconstruction)
     * @param dubs   clip file stem → dub audio file; clips without an entry get no dub run
     * @param sheets folder for the contact sheets, or null for none
     * @param oracle also run the renderer with the true opening as its target (its ceiling)
     */
    public record Settings(List<Path> clips, Map<String, Path> dubs, Path sheets, boolean oracle) {
    }

    private final PrintStream out;
    private final Path work;
    private final EngineConfig config = EngineConfig.defaults();
    private final Options options = Options.defaults();

    public QualityBench(PrintStream out, Path workDir) {
        this.out = out;
        this.work = workDir;
    }

    /** {@code ../shared} (or {@code -Dlipsync.shared.dir} / {@code LIPSYNC_SHARED_DIR}). */
    public static Path sharedDir() {
        return Path.of(System.getProperty("lipsync.shared.dir",
                System.getenv().getOrDefault("LIPSYNC_SHARED_DIR", "../shared")));
    }

    /** The clips in {@code media/video} (none of their speakers is in the audio model's fitting data). */
    public static List<Path> defaultClips(Path shared) throws IOException {
        Path dir = shared.resolve("media").resolve("video");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
    }

    /** A clip given by name ({@code man_en} or {@code man_en.mp4}, looked up in media/video) or by path. */
    public static Path clip(Path shared, String name) {
        Path asPath = Path.of(name);
        if (Files.isRegularFile(asPath)) {
            return asPath;
        }
        return shared.resolve("media").resolve("video").resolve(name.endsWith(".mp4") ? name : name + ".mp4");
    }

    /** Dub audio given by language name ({@code de}: media/audio/de.wav) or by path. */
    public static Path dubAudio(Path shared, String lang) {
        Path asPath = Path.of(lang);
        if (Files.isRegularFile(asPath)) {
            return asPath;
        }
        return shared.resolve("media").resolve("audio").resolve(lang.endsWith(".wav") ? lang : lang + ".wav");
    }

    public static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    // ---------------------------------------------------------------------------------------

    /** One reconstruction clip's numbers. */
    record Reconstruction(String clip, int frames, double reversed, double energy, double target,
                          Map<String, Double> voices, double oracle, double psnr, double psnrPassThrough,
                          double seconds) {
    }

    /** One dub run's numbers. */
    record Dub(String clip, String audio, double seconds, QualityMetrics.Lagged sync, double rAtZero,
               QualityMetrics.Lagged targetSync, QualityMetrics.Lagged follow,
               QualityMetrics.Share closed, double threshold) {
    }

    public void run(Settings settings) throws IOException {
        long start = System.nanoTime();
        out.println("quality bench: " + settings.clips().size() + " clip(s); work folder " + work);
        heldOutNote(settings.clips());
        List<Reconstruction> reconstructions = new ArrayList<>();
        Map<String, Measured> inputs = new TreeMap<>();
        for (Path clip : settings.clips()) {
            try {
                VideoInfo info = VideoFrames.probe(clip);
                if (!info.hasAudio()) {
                    out.printf(Locale.ROOT, "%s: no soundtrack, no reconstruction%n", clip.getFileName());
                    continue;
                }
                Reconstruction r = reconstruct(clip, info, settings, inputs);
                reconstructions.add(r);
                out.printf(Locale.ROOT, "%s: done in %.0f s%n", r.clip(), r.seconds());
            } catch (LipSyncException | IOException e) {
                out.printf(Locale.ROOT, "%s: reconstruction failed: %s%n", clip.getFileName(), e.getMessage());
            }
        }
        List<Dub> dubs = new ArrayList<>();
        Path firstDubbed = null; // the clip of the first dub that worked: it gets the noisy dub too
        for (Path clip : settings.clips()) {
            Path audio = settings.dubs().get(stem(clip));
            if (audio == null) {
                continue;
            }
            try {
                dubs.add(dub(clip, audio, audio, audio.getFileName().toString(), settings, inputs));
                firstDubbed = firstDubbed == null ? clip : firstDubbed;
            } catch (LipSyncException | IOException e) {
                out.printf(Locale.ROOT, "%s: dub failed: %s%n", clip.getFileName(), e.getMessage());
            }
        }
        if (firstDubbed != null) {
            Path clip = firstDubbed;
            Path audio = settings.dubs().get(stem(clip));
            try {
                Path noisy = work.resolve(stem(audio) + "_noise.wav");
                NoiseBed.writeWav(noisy, NoiseBed.under(AudioSamples.readNewAudio(audio), NOISE_BELOW_DB, 1));
                dubs.add(dub(clip, audio, noisy, stem(audio) + "+noise", settings, inputs));
            } catch (LipSyncException | IOException e) {
                out.printf(Locale.ROOT, "%s: noisy dub failed: %s%n", clip.getFileName(), e.getMessage());
            }
        }
        out.println();
        printReconstruction(reconstructions, settings.oracle());
        printDubs(dubs);
        if (settings.sheets() != null) {
            out.println("contact sheets: " + settings.sheets().toAbsolutePath());
        }
        out.printf(Locale.ROOT, "quality bench took %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** Says whether the bench clips were among the clips the audio model was fitted on. */
    private void heldOutNote(List<Path> clips) {
        Set<String> fitted = new HashSet<>();
        try (InputStream in = MouthTargetModel.class.getResourceAsStream(MouthTargetModel.RESOURCE)) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (JsonNode c : root.get("clips")) {
                fitted.add(c.get("file").asText());
            }
        } catch (IOException | RuntimeException e) {
            out.println("(could not read the audio model's list of fitting clips: " + e.getMessage() + ")");
            return;
        }
        List<String> inFit = clips.stream().map(p -> p.getFileName().toString()).filter(fitted::contains).toList();
        out.printf(Locale.ROOT, "audio model fitted on %d clips (media/av); bench clips among them: %s%n",
                fitted.size(), inFit.isEmpty() ? "none (all held out)" : String.join(", ", inFit));
    }

    private Reconstruction reconstruct(Path clip, VideoInfo info, Settings settings, Map<String, Measured> inputs)
            throws LipSyncException, IOException {
        long start = System.nanoTime();
        String name = stem(clip);
        Path dir = Files.createDirectories(work.resolve(name));
        Path forward = dir.resolve("forward.wav");
        FfmpegProgram.run("extract the soundtrack", List.of("-i", clip.toString(), "-vn", "-ac", "1", "-ar", "16000",
                "-c:a", "pcm_s16le", forward.toString()));
        Path reversed = dir.resolve("reversed_silent.mp4");
        List<String> reverse = new ArrayList<>(List.of("-i", clip.toString(), "-an", "-vf", "reverse", "-c:v", "libx264",
                "-preset", "veryfast", "-crf", "12", "-pix_fmt", "yuv420p"));
        String instructions = X264Instructions.params(); // else each run measures a slightly different input
        if (instructions != null) {
            reverse.addAll(List.of("-x264-params", instructions));
        }
        reverse.add(reversed.toString());
        FfmpegProgram.run("reverse the clip", reverse);
        Map<String, Path> voices = new LinkedHashMap<>();
        voices.put("own", forward);
        voices.put(String.format(Locale.ROOT, "%+.0f st", VOICE_SEMITONES), shiftVoice(forward, VOICE_SEMITONES,
                dir.resolve("voice_up.wav")));
        voices.put(String.format(Locale.ROOT, "%+.0f st", -VOICE_SEMITONES), shiftVoice(forward, -VOICE_SEMITONES,
                dir.resolve("voice_down.wav")));

        Measured truth = measure(clip, Set.of(), null, null, true);
        inputs.put(name, truth);
        int n = truth.opening.length;
        Set<Integer> sample = sampleFrames(n);
        Measured input = measure(reversed, sample, null, null, true);
        double fps = info.frameRate();

        float[] forwardAudio = AudioSamples.readNewAudio(forward);
        double target = QualityMetrics.bestLag(MouthTargetModel.load().predict(forwardAudio, fps).openingZ(),
                truth.opening, RECONSTRUCTION_LAG).r();

        Map<String, Double> scores = new LinkedHashMap<>();
        Measured own = null;
        for (Map.Entry<String, Path> v : voices.entrySet()) {
            Path output = dir.resolve("output_" + v.getKey().replace(" ", "").replace("+", "up").replace("-", "down")
                    + ".mp4");
            lipSync(new MouthRewrite(config, options), reversed, v.getValue(), output);
            boolean first = own == null;
            Measured m = measure(output, first ? sample : Set.of(), first ? reversed : null,
                    first ? input.landmarks : null, true);
            if (first) {
                own = m;
            }
            scores.put(v.getKey(), QualityMetrics.bestLag(m.opening, truth.opening, RECONSTRUCTION_LAG).r());
        }
        Path energyOut = dir.resolve("output_energy_only.mp4");
        lipSync(MouthRewrite.withTargets(config, options, QualityBench::energyTargets), reversed, forward, energyOut);
        Measured energy = measure(energyOut, Set.of(), null, null, true);
        double oracle = Double.NaN;
        if (settings.oracle()) {
            Path oracleOut = dir.resolve("output_oracle.mp4");
            double[] trueOpening = truth.opening.clone(), trueWidth = truth.width.clone();
            lipSync(MouthRewrite.withTargets(config, options, (audio, rate) -> oracleTargets(trueOpening, trueWidth,
                    FrameSampler.videoFrames(audio.length, rate))), reversed, forward, oracleOut);
            oracle = QualityMetrics.bestLag(measure(oracleOut, Set.of(), null, null, true).opening, truth.opening,
                    RECONSTRUCTION_LAG).r();
        }
        Path passOut = dir.resolve("output_pass_through.mp4");
        lipSync(new PassThrough(), reversed, forward, passOut);
        Measured pass = measure(passOut, Set.of(), reversed, input.landmarks, false);

        if (settings.sheets() != null) {
            List<List<Mat>> rows = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            Map<Integer, Mat> truthFrames = frames(clip, sample);
            for (int i : sample) {
                rows.add(Arrays.asList(input.kept.get(i), own.kept.get(i), truthFrames.get(i)));
                captions.add(String.format(Locale.ROOT, "frame %d  opening: input %s  output %s  truth %s", i,
                        fmt(input.opening, i), fmt(own.opening, i), fmt(truth.opening, i)));
            }
            Path png = settings.sheets().resolve(name + "_reconstruction.png");
            ContactSheet.write(png, List.of("input (reversed, silent)", "output (own voice)", "ground truth"),
                    captions, rows, faceCrop(truth, sample), SHEET_CELL_HEIGHT);
            out.println("  sheet " + png);
            truthFrames.values().forEach(Mat::close);
        }
        input.release();
        own.release();
        return new Reconstruction(name, n,
                QualityMetrics.bestLag(input.opening, truth.opening, RECONSTRUCTION_LAG).r(),
                QualityMetrics.bestLag(energy.opening, truth.opening, RECONSTRUCTION_LAG).r(), target, scores, oracle,
                own.psnr, pass.psnr, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The clip driven by {@code driving}; sync and pauses measured against {@code audio} (the
     * same dub, without what was mixed into {@code driving}).
     */
    private Dub dub(Path clip, Path audio, Path driving, String label, Settings settings, Map<String, Measured> inputs)
            throws LipSyncException, IOException {
        String name = stem(clip);
        Path dir = Files.createDirectories(work.resolve(name));
        Measured input = inputs.get(name);
        if (input == null) {
            input = measure(clip, Set.of(), null, null, true);
            inputs.put(name, input);
        }
        Path output = dir.resolve("dub_" + stem(driving) + ".mp4");
        Result result = lipSync(new MouthRewrite(config, options), clip, driving, output);
        float[] samples = AudioSamples.readNewAudio(audio);
        double fps = VideoFrames.probe(clip).frameRate();
        int frames = Math.toIntExact(result.framesTotal());
        Set<Integer> sample = sampleFrames(frames);
        Measured m = measure(output, sample, null, null, true);
        SpeechFeatures f = SpeechFeatures.analyse(samples);
        double[] energy = SpeechFeatures.atVideoFrames(f.energyDb(), fps, frames);
        boolean[] speech = f.speechAtVideoFrames(fps, frames);
        boolean[] pause = QualityMetrics.pauses(speech, (int) Math.round(PAUSE_SECONDS * fps), PAUSE_TRIM);
        double threshold = Math.max(CLOSED_OPENING, QualityMetrics.quantile(input.opening, CLOSED_QUANTILE));
        // the sync against the envelope splits into the audio model's timing and the renderer's
        SpeechFeatures heard = driving.equals(audio) ? f : SpeechFeatures.analyse(AudioSamples.readNewAudio(driving));
        double[] target = MouthTargetModel.load().predict(heard, fps, frames).openingZ();
        Dub d = new Dub(name, label, samples.length / (double) AudioSamples.SAMPLE_RATE,
                QualityMetrics.bestLag(energy, m.opening, DUB_LAG_SEARCH),
                QualityMetrics.bestLag(energy, m.opening, 0).r(),
                QualityMetrics.bestLag(energy, target, DUB_LAG_SEARCH),
                QualityMetrics.bestLag(target, m.opening, DUB_LAG_SEARCH),
                QualityMetrics.closedShare(m.opening, pause, threshold), threshold);
        if (settings.sheets() != null) {
            TimingPlan plan = TimingPlan.forAudio(input.opening.length, d.seconds(), fps);
            Map<Integer, Integer> sourceOf = new TreeMap<>();
            for (int i : sample) {
                sourceOf.put(i, plan.sourceFrame(i));
            }
            Map<Integer, Mat> sources = frames(clip, new HashSet<>(sourceOf.values()));
            List<List<Mat>> rows = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            for (int i : sample) {
                rows.add(Arrays.asList(sources.get(sourceOf.get(i)), m.kept.get(i)));
                captions.add(String.format(Locale.ROOT, "t %.2f s (%s)  opening: input %s  output %s",
                        i / fps, speech[Math.min(i, speech.length - 1)] ? "speech" : pause[i] ? "pause" : "quiet",
                        fmt(input.opening, sourceOf.get(i)), fmt(m.opening, i)));
            }
            Path png = settings.sheets().resolve(name + "_dub_" + stem(driving) + ".png");
            ContactSheet.write(png, List.of("input", "output (" + label + " dub)"), captions, rows,
                    faceCrop(m, sample), SHEET_CELL_HEIGHT);
            out.println("  sheet " + png);
            sources.values().forEach(Mat::close);
        }
        m.release();
        out.printf(Locale.ROOT, "%s + %s: done%n", name, d.audio());
        return d;
    }

    // --- printing ----------------------------------------------------------------------------

    private void printReconstruction(List<Reconstruction> rs, boolean oracle) {
        if (rs.isEmpty()) {
            return;
        }
        List<String> voices = new ArrayList<>(rs.get(0).voices().keySet());
        out.println("1. Reconstruction: the clip reversed and silent, driven by its forward audio; r = correlation of");
        out.println("   the output's mouth opening (landmarks re-detected) with the forward clip's, best lag within ±"
                + RECONSTRUCTION_LAG + " frames");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-20s %6s | %8s %7s | %7s |", "clip",
                "frames", "reversed", "energy", "target"));
        for (String v : voices) {
            head.append(String.format(Locale.ROOT, " %7s", v));
        }
        head.append(String.format(Locale.ROOT, " %7s", "voices"));
        if (oracle) {
            head.append(String.format(Locale.ROOT, " | %6s", "oracle"));
        }
        head.append(String.format(Locale.ROOT, " | %-22s", "PSNR outside (pass-thru)"));
        out.println(head);
        double[][] columns = new double[5 + voices.size()][rs.size()];
        for (int k = 0; k < rs.size(); k++) {
            Reconstruction r = rs.get(k);
            double[] vs = voices.stream().mapToDouble(v -> r.voices().getOrDefault(v, Double.NaN)).toArray();
            double allVoices = QualityMetrics.mean(vs);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s %6d | %8.2f %7.2f | %7.2f |",
                    r.clip(), r.frames(), r.reversed(), r.energy(), r.target()));
            for (double v : vs) {
                line.append(String.format(Locale.ROOT, " %7.2f", v));
            }
            line.append(String.format(Locale.ROOT, " %7.2f", allVoices));
            if (oracle) {
                line.append(String.format(Locale.ROOT, " | %6.2f", r.oracle()));
            }
            line.append(String.format(Locale.ROOT, " | %5.1f dB (%5.1f dB)", r.psnr(), r.psnrPassThrough()));
            out.println(line);
            columns[0][k] = r.reversed();
            columns[1][k] = r.energy();
            columns[2][k] = r.target();
            for (int v = 0; v < vs.length; v++) {
                columns[3 + v][k] = vs[v];
            }
            columns[3 + vs.length][k] = allVoices;
            columns[4 + vs.length][k] = r.oracle();
        }
        StringBuilder mean = new StringBuilder(String.format(Locale.ROOT, "%-20s %6s | %8.2f %7.2f | %7.2f |",
                "mean", "", QualityMetrics.mean(columns[0]), QualityMetrics.mean(columns[1]),
                QualityMetrics.mean(columns[2])));
        for (int v = 0; v <= voices.size(); v++) {
            mean.append(String.format(Locale.ROOT, " %7.2f", QualityMetrics.mean(columns[3 + v])));
        }
        if (oracle) {
            mean.append(String.format(Locale.ROOT, " | %6.2f", QualityMetrics.mean(columns[4 + voices.size()])));
        }
        out.println(mean);
        out.println("   reversed = the input itself; energy = the renderer driven by audio energy alone (same shaping);");
        out.println("   target = the audio model's target itself, before rendering (own voice); voices = mean over "
                + String.join(", ", voices) + " (shifted: asetrate+atempo, pitch and formants)");
        if (oracle) {
            out.println("   oracle = the renderer driven by the forward clip's own measured opening (its ceiling)");
        }
        out.println("   PSNR outside = output vs the decoded input outside a box around the lower face (own voice run);"
                + " in brackets a pass-through run's (codec loss alone)");
        double ours = QualityMetrics.mean(columns[3 + voices.size()]);
        double baseline = Math.max(QualityMetrics.mean(columns[0]), QualityMetrics.mean(columns[1]));
        out.printf(Locale.ROOT, "   goal: r >= 0.50 over the voices on held-out speakers, well above both baselines: %.2f vs %.2f -> %s%n%n",
                ours, baseline, ours >= 0.5 && ours - baseline >= 0.2 ? "MET" : "NOT MET");
    }

    private void printDubs(List<Dub> dubs) {
        if (dubs.isEmpty()) {
            return;
        }
        out.println("2. Dub: the clip driven by another person's speech in another language");
        out.printf(Locale.ROOT, "%-20s %-12s %6s | %-26s %7s | %-11s %-11s | %s%n", "clip", "audio", "s",
                "best sync (lag, r; ±" + DUB_LAG_SEARCH + " searched)", "r lag 0", "model", "follows", "closed in pauses");
        for (Dub d : dubs) {
            String closed = d.closed().counted() == 0 ? "no pause >= " + PAUSE_SECONDS + " s"
                    : String.format(Locale.ROOT, "%3.0f %% of %d frames", 100 * d.closed().fraction(),
                    d.closed().counted());
            out.printf(Locale.ROOT, "%-20s %-12s %6.1f | %+3d frames, r %.2f %-7s %7.2f | %+3d, r %.2f %+3d, r %.2f | %s%n",
                    d.clip(), d.audio(), d.seconds(), d.sync().lag(), d.sync().r(),
                    Math.abs(d.sync().lag()) <= 1 ? "(ok)" : "(OFF)", d.rAtZero(), d.targetSync().lag(),
                    d.targetSync().r(), d.follow().lag(), d.follow().r(), closed);
        }
        out.println("   lag = frames by which the mouth trails the dub's energy envelope (< 0: it moves ahead of the sound);");
        out.println("   model = the audio model's target opening against that envelope (lag, r); follows = the output's");
        out.println("   opening against that target: the renderer's own delay, whatever the envelope's shape");
        out.println("   closed = opening <= "
                + "max(" + CLOSED_OPENING + " eye distances, the person's " + (int) (100 * CLOSED_QUANTILE)
                + "th percentile in the input),");
        out.println("   over silences of " + PAUSE_SECONDS + " s or more less " + PAUSE_TRIM + " frames at each edge");
        out.printf(Locale.ROOT, "   +noise = the same dub under brown noise %.0f dB below it; lag and pauses from the clean dub%n",
                NOISE_BELOW_DB);
        out.println();
    }

    private static String fmt(double[] x, int i) {
        return i < x.length && !Double.isNaN(x[i]) ? String.format(Locale.ROOT, "%.2f", x[i]) : "-";
    }

    // --- targets -----------------------------------------------------------------------------

    /** The energy-only baseline: log energy through the engine's shaping (pauses closed, smoothed). */
    static MouthTargetModel.Prediction energyTargets(float[] audio16k, double fps) {
        SpeechFeatures f = SpeechFeatures.analyse(audio16k);
        int frames = FrameSampler.videoFrames(audio16k.length, fps);
        return MouthTargetModel.shapedFrom(SpeechFeatures.atVideoFrames(f.energyNorm(), fps, frames),
                f.speechAtVideoFrames(fps, frames), fps);
    }

    /** The oracle: the true opening and width as z-scores (frames without a measurement neutral). */
    static MouthTargetModel.Prediction oracleTargets(double[] opening, double[] width, int frames) {
        double[] oz = fill(QualityMetrics.zScore(opening), frames);
        double[] wz = fill(QualityMetrics.zScore(width), frames);
        boolean[] speech = new boolean[frames];
        Arrays.fill(speech, true);
        return new MouthTargetModel.Prediction(oz, wz, speech, oz.clone());
    }

    private static double[] fill(double[] z, int frames) {
        double[] out = new double[frames];
        for (int i = 0; i < frames; i++) {
            double v = i < z.length ? z[i] : Double.NaN;
            out[i] = Double.isNaN(v) ? 0 : v;
        }
        return out;
    }

    // --- runs and measurements -----------------------------------------------------------------

    private static Result lipSync(LipSyncStages stages, Path video, Path audio, Path output) throws LipSyncException {
        return new TwoPassPipeline(stages).run(video, audio, output, ProgressListener.NONE, new Cancellation());
    }

    /** The same voice higher or lower: pitch and formants shifted together, duration kept. */
    private static Path shiftVoice(Path wav16k, double semitones, Path out) throws IOException {
        double ratio = Math.pow(2, semitones / 12);
        String filter = String.format(Locale.ROOT, "asetrate=%d,aresample=16000,atempo=%.6f",
                Math.round(16000 * ratio), 1 / ratio);
        FfmpegProgram.run("shift the voice", List.of("-i", wav16k.toString(), "-af", filter, "-ac", "1", "-ar", "16000",
                "-c:a", "pcm_s16le", out.toString()));
        return out;
    }

    /** Frames of {@code evenly spaced} rows for a contact sheet. */
    static Set<Integer> sampleFrames(int n) {
        Set<Integer> out = new TreeSet<>();
        for (int k = 0; k < SHEET_ROWS && n > 0; k++) {
            out.add((int) Math.min(n - 1, Math.round((k + 0.5) * n / SHEET_ROWS)));
        }
        return out;
    }

    /** Per frame of a video: the mouth of its largest face, its landmarks, some frames kept, PSNR vs a reference. */
    static final class Measured {
        double[] opening;
        double[] width;
        float[][] landmarks;
        final Map<Integer, Mat> kept = new TreeMap<>();
        double psnr = Double.NaN;

        void release() {
            kept.values().forEach(Mat::close);
            kept.clear();
        }
    }

    /**
     * Decodes {@code video} once: with {@code landmarks}, the largest face's raw landmarks and mouth
     * shape per frame (NaN where none); copies of the frames in {@code keep}; with a
     * {@code reference} video, the PSNR of frame i against its frame i outside the lower-face box
     * of {@code referenceLandmarks[i]} (frames past the reference's end are not compared).
     */
    Measured measure(Path video, Set<Integer> keep, Path reference, float[][] referenceLandmarks, boolean landmarks)
            throws LipSyncException {
        Measured m = new Measured();
        List<Double> opening = new ArrayList<>(), width = new ArrayList<>();
        List<float[]> points = new ArrayList<>();
        QualityMetrics.SquaredError error = new QualityMetrics.SquaredError();
        try (VideoFrames frames = VideoFrames.open(video);
             VideoFrames ref = reference == null ? null : VideoFrames.open(reference);
             FaceTracker tracker = landmarks ? FaceTracker.create(config, frames.info().frameRate()) : null) {
            int i = 0;
            for (Mat frame = frames.next(); frame != null; frame = frames.next(), i++) {
                if (tracker != null) {
                    Landmarks best = null;
                    double bestEye = 0;
                    for (TrackedFace f : tracker.process(frame, false)) {
                        double eye = MouthShape.eyeDistance(f.rawLandmarks());
                        if (eye > bestEye) {
                            bestEye = eye;
                            best = f.rawLandmarks();
                        }
                    }
                    MouthShape shape = best == null ? null : MouthShape.measure(best);
                    opening.add(shape == null ? Double.NaN : shape.opening());
                    width.add(shape == null ? Double.NaN : shape.width());
                    points.add(best == null ? null : best.toArray());
                }
                if (keep.contains(i)) {
                    m.kept.put(i, frame.clone());
                }
                Mat r = ref == null ? null : ref.next();
                if (r != null && r.cols() == frame.cols() && r.rows() == frame.rows()) {
                    float[] l = referenceLandmarks != null && i < referenceLandmarks.length ? referenceLandmarks[i] : null;
                    error.addOutside(bytes(frame), bytes(r), frame.cols(), frame.rows(), 3,
                            QualityMetrics.lowerFaceBox(l, frame.cols(), frame.rows()));
                }
            }
        }
        m.opening = opening.stream().mapToDouble(Double::doubleValue).toArray();
        m.width = width.stream().mapToDouble(Double::doubleValue).toArray();
        m.landmarks = points.toArray(new float[0][]);
        m.psnr = error.psnr();
        return m;
    }

    /** Copies of the given frames of a video. */
    private static Map<Integer, Mat> frames(Path video, Set<Integer> wanted) throws LipSyncException {
        Map<Integer, Mat> out = new TreeMap<>();
        int last = wanted.stream().mapToInt(Integer::intValue).max().orElse(-1);
        try (VideoFrames frames = VideoFrames.open(video)) {
            int i = 0;
            for (Mat frame = frames.next(); frame != null && i <= last; frame = frames.next(), i++) {
                if (wanted.contains(i)) {
                    out.put(i, frame.clone());
                }
            }
        }
        return out;
    }

    /** A BGR frame's bytes, row-major without padding. */
    private static byte[] bytes(Mat frame) {
        int rowBytes = frame.cols() * 3;
        byte[] out = new byte[rowBytes * frame.rows()];
        BytePointer data = frame.data();
        long step = frame.step();
        for (int y = 0; y < frame.rows(); y++) {
            data.position(y * step).get(out, y * rowBytes, rowBytes);
        }
        data.position(0);
        return out;
    }

    /** A box around the face over the sampled frames (its landmarks' extent, padded), for the sheets. */
    private static int[] faceCrop(Measured m, Set<Integer> sample) {
        PointBounds b = PointBounds.EMPTY;
        for (int i : sample) {
            if (i < m.landmarks.length && m.landmarks[i] != null) {
                b = b.union(PointBounds.of(m.landmarks[i]));
            }
        }
        if (b.isEmpty()) {
            return null;
        }
        double minX = b.minX(), minY = b.minY(), maxX = b.maxX(), maxY = b.maxY();
        double side = Math.max(maxX - minX, maxY - minY) * 1.4;
        double cx = (minX + maxX) / 2, cy = (minY + maxY) / 2 + 0.05 * side;
        return new int[] {(int) Math.round(cx - side / 2), (int) Math.round(cy - side / 2), (int) Math.round(side),
                (int) Math.round(side)};
    }
}
