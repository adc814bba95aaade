package dev.lipsync.engine.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
