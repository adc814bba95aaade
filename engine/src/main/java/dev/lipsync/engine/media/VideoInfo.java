package dev.lipsync.engine.media;

/**
 * What a probe of a video file found. Sizes are as displayed: a rotation tag (phones) is
 * applied, so {@link VideoFrames} delivers frames of exactly {@code width × height}.
 *
 * @param width              frame width in pixels, after rotation
 * @param height             frame height in pixels, after rotation
 * @param frameRate          the constant rate frames are delivered (and written) at; for
 *                           variable-rate input the nominal rate, see {@link FrameRates}
 * @param durationSeconds    the container's duration (0 when it does not say)
 * @param frameCountEstimate durationSeconds × frameRate, rounded; the real count is known
 *                           only after decoding
 * @param hasAudio           whether the file has an audio track (its own soundtrack)
 * @param rotationDegrees    clockwise rotation applied to decoded frames: 0, 90, 180 or 270
 * @param codec              the video codec's short name, e.g. "h264"
 * @param display            pixel shape and colour description, after rotation, for the output to keep
 * @param indexedEndSeconds  where the video track ends on the file's timeline as an MP4/MOV index
 *                           (written before the media data, as in a faststart file) says; 0 for
 *                           other containers, whose durations are estimates: a video that decodes
 *                           to well short of it was cut short after its index
 */
public record VideoInfo(int width, int height, double frameRate, double durationSeconds,
                        long frameCountEstimate, boolean hasAudio, int rotationDegrees, String codec,
                        DisplayTags display, double indexedEndSeconds) {
}
