/**
 * Stage 3: finding and following faces. {@link dev.lipsync.engine.face.FaceTracker#process}
 * is called once per frame in order and returns the usable faces with stable track ids;
 * detection is an OpenCV LBP cascade, tracking re-predicts landmarks from the previous ones.
 */
package dev.lipsync.engine.face;
