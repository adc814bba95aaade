package dev.lipsync.engine.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Voicing strength: the highest normalised autocorrelation at pitch lags (60–500 Hz) of a
 * 40 ms Hann-windowed frame, divided by the window's own autocorrelation (Boersma 1993).
 * Near 1 for voiced speech (vowels, nasals), low for noise and fricatives, 0 for silence.
 */
public final class Voicing {
    static final int WINDOW = 640;
    static final int FFT = 2048;
    static final int MIN_LAG = AnalysisFrames.SAMPLE_RATE / 500;
    static final int MAX_LAG = AnalysisFrames.SAMPLE_RATE / 60;

    private Voicing() {
    }

    public static double[] at100Hz(float[] audio) {
        int n = AnalysisFrames.count(audio.length);
        double[] window = AnalysisFrames.hann(WINDOW);
        DoubleFFT_1D fft = new DoubleFFT_1D(FFT);
        double[] windowAc = autocorrelation(window.clone(), fft);
        double[] buf = new double[FFT];
        double[] out = new double[n];
        double[] frame = new double[WINDOW];
        for (int j = 0; j < n; j++) {
            AnalysisFrames.windowed(audio, j, window, frame);
            double mean = 0;
            for (double v : frame) {
                mean += v;
            }
            mean /= WINDOW;
            java.util.Arrays.fill(buf, 0);
            for (int i = 0; i < WINDOW; i++) {
                buf[i] = frame[i] - mean * window[i];
            }
            double[] ac = autocorrelationInPlace(buf, fft);
            if (ac[0] < 1e-9) {
                continue;
            }
            double best = 0;
            for (int lag = MIN_LAG; lag <= MAX_LAG; lag++) {
                double r = (ac[lag] / ac[0]) / (windowAc[lag] / windowAc[0]);
                best = Math.max(best, r);
            }
            out[j] = Math.min(1.0, best);
        }
        return out;
    }

    private static double[] autocorrelation(double[] x, DoubleFFT_1D fft) {
        double[] buf = new double[FFT];
        System.arraycopy(x, 0, buf, 0, x.length);
        return autocorrelationInPlace(buf, fft);
    }

    /** Autocorrelation (lags 0..FFT/2) of a zero-padded buffer via |FFT|^2; overwrites it. */
    private static double[] autocorrelationInPlace(double[] buf, DoubleFFT_1D fft) {
        fft.realForward(buf);
        int half = FFT / 2;
        buf[0] = buf[0] * buf[0];
        buf[1] = buf[1] * buf[1];
        for (int k = 1; k < half; k++) {
            double re = buf[2 * k], im = buf[2 * k + 1];
            buf[2 * k] = re * re + im * im;
            buf[2 * k + 1] = 0;
        }
        fft.realInverse(buf, true);
        return buf;
    }
}
