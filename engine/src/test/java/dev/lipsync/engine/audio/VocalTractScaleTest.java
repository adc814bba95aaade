package dev.lipsync.engine.audio;

import static dev.lipsync.engine.audio.SyntheticSpeech.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VocalTractScaleTest {
    private static final double NYQUIST = 8000;

    /** {@code frames} frames of speech, all voiced, each with these formants. */
    private static double[][] formants(int frames, double f1, double f2) {
        double[][] f = new double[frames][];
        Arrays.setAll(f, j -> new double[] {f1, f2});
        return f;
    }

    private static boolean[] all(int frames, boolean value) {
        boolean[] b = new boolean[frames];
        Arrays.fill(b, value);
        return b;
    }

    private static double[] filled(int frames, double value) {
        double[] v = new double[frames];
        Arrays.fill(v, value);
        return v;
    }

    @Test
    void theScaleIsTheGeometricMeanOfTheMedianFormantsOverTheReference() {
        // sqrt(445 × 1780) = 890: the reference voice
        assertEquals(1.0, VocalTractScale.estimate(formants(100, 445, 1780), all(100, true), filled(100, 0.9)), 1e-12);
        assertEquals(1.2, VocalTractScale.estimate(formants(100, 1.2 * 445, 1.2 * 1780), all(100, true), filled(100, 0.9)),
                1e-12);
        // medians: a third of the frames far off does not move it
        double[][] f = formants(90, 445, 1780);
        for (int j = 0; j < 30; j++) {
            f[j] = new double[] {1000, 3000};
        }
        assertEquals(1.0, VocalTractScale.estimate(f, all(90, true), filled(90, 0.9)), 1e-12);
    }

    @Test
    void onlyVoicedSpeechWithBothFormantsCounts() {
        // 80 good frames at 1.2 and, for each reason in turn, 120 frames at 0.9 that must be
        // ignored: were that one check missing, the median would be theirs
        for (int reason = 0; reason < 4; reason++) {
            int n = 200;
            double[][] f = formants(n, 1.2 * 445, 1.2 * 1780);
            boolean[] speech = all(n, true);
            double[] voicing = filled(n, 0.9);
            for (int j = 0; j < 120; j++) {
                f[j] = new double[] {0.9 * 445, 0.9 * 1780};
                switch (reason) {
                    case 0 -> speech[j] = false;
                    case 1 -> voicing[j] = 0.3;
                    case 2 -> f[j][0] = Double.NaN;
                    default -> f[j][1] = Double.POSITIVE_INFINITY;
                }
            }
            assertEquals(1.2, VocalTractScale.estimate(f, speech, voicing), 1e-12, "reason " + reason);
        }
    }

    @Test
    void tooLittleVoicedSpeechOrAWildEstimateGivesNoOrABoundedScale() {
        int few = VocalTractScale.MIN_FRAMES - 1;
        assertEquals(1.0, VocalTractScale.estimate(formants(few, 600, 2400), all(few, true), filled(few, 0.9)));
        assertEquals(1.0, VocalTractScale.estimate(formants(100, 600, 2400), all(100, false), filled(100, 0.9)));
        assertEquals(1.0, VocalTractScale.estimate(new double[0][], new boolean[0], new double[0]));
        assertEquals(VocalTractScale.MAX, VocalTractScale.estimate(formants(100, 900, 3000), all(100, true), filled(100, 0.9)));
        assertEquals(VocalTractScale.MIN, VocalTractScale.estimate(formants(100, 200, 900), all(100, true), filled(100, 0.9)));
    }

    @Test
    void theWarpScalesUpToItsKneeThenMeetsNyquist() {
        assertEquals(1234.5, VocalTractScale.warp(1234.5, 1.0, NYQUIST));
        assertEquals(7999.0, VocalTractScale.warp(7999.0, 1.0, NYQUIST));
        for (double scale : new double[] {0.8, 0.9, 1.1, 1.3}) {
            double knee = 0.75 * NYQUIST / Math.max(scale, 1);
            assertEquals(scale * 1000, VocalTractScale.warp(1000, scale, NYQUIST), 1e-9);
            assertEquals(scale * knee, VocalTractScale.warp(knee, scale, NYQUIST), 1e-9);
            assertEquals(scale * knee, VocalTractScale.warp(knee + 1e-9, scale, NYQUIST), 1e-6); // continuous
            assertEquals(NYQUIST, VocalTractScale.warp(NYQUIST, scale, NYQUIST), 1e-9);
            assertEquals(0, VocalTractScale.warp(0, scale, NYQUIST));
            double last = -1;
            for (double hz = 0; hz <= NYQUIST; hz += 50) {
                double w = VocalTractScale.warp(hz, scale, NYQUIST);
                assertTrue(w > last, "increasing at " + hz + " Hz, scale " + scale);
                last = w;
            }
        }
    }

    @Test
    void warpedBandsStillCoverTheWholeSpectrum() {
        for (double scale : new double[] {VocalTractScale.MIN, VocalTractScale.MAX}) {
            double[][] bank = LogMel.filterBank(LogMel.BANDS, LogMel.FFT, AnalysisFrames.SAMPLE_RATE, scale);
            for (double[] band : bank) {
                assertTrue(LogMel.nonZeroFrom(band) <= LogMel.nonZeroTo(band), "a band with no weights at scale " + scale);
            }
            assertTrue(LogMel.nonZeroTo(bank[LogMel.BANDS - 1]) >= LogMel.FFT / 2 - 8, "the top band reaches Nyquist");
        }
    }

    /** Vowels with these formants (Hz), 0.3 s each at a pitch, with short pauses. */
    private static float[] vowels(double pitch, double factor) {
        double[][] formants = {{730, 1090}, {270, 2290}, {300, 870}, {530, 1840}, {640, 1190}, {490, 1350}};
        float[][] parts = new float[formants.length * 2][];
        for (int i = 0; i < formants.length; i++) {
            parts[2 * i] = vowel(0.3, pitch, 0.3, factor * formants[i][0], factor * formants[i][1], factor * 2500);
            parts[2 * i + 1] = silence(0.1);
        }
        return concat(concat(parts), concat(parts));
    }

    @Test
    void aVoiceWithEveryResonanceTwentyPercentHigherIsFoundSoAndBroughtBack() {
        float[] low = vowels(110, 1.0), high = vowels(220, 1.2);
        SpeechFeatures lowFeatures = SpeechFeatures.analyse(low), highFeatures = SpeechFeatures.analyse(high);
        double lowScale = scaleOf(low), highScale = scaleOf(high);
        // LPC formants of a high voice lean towards its harmonics: found 1.12 here, 1.20 for a
        // real voice shifted by 1.26 (sox)
        double found = highScale / lowScale;
        assertTrue(found > 1.08 && found < 1.3, "found " + found);
        // The two voices' bands, each placed for its voice, match better than plain bands do.
        double[][] lowPlain = SpeechFeatures.analyse(low, false).logMelNorm();
        double[][] highPlain = SpeechFeatures.analyse(high, false).logMelNorm();
        double warpedDistance = distance(lowFeatures.logMelNorm(), highFeatures.logMelNorm(), lowFeatures.speech());
        double plainDistance = distance(lowPlain, highPlain, lowFeatures.speech());
        assertTrue(warpedDistance < 0.8 * plainDistance, "warped " + warpedDistance + ", plain " + plainDistance);
    }

    private static double scaleOf(float[] audio) {
        SpeechFeatures f = SpeechFeatures.analyse(audio);
        return VocalTractScale.estimate(Formants.at100Hz(audio), f.speech(), f.voicing());
    }

    /** RMS difference of two band tracks over frames that are speech in {@code speech}. */
    private static double distance(double[][] a, double[][] b, boolean[] speech) {
        double sum = 0;
        int n = 0;
        for (int j = 0; j < Math.min(a.length, b.length); j++) {
            if (speech[j]) {
                for (int k = 0; k < a[j].length; k++) {
                    sum += (a[j][k] - b[j][k]) * (a[j][k] - b[j][k]);
                    n++;
                }
            }
        }
        return Math.sqrt(sum / n);
    }
}
