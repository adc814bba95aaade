/**
 * Stage 4: the 68 face landmarks. {@link dev.lipsync.engine.landmarks.ShapePredictor} reads
 * dlib's {@code shape_predictor_68_face_landmarks.dat} (Debian {@code libdlib-data}) and
 * evaluates it in plain Java, matching C++ dlib point for point given the same box;
 * {@link dev.lipsync.engine.landmarks.BoxRefit} turns points back into the box the model
 * expects; {@link dev.lipsync.engine.landmarks.LandmarkSmoother} smooths them over time.
 *
 * <p>Licence: Debian ships the model as CC0, but dlib's model page notes that its training
 * data (iBUG 300-W) does not allow commercial use.
 */
package dev.lipsync.engine.landmarks;
