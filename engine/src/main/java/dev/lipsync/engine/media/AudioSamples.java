package dev.lipsync.engine.media;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.LipSyncException.Reason;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Decodes whole audio tracks to 16 kHz mono floats in [-1, 1], the form every analysis
 * stage reads (10 minutes = 38 MB, fine to hold). Any format FFmpeg reads: wav, mp3,
 * m4a/aac, ogg/opus/vorbis, flac, or the audio track of a video file.
 */
public final class AudioSamples {
    public static final int SAMPLE_RATE = 16_000;

    /**
     * The shortest dub there is a mouth to render for: one frame at 25 fps, over the 25 ms the
     * analysis of speech needs. A dub of 10 ms made a one-frame video with nothing rendered,
     * which the server reported as "no face found".
     */
    public static final double MIN_SECONDS = 0.04;

    private AudioSamples() {
    }

    /**
     * The new audio track (the dub).
     *
     * @throws LipSyncException AUDIO_UNREADABLE (not audio, empty, damaged) or NO_AUDIO_STREAM
     */
    public static float[] readNewAudio(Path audio) throws LipSyncException {
        return readNewAudio(audio, Double.POSITIVE_INFINITY);
    }

    /**
     * The new audio, decoding at most {@code maxSeconds} of it: a caller enforcing a length
     * limit passes a little more than the limit and sees "too long" from the length, without
     * holding hours of samples.
     */
    public static float[] readNewAudio(Path audio, double maxSeconds) throws LipSyncException {
        FFmpegFrameGrabber grabber = Grabbers.openAudio(audio, SAMPLE_RATE, 1,
                Reason.AUDIO_UNREADABLE, Grabbers.AUDIO_INVALID, Reason.NO_AUDIO_STREAM, Grabbers.AUDIO_NO_STREAM);
        double declared = DeclaredLength.audioSeconds(audio, grabber.getFormatContext(), grabber.getAudioStream());
        int limit = maxSamples(maxSeconds);
        float[] samples = decodeAll(grabber, limit, false);
        if (samples.length == 0) {
            throw new LipSyncException(Reason.AUDIO_UNREADABLE, Grabbers.AUDIO_INVALID);
        }
        if (seconds(samples) < MIN_SECONDS) {
            throw new LipSyncException(Reason.AUDIO_UNREADABLE, Grabbers.AUDIO_TOO_SHORT);
        }
        if (samples.length < limit && DeclaredLength.fallsShort(seconds(samples), declared)) {
            throw new LipSyncException(Reason.AUDIO_UNREADABLE, Grabbers.AUDIO_CUT);
        }
        return samples;
    }

    /**
     * The video's own soundtrack, or an empty array when it has none (or it does not decode):
     * the soundtrack only helps to find the active speaker, so it is never fatal.
     */
    public static float[] readSoundtrack(Path video) {
        return readSoundtrack(video, Double.POSITIVE_INFINITY);
    }

    /** Same as {@link #readSoundtrack(Path)}, at most {@code maxSeconds}. */
    public static float[] readSoundtrack(Path video, double maxSeconds) {
        FFmpegFrameGrabber grabber;
        try {
            grabber = Grabbers.openAudio(video, SAMPLE_RATE, 1, Reason.VIDEO_UNREADABLE, Grabbers.VIDEO_INVALID,
                    Reason.NO_AUDIO_STREAM, Grabbers.AUDIO_NO_STREAM);
        } catch (LipSyncException e) {
            return new float[0];
        }
        return decodeAll(grabber, maxSamples(maxSeconds), true);
    }

    private static int maxSamples(double seconds) {
        double samples = seconds * SAMPLE_RATE;
        return samples >= Integer.MAX_VALUE - 8 ? Integer.MAX_VALUE - 8 : (int) Math.ceil(samples);
    }

    /**
     * Reads to the end; a damaged tail ends the track early. Closes the grabber. {@code
     * onFileTimeline}: a track that starts after the file does begins with that much silence, as
     * the video's frames are placed (see {@code VideoFrames}), so sound and lips stay paired.
     */
    private static float[] decodeAll(FFmpegFrameGrabber grabber, int maxSamples, boolean onFileTimeline) {
        AVFormatContext format = onFileTimeline ? grabber.getFormatContext() : null;
        long fileStartUs = format == null ? avutil.AV_NOPTS_VALUE : format.start_time();
        // size from the container's duration when it has one, so long tracks are not regrown
        long expected = grabber.getLengthInTime() > 0 ? grabber.getLengthInTime() * SAMPLE_RATE / 1_000_000 : 0;
        float[] out = new float[(int) Math.min(maxSamples, Math.max(SAMPLE_RATE * 8L, expected + SAMPLE_RATE))];
        int length = 0;
        try {
            while (length < maxSamples) {
                Frame frame;
                try {
                    frame = grabber.grabSamples();
                } catch (Exception e) {
                    break;
                }
                if (frame == null) {
                    break;
                }
                if (frame.samples == null || frame.samples.length == 0) {
                    continue;
                }
                if (length == 0 && fileStartUs != avutil.AV_NOPTS_VALUE) {
                    long leadUs = VideoFrames.leadOnTimeline(frame.timestamp, fileStartUs);
                    if (leadUs > 0) {
                        length = (int) Math.min(maxSamples, Math.round(leadUs * (SAMPLE_RATE / 1e6)));
                        out = out.length >= length ? out : Arrays.copyOf(out, length);
                    }
                    fileStartUs = avutil.AV_NOPTS_VALUE; // once
                }
                FloatBuffer buffer = (FloatBuffer) frame.samples[0];
                silenceInvalid(buffer);
                int n = Math.min(buffer.remaining(), maxSamples - length);
                if (length + n > out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(maxSamples, Math.max(2L * out.length, length + n)));
                }
                buffer.get(out, length, n);
                length += n;
            }
        } finally {
            Grabbers.closeQuietly(grabber);
        }
        return length == out.length ? out : Arrays.copyOf(out, length);
    }

    /**
     * Sets every sample that is not a finite number (NaN, infinite: a float WAV a faulty plugin
     * wrote) to silence, in place, from the buffer's position to its limit. Such samples made
     * FFmpeg's AAC encoder refuse the whole dub ("could not write the output audio"), and a few
     * of them should not fail a job; the analysis reads the same silence.
     */
    static void silenceInvalid(FloatBuffer samples) {
        for (int i = samples.position(); i < samples.limit(); i++) {
            if (!Float.isFinite(samples.get(i))) {
                samples.put(i, 0f);
            }
        }
    }

    /** Seconds covered by {@code samples} at {@link #SAMPLE_RATE}. */
    public static double seconds(float[] samples) {
        return samples.length / (double) SAMPLE_RATE;
    }
}
