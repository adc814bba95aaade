/**
 * Stage 2: shot cuts. {@link dev.lipsync.engine.shots.ShotCutDetector#isCut} is fed each
 * frame's {@link dev.lipsync.engine.shots.FrameSignature} in order and says where a new shot
 * starts; tracks and per-shot decisions reset there.
 */
package dev.lipsync.engine.shots;
