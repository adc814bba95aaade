package dev.lipsync.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.LipSyncException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AudioSamplesTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void makeFixtures() {
        MediaFixtures.sine(dir, "tone.wav", 1.5, 440, 44100, 2);
        MediaFixtures.sine(dir, "tone.mp3", 1.5, 440, 44100, 2, "-c:a", "libmp3lame");
        MediaFixtures.sine(dir, "tone.m4a", 1.5, 440, 48000, 2, "-c:a", "aac");
        MediaFixtures.sine(dir, "tone.ogg", 1.5, 440, 48000, 1, "-c:a", "libopus");
        MediaFixtures.sine(dir, "tone.flac", 1.5, 440, 22050, 1, "-c:a", "flac");
        MediaFixtures.testVideo(dir, "talk.mp4", 1.5, true, "-c:v", "libx264", "-preset", "ultrafast",
                "-c:a", "aac");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tone.wav", "tone.mp3", "tone.m4a", "tone.ogg", "tone.flac", "talk.mp4"})
    void decodesAnyFormatTo16kMono(String name) throws Exception {
        float[] samples = AudioSamples.readNewAudio(dir.resolve(name));
        assertEquals(1.5, AudioSamples.seconds(samples), 0.06, "duration");
        // A 440 Hz sine crosses zero 880 times a second: count in the steady middle second.
        int crossings = 0;
        for (int i = 4000 + 1; i < 4000 + AudioSamples.SAMPLE_RATE; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        assertEquals(880, crossings, 8, "still a 440 Hz tone");
        float peak = 0;
        for (float s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertTrue(peak > 0.05 && peak <= 1.01, "float scale, peak " + peak);
    }

    @Test
    void stopsDecodingAtALimit() throws Exception {
        float[] head = AudioSamples.readNewAudio(dir.resolve("tone.flac"), 0.5);
        assertEquals(8000, head.length, "half a second, not the whole 1.5 s");
    }

    @Test
    void readsAVideosSoundtrackOrNothing() throws Exception {
        assertEquals(1.5, AudioSamples.seconds(AudioSamples.readSoundtrack(dir.resolve("talk.mp4"))), 0.06);
        Path silent = MediaFixtures.testVideo(dir, "silent.mp4", 0.2, false, "-c:v", "libx264", "-preset",
                "ultrafast");
        assertEquals(0, AudioSamples.readSoundtrack(silent).length);
    }

    /** A soundtrack that starts after its video starts with that much silence, as the frames are timed. */
    @Test
    void aSoundtrackStartingAfterItsVideoBeginsWithThatSilence() throws Exception {
        Path pictures = MediaFixtures.testVideo(dir, "pictures.mp4", 2, false, "-c:v", "libx264", "-preset",
                "ultrafast");
        MediaFixtures.ffmpeg("-i", pictures.toString(), "-itsoffset", "0.5", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=16000:duration=1", "-map", "0:v", "-map", "1:a", "-c:v", "copy",
                "-c:a", "pcm_s16le", dir.resolve("late_sound.mov").toString());
        float[] track = AudioSamples.readSoundtrack(dir.resolve("late_sound.mov"));
        assertEquals(1.5, AudioSamples.seconds(track), 0.03, "half a second of silence, then the second of tone");
        for (int i = 0; i < 7900; i++) {
            assertEquals(0, track[i], "silent before the sound starts, sample " + i);
        }
        assertTrue(Math.abs(track[8100]) + Math.abs(track[8110]) + Math.abs(track[8120]) > 0.1, "the tone");
        assertEquals(1.0, AudioSamples.seconds(AudioSamples.readNewAudio(dir.resolve("late_sound.mov"))), 0.03,
                "a new audio is taken from its own first sample");
    }

    /**
     * A float WAV with samples that are not numbers (a faulty plugin's) reads as the sound with
     * those samples silent, and makes an output: FFmpeg's AAC encoder refused the whole dub.
     */
    @Test
    void samplesThatAreNotNumbersAreSilent() throws Exception {
        Path wav = floatWavWithInvalidSamples(dir.resolve("nan.wav"), 48000, 2.0);
        float[] samples = AudioSamples.readNewAudio(wav);
        assertEquals(2.0, AudioSamples.seconds(samples), 0.01);
        double energy = 0;
        for (float v : samples) {
            assertTrue(Float.isFinite(v), "every sample a number");
            energy += v * v;
        }
        assertTrue(energy / samples.length > 0.01, "the tone is still there");
        Path out = dir.resolve("nan.mp4");
        Mp4Writer writer = Mp4Writer.open(out, 64, 48, 25, wav);
        try (org.bytedeco.opencv.opencv_core.Mat frame = new org.bytedeco.opencv.opencv_core.Mat(48, 64,
                org.bytedeco.opencv.global.opencv_core.CV_8UC3)) {
            for (int k = 0; k < 50; k++) {
                writer.write(frame);
            }
            writer.finish();
        } finally {
            writer.abort();
        }
        assertEquals(2.0, MediaFixtures.stream(MediaFixtures.probe(out), "audio").path("duration").asDouble(), 0.05);
    }

    /** A mono 32-bit float WAV: a 220 Hz tone at 0.3, with a NaN every 5000 samples and an infinity every 7000. */
    static Path floatWavWithInvalidSamples(Path file, int rate, double seconds) throws IOException {
        int n = (int) (rate * seconds);
        java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + 4 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + 4 * n).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 3).putShort((short) 1).putInt(rate).putInt(4 * rate)
                .putShort((short) 4).putShort((short) 32);
        wav.put("data".getBytes()).putInt(4 * n);
        for (int i = 0; i < n; i++) {
            float v = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / rate));
            wav.putFloat(i % 5000 == 7 ? Float.NaN : i % 7000 == 9 ? Float.POSITIVE_INFINITY : v);
        }
        return java.nio.file.Files.write(file, wav.array());
    }

    @Test
    void rejectsFilesThatAreNotAudio() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.wav"), "RIFF? no.\n".repeat(50));
        Path empty = Files.createFile(dir.resolve("empty.mp3"));
        for (Path bad : List.of(text, empty, dir.resolve("missing.m4a"))) {
            LipSyncException e = assertThrows(LipSyncException.class, () -> AudioSamples.readNewAudio(bad));
            assertEquals(Reason.AUDIO_UNREADABLE, e.reason(), bad.toString());
            assertEquals("audio file is not a valid audio file", e.getMessage());
        }
    }

    @Test
    void rejectsADubTooShortToRenderAMouthFor() throws Exception {
        Path blip = MediaFixtures.sine(dir, "blip.wav", 0.01, 440, 16000, 1);
        LipSyncException e = assertThrows(LipSyncException.class, () -> AudioSamples.readNewAudio(blip));
        assertEquals(Reason.AUDIO_UNREADABLE, e.reason());
        assertEquals("audio file is too short to lip-sync (under 0.04 s)", e.getMessage());
        assertEquals(0.04, AudioSamples.seconds(AudioSamples.readNewAudio(
                MediaFixtures.sine(dir, "frame.wav", 0.04, 440, 16000, 1))), 1e-3, "one frame's worth is enough");
    }

    @Test
    void saysAnM4aCutBeforeItsIndexIsTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(dir.resolve("tone.m4a")); // index last, as FFmpeg writes it by default
        Path cut = Files.write(dir.resolve("cut.m4a"), java.util.Arrays.copyOf(whole, whole.length / 2));
        LipSyncException e = assertThrows(LipSyncException.class, () -> AudioSamples.readNewAudio(cut));
        assertEquals(Reason.AUDIO_UNREADABLE, e.reason());
        assertEquals("audio file is truncated (an incomplete upload or copy)", e.getMessage());
    }

    @Test
    void rejectsAVideoWithoutSoundAsAudio() {
        Path silent = MediaFixtures.testVideo(dir, "mute.mp4", 0.2, false, "-c:v", "libx264", "-preset",
                "ultrafast");
        LipSyncException e = assertThrows(LipSyncException.class, () -> AudioSamples.readNewAudio(silent));
        assertEquals(Reason.NO_AUDIO_STREAM, e.reason());
        assertEquals("audio file has no audio track", e.getMessage());
    }

    @Test
    void readsSharedSpeech() throws Exception {
        float[] speech = AudioSamples.readNewAudio(MediaFixtures.sharedMedia("audio/en_male_1.wav"));
        assertTrue(AudioSamples.seconds(speech) > 5, "seconds " + AudioSamples.seconds(speech));
    }
}
