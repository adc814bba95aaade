/**
 * Mouth shape: how it is measured from landmarks ({@link dev.lipsync.engine.mouth.MouthShape})
 * and the target shape per output frame predicted from the new audio
 * ({@link dev.lipsync.engine.mouth.MouthTargetModel}: generic small networks for the opening
 * and the width, fitted by {@code mouth.fit.FitMouthTargetModel}, then
 * variance restored, silences closed, smoothed; mapped back onto the person's own mean and
 * spread of openings, {@link dev.lipsync.engine.mouth.OpeningRange}).
 */
package dev.lipsync.engine.mouth;
