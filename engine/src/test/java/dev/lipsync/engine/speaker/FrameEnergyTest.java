package dev.lipsync.engine.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameEnergyTest {
    @Test
    void sineAtHalfScaleIsMinusNineDecibelsAndSilenceIsTheFloor() {
        int rate = 16000;
        float[] audio = new float[rate]; // 1 s: sine for the first half, zeros after
        for (int i = 0; i < rate / 2; i++) {
            audio[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / rate));
        }
        double[] e = FrameEnergy.logEnergy(audio, rate, 25, 30); // 30 frames = 1.2 s
        assertEquals(10 * Math.log10(0.125), e[3], 0.01);
        assertEquals(FrameEnergy.SILENT_DB, e[20], 1e-9);
        assertEquals(FrameEnergy.SILENT_DB, e[27], 1e-9); // past the end of the audio
    }

    static float[] sine(double hz, int rate, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return a;
    }

    @Test
    void speechBandPassesTwoKilohertzAndDampsLowAndHighTones() {
        int rate = 16000;
        double full = 10 * Math.log10(0.125);
        assertEquals(full, FrameEnergy.speechBand(sine(2000, rate, rate), rate, 25, 25)[12], 0.1);
        assertTrue(FrameEnergy.speechBand(sine(150, rate, rate), rate, 25, 25)[12] < full - 20);
        assertTrue(FrameEnergy.speechBand(sine(7000, rate, rate), rate, 25, 25)[12] < full - 8);
    }
}
