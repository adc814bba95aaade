package dev.lipsync.engine.bench;

import dev.lipsync.engine.media.AudioSamples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * A dub under a steady background, as a full mix brings it: brown noise (white noise through
 * a one-pole low-pass, most of its power below 1 kHz, like traffic, wind or a room) a given
 * number of dB below the dub's power, for the quality bench's noisy-dub row.
 */
final class NoiseBed {
    /** The low-pass's pole: -3 dB at about 80 Hz at 16 kHz. */
    static final double POLE = 0.97;

    private NoiseBed() {
    }

    /** {@code speech} plus brown noise whose power is {@code belowDb} under the speech's (whole clip), clipped to ±1. */
    static float[] under(float[] speech, double belowDb, long seed) {
        Random random = new Random(seed);
        double[] noise = new double[speech.length];
        double state = 0, power = 0;
        for (int i = 0; i < noise.length; i++) {
            state = POLE * state + random.nextGaussian();
            noise[i] = state;
            power += state * state;
        }
        double noiseRms = Math.sqrt(power / Math.max(1, noise.length));
        double scale = rms(speech) / Math.max(1e-12, noiseRms) * Math.pow(10, -belowDb / 20);
        float[] out = new float[speech.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.max(-1, Math.min(1, speech[i] + scale * noise[i]));
        }
        return out;
    }

    static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / Math.max(1, x.length));
    }

    /** 16-bit mono WAV at the engine's 16 kHz (full scale 32768, as FFmpeg reads it back). */
    static void writeWav(Path file, float[] samples) throws IOException {
        ByteBuffer pcm = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : samples) {
            pcm.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32768.0))));
        }
        AudioFormat format = new AudioFormat(AudioSamples.SAMPLE_RATE, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
