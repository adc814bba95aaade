package dev.lipsync.engine.audio;

import java.util.Random;

/** Test signals at 16 kHz: vowel-like pulse trains through formant resonators, tones, noise. */
public final class SyntheticSpeech {
    public static final int RATE = 16_000;

    private SyntheticSpeech() {
    }

    /**
     * A glottal pulse train at {@code pitchHz} through two-pole resonators at the given formant
     * frequencies (bandwidth 80 Hz each), scaled to peak {@code amplitude}.
     */
    public static float[] vowel(double seconds, double pitchHz, double amplitude, double... formantsHz) {
        int n = (int) (seconds * RATE);
        double[] x = new double[n];
        double period = RATE / pitchHz;
        for (double t = 0; t < n; t += period) {
            x[(int) t] = 1.0;
        }
        for (double f : formantsHz) {
            double r = Math.exp(-Math.PI * 80.0 / RATE);
            double c1 = 2 * r * Math.cos(2 * Math.PI * f / RATE), c2 = -r * r;
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = x[i] + c1 * (i > 0 ? y[i - 1] : 0) + c2 * (i > 1 ? y[i - 2] : 0);
            }
            x = y;
        }
        return scale(x, amplitude);
    }

    public static float[] tone(double seconds, double hz, double amplitude) {
        float[] out = new float[(int) (seconds * RATE)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return out;
    }

    public static float[] noise(double seconds, double amplitude, long seed) {
        Random random = new Random(seed);
        float[] out = new float[(int) (seconds * RATE)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * random.nextGaussian());
        }
        return out;
    }

    public static float[] silence(double seconds) {
        return new float[(int) (seconds * RATE)];
    }

    public static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Adds {@code b} onto a copy of {@code a} (same length or shorter). */
    public static float[] mix(float[] a, float[] b) {
        float[] out = a.clone();
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            out[i] += b[i];
        }
        return out;
    }

    private static float[] scale(double[] x, double amplitude) {
        double peak = 1e-12;
        for (double v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] / peak * amplitude);
        }
        return out;
    }
}
