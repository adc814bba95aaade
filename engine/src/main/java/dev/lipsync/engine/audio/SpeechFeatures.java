package dev.lipsync.engine.audio;

/**
 * All features of one audio clip on the 100 Hz analysis grid, normalised per clip (level,
 * channel and speaker removed as far as simple statistics allow). Sample them at video frame
 * times with {@link #atVideoFrames} or {@link FrameSampler}.
 *
 * @param energyDb      log energy, dBFS
 * @param speech        voice activity
 * @param energyNorm    log energy relative to the clip's loud level, in units of 10 dB, floored at −4
 * @param energyDelta   energy change, dB per 10 ms
 * @param f1z           F1, Lobanov z-score (0 outside speech)
 * @param f2z           F2, Lobanov z-score (0 outside speech)
 * @param voicing       0..1
 * @param burst         onset strength, dB
 * @param closure       1 inside an energy dip that ends in a burst
 * @param logMelNorm    {@code [frame][band]} per-clip z-scored log mel energies, the bands placed
 *                      for the voice ({@link VocalTractScale})
 */
public record SpeechFeatures(
        double[] energyDb,
        boolean[] speech,
        double[] energyNorm,
        double[] energyDelta,
        double[] f1z,
        double[] f2z,
        double[] voicing,
        double[] burst,
        double[] closure,
        double[][] logMelNorm) {

    /** The features of one clip, the model's bands placed for its voice ({@link VocalTractScale}). */
    public static SpeechFeatures analyse(float[] audio16k) {
        return analyse(audio16k, true);
    }

    /**
     * As {@link #analyse(float[])}; {@code scaledToVoice} false keeps the bands where they are
     * for every voice (how the shipped mouth model was fitted: see its README).
     */
    public static SpeechFeatures analyse(float[] audio16k, boolean scaledToVoice) {
        double[] energy = LogEnergy.at100Hz(audio16k);
        double[][] logMel = LogMel.at100Hz(audio16k);
        boolean[] speech = VoiceActivity.detect(energy, NoiseFloor.excessDb(logMel));
        double loud = ClipStatistics.quantile(energy, 0.95);
        double[] energyNorm = new double[energy.length];
        for (int j = 0; j < energy.length; j++) {
            energyNorm[j] = Math.max(-4.0, (energy[j] - loud) / 10.0);
        }
        double[][] formants = Formants.at100Hz(audio16k);
        double[][] lob = Formants.lobanov(formants, speech);
        double[] voicing = Voicing.at100Hz(audio16k);
        // Voice activity keeps the plain bands; the model's bands follow the voice's scale. The
        // scale needs the voice activity, which needs the plain bands, so the spectra are taken a
        // second time (a few tens of ms for 20 s) rather than kept (120 MB for 10 minutes).
        double scale = scaledToVoice ? VocalTractScale.estimate(formants, speech, voicing) : 1.0;
        double[][] modelMel = scale == 1.0 ? logMel : LogMel.at100Hz(audio16k, scale);
        double[] f1z = new double[energy.length];
        double[] f2z = new double[energy.length];
        for (int j = 0; j < energy.length; j++) {
            f1z[j] = lob[j][0];
            f2z[j] = lob[j][1];
        }
        return new SpeechFeatures(energy, speech, energyNorm, LogEnergy.delta(energy), f1z, f2z,
                voicing, ClosureCues.burst(energy), ClosureCues.closure(energy),
                LogMel.normalisePerClip(modelMel, speech));
    }

    public int length() {
        return energyDb.length;
    }

    /** Voice activity at each video frame centre (nearest analysis frame). */
    public boolean[] speechAtVideoFrames(double fps, int frames) {
        boolean[] out = new boolean[frames];
        for (int i = 0; i < frames; i++) {
            int j = (int) Math.round(FrameSampler.frameCentre(i, fps) * AnalysisFrames.RATE_HZ);
            out[i] = speech[Math.max(0, Math.min(speech.length - 1, j))];
        }
        return out;
    }

    /** A 100 Hz track of this clip sampled at video frame centres. */
    public static double[] atVideoFrames(double[] track100Hz, double fps, int frames) {
        return FrameSampler.atFrames(track100Hz, fps, frames);
    }
}
