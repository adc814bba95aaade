package dev.lipsync.engine;

/**
 * Per-run choices.
 *
 * @param maxFace      re-render the largest face in each frame instead of the active speaker
 * @param debugOverlay draw face boxes, landmarks and the speaker choice into the output
 */
public record Options(boolean maxFace, boolean debugOverlay) {
    public static Options defaults() {
        return new Options(false, false);
    }
}
