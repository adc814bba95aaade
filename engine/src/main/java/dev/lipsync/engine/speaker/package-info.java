/**
 * Stage 5: whose mouth is re-rendered, per frame. {@link dev.lipsync.engine.speaker.ActiveSpeaker}
 * picks the track whose lips follow the video's own soundtrack (with hysteresis, afresh at each
 * cut, {@link dev.lipsync.engine.speaker.Shots}), {@link dev.lipsync.engine.speaker.MaxFace} the
 * largest face (the API's {@code disable_active_speaker_detection}, and where the sound tells
 * nothing), and {@link dev.lipsync.engine.speaker.OffScreenSpeech} where the chosen face only
 * listens to someone off screen, so that it is left alone there. Pure functions over per-frame
 * numbers; {@code rewrite.Speakers} feeds them from the face log.
 */
package dev.lipsync.engine.speaker;
