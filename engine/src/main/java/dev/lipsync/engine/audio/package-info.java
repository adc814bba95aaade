/**
 * Features of a speech track (16 kHz mono float) for driving the mouth: computed on a 100 Hz
 * analysis grid ({@link dev.lipsync.engine.audio.AnalysisFrames}) and sampled at video frame
 * centres ({@link dev.lipsync.engine.audio.FrameSampler}). Everything is normalised per clip
 * (level, channel, speaker) so that a dub in another language or voice gives comparable values,
 * the mel bands placed for the voice's formants ({@link dev.lipsync.engine.audio.VocalTractScale}):
 * {@link dev.lipsync.engine.audio.SpeechFeatures#analyse} bundles them.
 */
package dev.lipsync.engine.audio;
