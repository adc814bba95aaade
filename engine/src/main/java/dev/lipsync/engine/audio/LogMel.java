package dev.lipsync.engine.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/** Log mel-band energies (natural log), 25 ms Hann windows, 512-point FFT, 0–8 kHz. */
public final class LogMel {
    public static final int BANDS = 26;
    static final int FFT = 512;
    /** Bands are floored this far (in nats, ≈ 35 dB) below their loud level in the clip. */
    static final double DYNAMIC_RANGE = 8.0;

    private LogMel() {
    }

    /** Raw log mel energies, {@code [frame][band]}, at 100 Hz. */
    public static double[][] at100Hz(float[] audio) {
        return at100Hz(audio, 1.0);
    }

    /**
     * As {@link #at100Hz(float[])}, with the bands placed for a voice whose formants lie
     * {@code vocalTractScale} times as high as the reference voice's ({@link VocalTractScale}).
     */
    public static double[][] at100Hz(float[] audio, double vocalTractScale) {
        int n = AnalysisFrames.count(audio.length);
        double[] window = AnalysisFrames.hann(LogEnergy.WINDOW);
        double[][] filters = filterBank(BANDS, FFT, AnalysisFrames.SAMPLE_RATE, vocalTractScale);
        int[] first = new int[BANDS], last = new int[BANDS];
        for (int b = 0; b < BANDS; b++) {
            first[b] = nonZeroFrom(filters[b]);
            last[b] = nonZeroTo(filters[b]);
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(FFT);
        double[] buf = new double[FFT];
        double[] power = new double[FFT / 2 + 1];
        double[][] out = new double[n][BANDS];
        for (int j = 0; j < n; j++) {
            AnalysisFrames.windowed(audio, j, window, buf);
            fft.realForward(buf);
            powerSpectrum(buf, power);
            for (int b = 0; b < BANDS; b++) {
                double e = 0;
                double[] f = filters[b];
                // only the band's own bins: the zero weights elsewhere add exactly nothing
                for (int k = first[b]; k <= last[b]; k++) {
                    e += f[k] * power[k];
                }
                out[j][b] = Math.log(e + 1e-10);
            }
        }
        return out;
    }

    /** The first non-zero weight of {@code filter} (its length if none). */
    static int nonZeroFrom(double[] filter) {
        int k = 0;
        while (k < filter.length && filter[k] == 0) {
            k++;
        }
        return k;
    }

    /** The last non-zero weight of {@code filter} (-1 if none). */
    static int nonZeroTo(double[] filter) {
        int k = filter.length - 1;
        while (k >= 0 && filter[k] == 0) {
            k--;
        }
        return k;
    }

    /**
     * Per-clip normalisation: each band is floored {@link #DYNAMIC_RANGE} below its 95th
     * percentile (so digital silence does not dominate), then z-scored over the speech frames
     * (all frames if there are too few) and clamped to ±4. Removes channel, level and much
     * of the speaker's timbre.
     */
    public static double[][] normalisePerClip(double[][] logMel, boolean[] speech) {
        int n = logMel.length;
        double[][] out = new double[n][BANDS];
        double[] band = new double[n];
        for (int b = 0; b < BANDS; b++) {
            for (int j = 0; j < n; j++) {
                band[j] = logMel[j][b];
            }
            double floor = ClipStatistics.quantile(band, 0.95) - DYNAMIC_RANGE;
            for (int j = 0; j < n; j++) {
                band[j] = Math.max(band[j], floor);
            }
            double[] z = ClipStatistics.zScores(band, speech, 20, 4.0);
            for (int j = 0; j < n; j++) {
                out[j][b] = z[j];
            }
        }
        return out;
    }

    /** |X|^2 of a JTransforms realForward result. */
    static void powerSpectrum(double[] fftOut, double[] power) {
        int half = fftOut.length / 2;
        power[0] = fftOut[0] * fftOut[0];
        power[half] = fftOut[1] * fftOut[1];
        for (int k = 1; k < half; k++) {
            double re = fftOut[2 * k], im = fftOut[2 * k + 1];
            power[k] = re * re + im * im;
        }
    }

    /**
     * Triangular filters equally spaced on the mel scale from 0 Hz to Nyquist, for the reference
     * voice; for another {@code vocalTractScale}, each edge moved by {@link VocalTractScale#warp}.
     */
    static double[][] filterBank(int bands, int fftSize, int sampleRate, double vocalTractScale) {
        int bins = fftSize / 2 + 1;
        double nyquist = sampleRate / 2.0;
        double maxMel = mel(nyquist);
        double[] edges = new double[bands + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = VocalTractScale.warp(hz(maxMel * i / (bands + 1)), vocalTractScale, nyquist);
        }
        double[][] filters = new double[bands][bins];
        for (int b = 0; b < bands; b++) {
            double lo = edges[b], mid = edges[b + 1], hi = edges[b + 2];
            for (int k = 0; k < bins; k++) {
                double f = (double) k * sampleRate / fftSize;
                if (f > lo && f < hi) {
                    filters[b][k] = f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
                }
            }
        }
        return filters;
    }

    static double mel(double hz) {
        return 2595.0 * Math.log10(1 + hz / 700.0);
    }

    static double hz(double mel) {
        return 700.0 * (Math.pow(10, mel / 2595.0) - 1);
    }
}
