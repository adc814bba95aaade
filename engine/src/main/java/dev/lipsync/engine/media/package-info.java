/**
 * Media I/O at the edges of the engine, all through JavaCV's FFmpeg (no external binary).
 *
 * <ul>
 *   <li>{@link dev.lipsync.engine.media.VideoFrames}: streaming decode to BGR {@code Mat}s, or
 *       to I420 ones ({@link dev.lipsync.engine.media.I420Frames}: pass 2 keeps frames as the
 *       decoder gives them and the encoder takes them, converting only the mouth's window), at a
 *       constant frame rate; variable-rate input is mapped by timestamps (gaps duplicate the
 *       previous frame, collisions keep the later one); rotation tags are applied; seekable.
 *       The rate is chosen by {@link dev.lipsync.engine.media.FrameRates}.</li>
 *   <li>{@link dev.lipsync.engine.media.AudioSamples}: any audio (or a video's soundtrack)
 *       to 16 kHz mono floats, held whole.</li>
 *   <li>{@link dev.lipsync.engine.media.Mp4Writer}: H.264 (libx264 CRF 19, veryfast, yuv420p;
 *       from BGR or I420 frames) + AAC of the new audio's own samples, {@code +faststart}. Odd sizes are padded by one
 *       repeated row/column (4:2:0 cannot encode them, and cropping would lose real pixels).
 *       The same frames always give the same bytes: on CPUs with AVX-512, x264 is kept to the
 *       other instruction sets ({@link dev.lipsync.engine.media.X264Instructions}).</li>
 * </ul>
 *
 * Customer-facing failures are {@link dev.lipsync.engine.LipSyncException}s with short
 * messages: VIDEO_UNREADABLE ("video file is not a valid video": not a video, empty; "… uses
 * a codec we cannot decode"; "video file is truncated" for an MP4 or MOV cut before its index,
 * {@code CutIndex}), NO_VIDEO_STREAM (audio-only files, cover art), AUDIO_UNREADABLE (the same
 * for audio, and "audio file is too short to lip-sync" under {@code AudioSamples.MIN_SECONDS}),
 * NO_AUDIO_STREAM. A file damaged after a readable start ends early
 * instead of failing. FFmpeg's own console logging is silenced (property
 * {@code lipsync.ffmpeg.loglevel} to change it).
 */
package dev.lipsync.engine.media;
