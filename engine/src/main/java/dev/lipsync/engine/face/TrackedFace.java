package dev.lipsync.engine.face;

import dev.lipsync.engine.landmarks.FaceBox;
import dev.lipsync.engine.landmarks.Landmarks;

/**
 * One face in one frame.
 *
 * @param trackId stable while the same face is followed; new ids after a shot cut or a lost face
 * @param box the dlib-style box the landmarks were predicted from (re-fitted from the points)
 * @param landmarks the 68 points smoothed over time (One-Euro), for rendering
 * @param rawLandmarks the 68 points as predicted in this frame, for measuring fast movement
 */
public record TrackedFace(int trackId, FaceBox box, Landmarks landmarks, Landmarks rawLandmarks) {
}
