package dev.lipsync.engine.audio;

import static dev.lipsync.engine.audio.SyntheticSpeech.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class AudioFeaturesTest {

    private static double mean(double[] x, double fromSeconds, double toSeconds) {
        int a = (int) (fromSeconds * 100), b = (int) (toSeconds * 100);
        double s = 0;
        for (int j = a; j < b; j++) {
            s += x[j];
        }
        return s / (b - a);
    }

    @Test
    void logEnergyOfFullScaleSineIsMinusThreeDecibels() {
        double[] e = LogEnergy.at100Hz(tone(0.5, 440, 1.0));
        assertEquals(51, e.length);
        assertEquals(-3.01, e[25], 0.1);
        assertEquals(-23.01, LogEnergy.at100Hz(tone(0.5, 440, 0.1))[25], 0.1);
        assertEquals(-100.0, LogEnergy.at100Hz(silence(0.5))[25], 1e-9);
    }

    @Test
    void melBandsSpanOnlyTheirNonZeroWeights() {
        assertEquals(2, LogMel.nonZeroFrom(new double[] {0, 0, 0.5, 0, 1, 0}));
        assertEquals(4, LogMel.nonZeroTo(new double[] {0, 0, 0.5, 0, 1, 0}));
        assertEquals(3, LogMel.nonZeroFrom(new double[3]));
        assertEquals(-1, LogMel.nonZeroTo(new double[3]));
        // 16 kHz, 512-point FFT (31.25 Hz a bin): the lowest band runs from 0 Hz (weight 0)
        // over its peak at 68 Hz to 144 Hz, bins 1 to 4; every band has weights.
        double[][] bank = LogMel.filterBank(LogMel.BANDS, LogMel.FFT, AnalysisFrames.SAMPLE_RATE, 1.0);
        assertEquals(1, LogMel.nonZeroFrom(bank[0]));
        assertEquals(4, LogMel.nonZeroTo(bank[0]));
        for (double[] band : bank) {
            assertTrue(LogMel.nonZeroFrom(band) <= LogMel.nonZeroTo(band));
        }
    }

    @Test
    void energyDeltaIsTheSlopeInDecibelsPerFrame() {
        double[] ramp = new double[20];
        for (int j = 0; j < 20; j++) {
            ramp[j] = 2.0 * j;
        }
        assertEquals(2.0, LogEnergy.delta(ramp)[10], 1e-9);
    }

    @Test
    void formantsOfAVowelAt700And1200HzAreFoundThere() {
        double[][] f = Formants.at100Hz(vowel(0.5, 120, 0.5, 700, 1200));
        double f1 = 0, f2 = 0;
        int n = 0;
        for (int j = 10; j < 40; j++) {
            f1 += f[j][0];
            f2 += f[j][1];
            n++;
        }
        assertEquals(700, f1 / n, 60);
        assertEquals(1200, f2 / n, 80);
    }

    @Test
    void formantsOfAnOpenAndAClosedVowelDifferAsExpected() {
        // /a/-like (F1 high) vs /i/-like (F1 low, F2 high)
        double[][] a = Formants.at100Hz(vowel(0.4, 150, 0.5, 750, 1250, 2600));
        double[][] i = Formants.at100Hz(vowel(0.4, 150, 0.5, 280, 2250, 3000));
        assertEquals(750, a[20][0], 70);
        assertEquals(280, i[20][0], 60);
        assertEquals(2250, i[20][1], 150);
    }

    @Test
    void lobanovRemovesTheSpeakersFormantScale() {
        // The same two vowels from a "long" and a "short" vocal tract (formants ×1.2) give the same z-scores.
        float[] speakerA = concat(vowel(0.3, 120, 0.5, 700, 1200), vowel(0.3, 120, 0.5, 300, 2200));
        float[] speakerB = concat(vowel(0.3, 220, 0.5, 840, 1440), vowel(0.3, 220, 0.5, 360, 2640));
        double[][] za = Formants.lobanov(Formants.at100Hz(speakerA), SpeechFeatures.analyse(speakerA).speech());
        double[][] zb = Formants.lobanov(Formants.at100Hz(speakerB), SpeechFeatures.analyse(speakerB).speech());
        assertTrue(za[15][0] > 0.7 && zb[15][0] > 0.7, "open vowel has high F1 z: " + za[15][0] + ", " + zb[15][0]);
        assertTrue(za[45][0] < -0.7 && zb[45][0] < -0.7, "close vowel has low F1 z");
        assertEquals(za[15][0], zb[15][0], 0.3);
        assertEquals(za[45][1], zb[45][1], 0.3);
    }

    @Test
    void voicingIsHighForAPulseTrainAndLowForNoise() {
        double[] voiced = Voicing.at100Hz(vowel(0.5, 130, 0.5, 600, 1100));
        double[] noisy = Voicing.at100Hz(noise(0.5, 0.1, 1));
        double[] silent = Voicing.at100Hz(silence(0.5));
        assertTrue(mean(voiced, 0.1, 0.4) > 0.8, "voiced " + mean(voiced, 0.1, 0.4));
        assertTrue(mean(noisy, 0.1, 0.4) < 0.35, "noise " + mean(noisy, 0.1, 0.4));
        assertEquals(0.0, mean(silent, 0.1, 0.4), 1e-9);
    }

    @Test
    void voiceActivityIsOffInSilenceAndOnInSpeechWhateverTheLevel() {
        for (double level : new double[] {0.5, 0.02}) {
            float[] audio = mix(concat(silence(0.5), vowel(0.6, 140, level, 700, 1200), silence(0.5)),
                    noise(1.6, level * 0.003, 2));
            boolean[] vad = SpeechFeatures.analyse(audio).speech();
            for (int j = 5; j < 45; j++) {
                assertFalse(vad[j], "silence at frame " + j + ", level " + level);
            }
            for (int j = 55; j < 105; j++) {
                assertTrue(vad[j], "speech at frame " + j + ", level " + level);
            }
            for (int j = 115; j < 155; j++) {
                assertFalse(vad[j], "silence at frame " + j + ", level " + level);
            }
        }
        boolean[] allSilent = SpeechFeatures.analyse(noise(1.0, 1e-4, 3)).speech();
        for (boolean b : allSilent) {
            assertFalse(b, "quiet noise alone is not speech");
        }
    }

    /** Syllables of 0.3 s with pauses of 0.3 s, 4.8 s in all, under {@code noise} (or none). */
    private static float[] syllablesUnder(float[] noise) {
        float[] speech = new float[0];
        for (int k = 0; k < 8; k++) {
            speech = concat(speech, vowel(0.3, 140, 0.5, k % 2 == 0 ? 700 : 300, k % 2 == 0 ? 1200 : 2200), silence(0.3));
        }
        return noise == null ? speech : mix(speech, noise);
    }

    private static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v * v;
        }
        return Math.sqrt(s / x.length);
    }

    @Test
    void voiceActivityFindsThePausesUnderASteadyNoiseAndNoSpeechInTheNoiseAlone() {
        // noise 6 dB under the speech's power: its level alone no longer tells the pauses
        double noiseRms = rms(syllablesUnder(null)) / 2;
        float[] noise = noise(4.8, noiseRms, 5);
        boolean[] vad = SpeechFeatures.analyse(syllablesUnder(noise)).speech();
        for (int k = 0; k < 8; k++) {
            int syllable = k * 60, pause = syllable + 30;
            for (int j = syllable + 8; j < syllable + 22; j++) {
                assertTrue(vad[j], "speech at frame " + j);
            }
            for (int j = pause + 8; j < pause + 22; j++) {
                assertFalse(vad[j], "pause at frame " + j);
            }
        }
        boolean[] noiseAlone = SpeechFeatures.analyse(noise).speech();
        for (int j = 0; j < noiseAlone.length; j++) {
            assertFalse(noiseAlone[j], "the noise alone is not speech, frame " + j);
        }
    }

    @Test
    void aBurstAfterAShortSilenceIsAClosureCue() {
        // vowel, 80 ms stop closure, release into a vowel: /aba/-like energy pattern
        float[] audio = concat(vowel(0.3, 120, 0.5, 700, 1200), silence(0.08), vowel(0.3, 120, 0.5, 700, 1200));
        double[] e = LogEnergy.at100Hz(audio);
        double[] burst = ClosureCues.burst(e);
        double[] closure = ClosureCues.closure(e);
        int onset = 38; // 0.38 s
        double maxBurst = 0;
        for (int j = onset - 2; j <= onset + 2; j++) {
            maxBurst = Math.max(maxBurst, burst[j]);
        }
        assertTrue(maxBurst > 20, "burst at the release: " + maxBurst);
        assertTrue(burst[20] < 1 && burst[55] < 1, "no burst inside the vowels");
        assertEquals(1.0, closure[34]);
        assertEquals(0.0, closure[20]);
        assertEquals(0.0, closure[55]);
    }

    @Test
    void aToneBurstAfterLongSilenceMarksTheFramesJustBeforeItAsClosure() {
        float[] audio = concat(silence(0.5), tone(0.2, 300, 0.3), silence(0.3));
        double[] e = LogEnergy.at100Hz(audio);
        double[] closure = ClosureCues.closure(e);
        assertEquals(1.0, closure[45]);
        assertEquals(0.0, closure[10], "only up to 250 ms before the burst");
        assertTrue(ClosureCues.burst(e)[50] > 20);
    }

    @Test
    void logMelPutsAToneInTheRightBandAndNormalisesPerClip() {
        double[][] mel = LogMel.at100Hz(tone(0.5, 1000, 0.5));
        int best = 0;
        for (int b = 1; b < LogMel.BANDS; b++) {
            if (mel[25][b] > mel[25][best]) {
                best = b;
            }
        }
        double[][] filters = LogMel.filterBank(LogMel.BANDS, LogMel.FFT, 16000, 1.0);
        int peakBin = 0;
        for (int k = 0; k < filters[best].length; k++) {
            if (filters[best][k] > filters[best][peakBin]) {
                peakBin = k;
            }
        }
        assertEquals(1000, peakBin * 16000.0 / LogMel.FFT, 120, "band centre near 1 kHz");

        // Same signal at two levels: identical after per-clip normalisation.
        float[] speech = concat(vowel(0.3, 120, 0.5, 700, 1200), vowel(0.3, 120, 0.5, 300, 2200));
        float[] quiet = new float[speech.length];
        for (int i = 0; i < speech.length; i++) {
            quiet[i] = speech[i] * 0.05f;
        }
        boolean[] all = new boolean[AnalysisFrames.count(speech.length)];
        java.util.Arrays.fill(all, true);
        double[][] a = LogMel.normalisePerClip(LogMel.at100Hz(speech), all);
        double[][] b = LogMel.normalisePerClip(LogMel.at100Hz(quiet), all);
        assertEquals(a[15][5], b[15][5], 1e-3);
        assertEquals(a[45][20], b[45][20], 1e-3);
    }

    @Test
    void framesAreSampledAtVideoFrameCentres() {
        double[] track = new double[101];
        for (int j = 0; j <= 100; j++) {
            track[j] = j * 0.01; // the time itself
        }
        double[] at25 = FrameSampler.atFrames(track, 25, 25);
        assertEquals(0.02, at25[0], 1e-9);
        assertEquals(0.98, at25[24], 1e-9);
        double[] at2997 = FrameSampler.atFrames(track, 30000.0 / 1001, 3);
        assertEquals(2.5 * 1001 / 30000.0, at2997[2], 1e-9);
        assertEquals(25, FrameSampler.videoFrames(16000, 25));
        assertEquals(30, FrameSampler.videoFrames(16000, 30000.0 / 1001));
    }
}
