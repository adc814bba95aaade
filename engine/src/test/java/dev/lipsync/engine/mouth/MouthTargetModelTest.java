package dev.lipsync.engine.mouth;

import static dev.lipsync.engine.audio.SyntheticSpeech.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.lipsync.engine.audio.FrameSampler;
import dev.lipsync.engine.audio.LogEnergy;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MouthTargetModelTest {
    private static final MouthTargetModel MODEL = MouthTargetModel.load();

    /** Syllable-like speech: vowels of varying openness separated by short stop closures. */
    private static float[] syllables(double seconds) {
        double[][] vowels = {{750, 1250, 2600}, {300, 2200, 3000}, {600, 1000, 2500}, {350, 800, 2400}};
        float[] out = new float[0];
        int k = 0;
        while (out.length < seconds * RATE) {
            double[] f = vowels[k++ % vowels.length];
            out = concat(out, vowel(0.18, 110 + 10 * (k % 3), 0.4, f), silence(0.05));
        }
        return out;
    }

    @Test
    void speechThenSilencePredictsOpenThenClosed() {
        float[] audio = mix(concat(syllables(2.0), silence(1.5)), noise(3.6, 1e-4, 7));
        double fps = 25;
        double[] z = MODEL.predictOpeningZ(audio, fps);
        assertEquals(FrameSampler.videoFrames(audio.length, fps), z.length);
        int speechEnd = (int) (audio.length / (double) RATE * fps) - (int) (1.5 * fps);
        double speaking = 0;
        for (int i = 5; i < speechEnd - 5; i++) {
            speaking += z[i];
        }
        speaking /= speechEnd - 10;
        assertTrue(speaking > -0.3, "open while speaking: mean z " + speaking);
        for (int i = speechEnd + 5; i < z.length - 2; i++) {
            assertEquals(MouthTargetModel.CLOSED_Z, z[i], 0.05, "closed in silence at frame " + i);
        }
        double maxSpeaking = Double.NEGATIVE_INFINITY;
        for (int i = 5; i < speechEnd - 5; i++) {
            maxSpeaking = Math.max(maxSpeaking, z[i]);
        }
        assertTrue(maxSpeaking > 0.5, "opens wide somewhere: " + maxSpeaking);
    }

    @Test
    void pureSilenceIsClosedEverywhere() {
        double[] z = MODEL.predictOpeningZ(silence(2.0), 30);
        assertEquals(60, z.length);
        for (double v : z) {
            assertEquals(MouthTargetModel.CLOSED_Z, v, 1e-6);
        }
    }

    @Test
    void predictionFollowsTheEnergyOfRealSpeech() throws Exception {
        Path wav = Path.of(System.getProperty("lipsync.shared.dir", "../../shared"), "media/audio/en_60s.wav");
        Assumptions.assumeTrue(wav.toFile().isFile(), "shared media absent (" + wav + "): skipping real-speech check");
        float[] audio = readMono16k(wav.toFile(), 20);
        double fps = 25;
        double[] z = MODEL.predictOpeningZ(audio, fps);
        double[] energy = FrameSampler.atFrames(LogEnergy.at100Hz(audio), fps, z.length);
        double r = correlation(z, energy);
        assertTrue(r > 0.3, "opening follows the energy envelope: r = " + r);
    }

    @Test
    void emptyAndVeryShortAudioGiveClosedTargets() {
        assertEquals(0, MODEL.predictOpeningZ(new float[0], 25).length);
        double[] z = MODEL.predictOpeningZ(tone(0.1, 200, 0.3), 25);
        assertEquals(3, z.length);
        for (double v : z) {
            assertFalse(Double.isNaN(v));
        }
    }

    @Test
    void theTargetDoesNotDependOnTheVideoFrameRateBeyondSampling() {
        float[] audio = concat(syllables(1.5), silence(0.7));
        double[] at25 = MODEL.predictOpeningZ(audio, 25);
        double[] at50 = MODEL.predictOpeningZ(audio, 50);
        // frame i at 25 fps is centred at (i + 0.5) / 25 s, between frames 2i and 2i+1 at 50 fps
        double diff = 0;
        for (int i = 0; i < at25.length; i++) {
            diff = Math.max(diff, Math.abs(at25[i] - 0.5 * (at50[2 * i] + at50[2 * i + 1])));
        }
        assertTrue(diff < 0.6, "25 and 50 fps targets agree: max difference " + diff);
    }

    @Test
    void shortPausesAreBridgedLongOnesClosed() {
        boolean[] speech = new boolean[60];
        java.util.Arrays.fill(speech, 5, 20, true);   // speech, 4-frame pause, speech, long pause, speech
        java.util.Arrays.fill(speech, 24, 35, true);
        java.util.Arrays.fill(speech, 50, 60, true);
        boolean[] bridged = TargetShaping.bridge(speech, 12);
        assertFalse(bridged[2], "leading silence stays silent");
        assertTrue(bridged[21], "4-frame pause bridged");
        assertFalse(bridged[40], "15-frame pause stays a pause");
    }

    @Test
    void adaptingToAVideoFitsItsMeasuredMouthBetterAndNeedsEnoughFrames() {
        float[] original = concat(syllables(12.0), silence(0.5));
        double fps = 25;
        int frames = FrameSampler.videoFrames(original.length, fps);
        // A person whose opening follows F1 (jaw) more than the generic model expects.
        dev.lipsync.engine.audio.SpeechFeatures f = dev.lipsync.engine.audio.SpeechFeatures.analyse(original);
        double[] measured = FrameSampler.atFrames(f.f1z(), fps, frames);
        assertSame(MODEL, MODEL.adaptedTo(original, fps, java.util.Arrays.copyOf(measured, 100)), "too few frames");
        MouthTargetModel adapted = MODEL.adaptedTo(original, fps, measured);
        assertTrue(adapted.isAdapted());
        double before = correlation(MODEL.predict(original, fps).rawOpening(), measured);
        double after = correlation(adapted.predict(original, fps).rawOpening(), measured);
        assertTrue(after > before + 0.1, "adapted " + after + " vs generic " + before);
    }

    @Test
    void adaptationLearnsFromTheSoundtracksFirstMinutesOnly() {
        double fps = 25;
        float[] original = syllables(MouthTargetModel.ADAPTATION_MAX_SECONDS + 10);
        int frames = FrameSampler.videoFrames(original.length, fps);
        dev.lipsync.engine.audio.SpeechFeatures f = dev.lipsync.engine.audio.SpeechFeatures.analyse(original);
        double[] measured = FrameSampler.atFrames(f.f1z(), fps, frames);
        int limit = (int) Math.ceil(MouthTargetModel.ADAPTATION_MAX_SECONDS * fps);
        assertTrue(frames > limit + 10, frames + " frames, limit " + limit);
        MouthTargetModel start = MODEL.adaptedTo(f, fps, java.util.Arrays.copyOf(measured, limit));
        for (int i = limit; i < frames; i++) {
            measured[i] = 99 * (i % 2); // beyond the limit: must not matter
        }
        MouthTargetModel whole = MODEL.adaptedTo(f, fps, measured);
        assertTrue(whole.isAdapted());
        assertArrayEquals(start.predict(f, fps, frames).rawOpening(), whole.predict(f, fps, frames).rawOpening(), 1e-12);
    }

    @Test
    void closureCuesCapTheOpeningOnlyWhereTheyFire() {
        double[] z = TargetShaping.closeAtClosures(new double[] {1.0, 1.0, -2.0, 0.5}, new double[] {0, 1, 1, 0.4}, -1.5);
        assertArrayEquals(new double[] {1.0, -1.5, -2.0, 0.5}, z, 1e-12);
    }

    /** Pearson's r of two series of one length: {@link LagCorrelation} at lag 0. */
    static double correlation(double[] a, double[] b) {
        return LagCorrelation.at(a, b, 0);
    }

    /** The first {@code seconds} of a 16 kHz mono 16-bit WAV file. */
    static float[] readMono16k(File wav, double seconds) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav)) {
            AudioFormat f = in.getFormat();
            assertEquals(16000, f.getSampleRate(), 0.5);
            assertEquals(1, f.getChannels());
            assertEquals(16, f.getSampleSizeInBits());
            byte[] bytes = in.readNBytes((int) (seconds * 16000) * 2);
            ByteBuffer bb = ByteBuffer.wrap(bytes).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[bytes.length / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = bb.getShort() / 32768f;
            }
            return out;
        }
    }
}
