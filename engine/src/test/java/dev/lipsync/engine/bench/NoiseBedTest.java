package dev.lipsync.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.media.AudioSamples;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseBedTest {
    static float[] tone(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        return x;
    }

    @Test
    void theNoiseLiesTheAskedDecibelsUnderTheSpeech() {
        float[] speech = tone(32000);
        float[] mixed = NoiseBed.under(speech, 6, 1);
        float[] noise = new float[speech.length];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = mixed[i] - speech[i];
        }
        assertEquals(6.0, 20 * Math.log10(NoiseBed.rms(speech) / NoiseBed.rms(noise)), 1e-3);
    }

    @Test
    void itIsMostlyLowFrequenciesAndNothingUnderSilence() {
        float[] speech = tone(32000);
        float[] bed = NoiseBed.under(speech, 0, 2);
        int sameSign = 0;
        for (int i = 2; i < bed.length; i++) {
            sameSign += Math.signum(bed[i] - speech[i]) == Math.signum(bed[i - 1] - speech[i - 1]) ? 1 : 0;
        }
        // brown noise changes sign far less often than white noise (every other sample)
        assertTrue(sameSign / (double) bed.length > 0.9, "consecutive samples agree in sign " + sameSign / (double) bed.length);
        assertEquals(0, NoiseBed.rms(NoiseBed.under(new float[1000], 6, 2)), 0); // as loud as the speech: none
    }

    @Test
    void theWavReadsBackAsTheSameSamples(@TempDir Path dir) throws Exception {
        float[] x = NoiseBed.under(tone(16000), 6, 3);
        Path wav = dir.resolve("noisy.wav");
        NoiseBed.writeWav(wav, x);
        float[] back = AudioSamples.readNewAudio(wav);
        assertEquals(x.length, back.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], back[i], 0.5 / 32768 + 1e-7, "sample " + i);
        }
    }
}
