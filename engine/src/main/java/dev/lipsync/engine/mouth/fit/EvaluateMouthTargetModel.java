package dev.lipsync.engine.mouth.fit;

import dev.lipsync.engine.audio.SpeechFeatures;
import dev.lipsync.engine.mouth.LagCorrelation;
import dev.lipsync.engine.mouth.MouthTargetModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Development tool: scores the shipped {@link MouthTargetModel} on videos it was not fitted on
 * (landmarks from {@code extract-mouth-truth.sh}), with each clip's own audio and with that
 * audio pitch-shifted by sox (+400 and −300 cents: another-sounding voice, same timing), as
 * in the engine's quality brief. Needs the ffmpeg, ffprobe and sox CLIs.
 *
 * <pre>java -cp ... dev.lipsync.engine.mouth.fit.EvaluateMouthTargetModel VIDEO_DIR TRUTH_DIR [MODEL_JSON]</pre>
 */
public final class EvaluateMouthTargetModel {
    private static final int[] PITCH_CENTS = {0, 400, -300};

    public static void main(String[] args) throws Exception {
        Path videoDir = Path.of(args[0]);
        Path truthDir = Path.of(args[1]);
        MouthTargetModel model;
        if (args.length > 2) {
            try (var in = Files.newInputStream(Path.of(args[2]))) {
                model = MouthTargetModel.read(in);
            }
        } else {
            model = MouthTargetModel.load();
        }
        List<Path> videos;
        try (Stream<Path> s = Files.list(videoDir)) {
            videos = s.filter(p -> Files.exists(truthDir.resolve(p.getFileName() + ".landmarks.txt"))).sorted().toList();
        }
        double[][] sums = new double[PITCH_CENTS.length][3];
        int n = 0;
        for (Path video : videos) {
            double[] opening = FitMouthTargetModel.zScore(
                    FitMouthTargetModel.readShapes(truthDir.resolve(video.getFileName() + ".landmarks.txt"))[0]);
            double fps = FitMouthTargetModel.probeFps(video);
            float[] audio;
            try {
                audio = FitMouthTargetModel.decodeAudio(video);
            } catch (IOException e) {
                System.out.println(video.getFileName() + ": no audio, skipped");
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s", video.getFileName()));
            for (int p = 0; p < PITCH_CENTS.length; p++) {
                float[] a = PITCH_CENTS[p] == 0 ? audio : pitchShift(audio, PITCH_CENTS[p]);
                SpeechFeatures f = SpeechFeatures.analyse(a);
                MouthTargetModel.Prediction pred = model.predict(f, fps, opening.length);
                double[] energy = SpeechFeatures.atVideoFrames(f.energyNorm(), fps, opening.length);
                double re = LagCorrelation.best(energy, opening, 2);
                double rr = LagCorrelation.best(pred.rawOpening(), opening, 2);
                double rs = LagCorrelation.best(pred.openingZ(), opening, 2);
                sums[p][0] += re;
                sums[p][1] += rr;
                sums[p][2] += rs;
                line.append(String.format(Locale.ROOT, "  pitch %+4d: energy %.2f raw %.2f shaped %.2f",
                        PITCH_CENTS[p], re, rr, rs));
            }
            n++;
            System.out.println(line);
        }
        for (int p = 0; p < PITCH_CENTS.length; p++) {
            System.out.printf(Locale.ROOT, "mean over %d clips, pitch %+4d cents: energy %.3f  raw %.3f  shaped %.3f%n",
                    n, PITCH_CENTS[p], sums[p][0] / n, sums[p][1] / n, sums[p][2] / n);
        }
        if (args.length > 3) {
            dubs(model, Path.of(args[3]));
        }
    }

    /**
     * The "dub" check without video: for speech files in any language, how the shaped target
     * follows the audio's own energy envelope at 25 fps (best lag within ±1 frame) and how much
     * of the time the mouth is closed.
     */
    static void dubs(MouthTargetModel model, Path audioDir) throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> s = Files.list(audioDir)) {
            files = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        for (Path wav : files) {
            float[] audio = FitMouthTargetModel.decodeAudio(wav);
            double fps = 25;
            SpeechFeatures f = SpeechFeatures.analyse(audio);
            int frames = dev.lipsync.engine.audio.FrameSampler.videoFrames(audio.length, fps);
            MouthTargetModel.Prediction pred = model.predict(f, fps, frames);
            double[] energy = SpeechFeatures.atVideoFrames(f.energyDb(), fps, frames);
            int closed = 0;
            for (double z : pred.openingZ()) {
                closed += z <= MouthTargetModel.CLOSED_Z + 1e-6 ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "dub %-22s %5.1f s  r(target, energy) %.2f  closed %3.0f%% of frames%n",
                    wav.getFileName(), audio.length / 16000.0, LagCorrelation.best(pred.openingZ(), energy, 1),
                    100.0 * closed / frames);
        }
    }

    /** sox "pitch" (pitch and formants shifted together, timing kept). */
    static float[] pitchShift(float[] audio, int cents) throws IOException, InterruptedException {
        Path in = Files.createTempFile("mouth-eval", ".f32");
        Path out = Files.createTempFile("mouth-eval-shifted", ".f32");
        try {
            ByteBuffer bb = ByteBuffer.allocate(audio.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bb.asFloatBuffer().put(audio);
            Files.write(in, bb.array());
            String[] raw = {"-t", "raw", "-r", "16000", "-e", "floating-point", "-b", "32", "-c", "1"};
            List<String> cmd = new java.util.ArrayList<>(List.of("sox"));
            cmd.addAll(List.of(raw));
            cmd.add(in.toString());
            cmd.addAll(List.of(raw));
            cmd.addAll(List.of(out.toString(), "pitch", Integer.toString(cents)));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException("sox failed");
            }
            byte[] bytes = Files.readAllBytes(out);
            float[] shifted = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(shifted);
            return shifted;
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }
}
