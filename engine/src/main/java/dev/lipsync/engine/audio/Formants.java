package dev.lipsync.engine.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * First and second formant frequencies from linear prediction: pre-emphasis, 25 ms Hamming
 * window, autocorrelation LPC (Levinson–Durbin), and the peaks of the LPC envelope 1/|A(f)|.
 * F1 and F2 track jaw opening and tongue front/back; in raw Hz they depend on the speaker
 * (vocal-tract length), hence {@link #lobanov}.
 */
public final class Formants {
    static final int ORDER = 16;
    static final int WINDOW = 400;
    static final int ENVELOPE_FFT = 1024;
    static final double F1_MIN = 150, F1_MAX = 1100, F2_MAX = 3200, MIN_SEPARATION = 150;
    /** A formant peak rises at least 3 dB (0.69 in natural-log power) above the envelope ±300 Hz away. */
    static final double MIN_PROMINENCE = 0.69, PROMINENCE_SPAN_HZ = 300;

    private Formants() {
    }

    /** {@code [frame][0]} = F1 Hz, {@code [frame][1]} = F2 Hz at 100 Hz; NaN where not found. */
    public static double[][] at100Hz(float[] audio) {
        int n = AnalysisFrames.count(audio.length);
        double[] window = new double[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            window[i] = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (WINDOW - 1));
        }
        float[] emphasised = new float[audio.length];
        for (int i = 0; i < audio.length; i++) {
            emphasised[i] = (float) (audio[i] - 0.97 * (i > 0 ? audio[i - 1] : 0));
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(ENVELOPE_FFT);
        double[] frame = new double[WINDOW];
        double[] buf = new double[ENVELOPE_FFT];
        double[][] out = new double[n][];
        for (int j = 0; j < n; j++) {
            AnalysisFrames.windowed(emphasised, j, window, frame);
            double[] a = lpc(frame, ORDER);
            out[j] = a == null ? new double[] {Double.NaN, Double.NaN} : fromLpc(a, fft, buf);
        }
        return out;
    }

    /** LPC coefficients {1, a1..ap} by autocorrelation and Levinson–Durbin; null for silence. */
    static double[] lpc(double[] x, int order) {
        double[] r = new double[order + 1];
        for (int lag = 0; lag <= order; lag++) {
            double s = 0;
            for (int i = lag; i < x.length; i++) {
                s += x[i] * x[i - lag];
            }
            r[lag] = s;
        }
        if (r[0] < 1e-10) {
            return null;
        }
        r[0] *= 1.0 + 1e-9; // tiny white-noise floor keeps the recursion stable
        double[] a = new double[order + 1];
        double[] tmp = new double[order + 1];
        a[0] = 1;
        double err = r[0];
        for (int i = 1; i <= order; i++) {
            double acc = r[i];
            for (int k = 1; k < i; k++) {
                acc += a[k] * r[i - k];
            }
            double refl = -acc / err;
            System.arraycopy(a, 0, tmp, 0, i);
            for (int k = 1; k < i; k++) {
                a[k] = tmp[k] + refl * tmp[i - k];
            }
            a[i] = refl;
            err *= 1 - refl * refl;
            if (err <= 0) {
                return null;
            }
        }
        return a;
    }

    /** F1, F2 from the peaks of the LPC envelope (parabolic interpolation between bins). */
    static double[] fromLpc(double[] a, DoubleFFT_1D fft, double[] buf) {
        java.util.Arrays.fill(buf, 0);
        System.arraycopy(a, 0, buf, 0, a.length);
        fft.realForward(buf);
        int bins = ENVELOPE_FFT / 2 + 1;
        double[] logEnv = new double[bins];
        double[] power = new double[bins];
        LogMel.powerSpectrum(buf, power);
        for (int k = 0; k < bins; k++) {
            logEnv[k] = -Math.log(power[k] + 1e-20);
        }
        double hzPerBin = (double) AnalysisFrames.SAMPLE_RATE / ENVELOPE_FFT;
        double f1 = Double.NaN, f2 = Double.NaN;
        for (int k = 1; k < bins - 1; k++) {
            if (logEnv[k] > logEnv[k - 1] && logEnv[k] >= logEnv[k + 1]
                    && prominence(logEnv, k, (int) Math.round(PROMINENCE_SPAN_HZ / hzPerBin)) >= MIN_PROMINENCE) {
                double denom = logEnv[k - 1] - 2 * logEnv[k] + logEnv[k + 1];
                double offset = denom == 0 ? 0 : 0.5 * (logEnv[k - 1] - logEnv[k + 1]) / denom;
                double f = (k + offset) * hzPerBin;
                if (Double.isNaN(f1)) {
                    if (f >= F1_MIN && f <= F1_MAX) {
                        f1 = f;
                    }
                } else if (f >= f1 + MIN_SEPARATION && f <= F2_MAX) {
                    f2 = f;
                    break;
                }
            }
        }
        return new double[] {f1, f2};
    }

    /** How far a peak rises above the higher of the two lowest points within {@code span} bins on either side. */
    static double prominence(double[] logEnv, int k, int span) {
        double left = logEnv[k], right = logEnv[k];
        for (int i = Math.max(0, k - span); i < k; i++) {
            left = Math.min(left, logEnv[i]);
        }
        for (int i = k + 1; i <= Math.min(logEnv.length - 1, k + span); i++) {
            right = Math.min(right, logEnv[i]);
        }
        return logEnv[k] - Math.max(left, right);
    }

    /**
     * Lobanov normalisation: each formant z-scored over the clip's speech frames (the speaker's
     * own vowel space), clamped to ±3. Frames without a formant or outside speech get 0, the
     * speaker's mean.
     */
    public static double[][] lobanov(double[][] formants, boolean[] speech) {
        int n = formants.length;
        double[][] out = new double[n][2];
        for (int f = 0; f < 2; f++) {
            double sum = 0, sumSq = 0;
            int count = 0;
            for (int j = 0; j < n; j++) {
                double v = formants[j][f];
                if (speech[j] && !Double.isNaN(v)) {
                    sum += v;
                    sumSq += v * v;
                    count++;
                }
            }
            if (count < 10) {
                continue;
            }
            double mean = sum / count;
            double sd = Math.sqrt(Math.max(sumSq / count - mean * mean, 1.0));
            for (int j = 0; j < n; j++) {
                double v = formants[j][f];
                out[j][f] = speech[j] && !Double.isNaN(v) ? Math.max(-3, Math.min(3, (v - mean) / sd)) : 0.0;
            }
        }
        return out;
    }
}
