package dev.lipsync.engine.media;

import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.LipSyncException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/** Opens FFmpeg grabbers and turns their failures into messages a customer can act on. */
final class Grabbers {
    static final String VIDEO_INVALID = "video file is not a valid video";
    static final String VIDEO_CUT = "video file is truncated (an incomplete upload or copy)";
    static final String VIDEO_NO_STREAM = "video file has no video track";
    static final String VIDEO_CODEC = "video file uses a codec we cannot decode";
    static final String AUDIO_INVALID = "audio file is not a valid audio file";
    static final String AUDIO_CUT = "audio file is truncated (an incomplete upload or copy)";
    static final String AUDIO_NO_STREAM = "audio file has no audio track";
    static final String AUDIO_TOO_SHORT = "audio file is too short to lip-sync (under " + AudioSamples.MIN_SECONDS + " s)";

    static {
        // FFmpeg prints warnings for slightly damaged files (and x264 its statistics) to
        // stderr; failures reach us as exceptions, so keep the console and the CLI's progress
        // bar clean.
        avutil.av_log_set_level(Integer.getInteger("lipsync.ffmpeg.loglevel", avutil.AV_LOG_FATAL));
    }

    /** Makes sure the static block above ran (for code that opens no grabber first). */
    static void quietLogs() {
    }

    private Grabbers() {
    }

    /**
     * A started grabber on a file that must have a (real, not cover-art) video stream: the one
     * FFmpeg's command line would take ({@link #bestVideoStream}), where JavaCV would take the
     * first (a 96 px thumbnail track ahead of the picture made "no face found").
     */
    static FFmpegFrameGrabber openVideo(Path video) throws LipSyncException {
        requireNonEmpty(video, Reason.VIDEO_UNREADABLE, VIDEO_INVALID);
        FFmpegFrameGrabber grabber = startVideo(video, -1);
        int best = bestVideoStream(grabber.getFormatContext());
        if (best >= 0 && best != grabber.getVideoStream()) {
            closeQuietly(grabber);
            grabber = startVideo(video, best);
        }
        if (!grabber.hasVideo() || onlyCoverArt(grabber.getFormatContext())
                || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            closeQuietly(grabber);
            throw new LipSyncException(Reason.NO_VIDEO_STREAM, VIDEO_NO_STREAM);
        }
        return grabber;
    }

    /** A grabber started on video stream {@code stream} (-1: JavaCV's choice). */
    private static FFmpegFrameGrabber startVideo(Path video, int stream) throws LipSyncException {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
        grabber.setVideoOption("threads", Integer.toString(decodingThreads(Runtime.getRuntime().availableProcessors())));
        // the decoded pictures as they are: VideoFrames converts only those it returns, into the caller's memory
        grabber.setImageMode(org.bytedeco.javacv.FrameGrabber.ImageMode.RAW);
        if (stream >= 0) {
            grabber.setVideoStream(stream);
        }
        try {
            grabber.start();
        } catch (Exception | UnsatisfiedLinkError e) {
            closeQuietly(grabber);
            String message = String.valueOf(e.getMessage());
            // the container opened but no stream has a decoder (JavaCV words it as "did not find")
            boolean codec = message.contains("avcodec_find_decoder") || message.contains("codec not found")
                    || message.contains("Did not find a video or audio stream");
            throw new LipSyncException(Reason.VIDEO_UNREADABLE,
                    codec ? VIDEO_CODEC : CutIndex.lost(video) ? VIDEO_CUT : VIDEO_INVALID, e);
        }
        return grabber;
    }

    /** FFmpeg's command line prefers a stream marked default by this much (in pixels of picture area). */
    static final int DEFAULT_STREAM_BONUS = 5_000_000;

    /**
     * The video stream FFmpeg's command line maps by default: the largest picture, a stream marked
     * default counting {@value #DEFAULT_STREAM_BONUS} pixels more, a cover picture last, the
     * first of equals; -1 without a video stream.
     */
    static int bestVideoStream(AVFormatContext format) {
        if (format == null) {
            return -1;
        }
        int best = -1;
        long bestScore = 0;
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream stream = format.streams(i);
            if (stream.codecpar().codec_type() != AVMEDIA_TYPE_VIDEO) {
                continue;
            }
            long score = videoStreamScore(stream.codecpar().width(), stream.codecpar().height(),
                    (stream.disposition() & AV_DISPOSITION_DEFAULT) != 0,
                    (stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    /** A video stream's score in {@link #bestVideoStream}. */
    static long videoStreamScore(int width, int height, boolean isDefault, boolean coverPicture) {
        if (coverPicture) {
            return 1;
        }
        return (long) Math.max(0, width) * Math.max(0, height) + (isDefault ? DEFAULT_STREAM_BONUS : 0);
    }

    /**
     * Threads for one video decoder on a machine of {@code cores}. A decoder runs on a thread of its
     * own beside the thread that works on its frames (DecodeAhead); frame threads can only speed
     * it up where cores are idle beyond those two, and cost about 12 % more decoding CPU (their
     * synchronisation, a frame context each) and a frame of memory each. One thread decodes 720p
     * H.264 at about 900 frames/s, ahead of the analysis and of the encoder.
     */
    static int decodingThreads(int cores) {
        return Math.clamp(cores - 2, 1, 4);
    }

    /**
     * A started grabber on a file that must have an audio stream; samples converted to
     * interleaved float. {@code sampleRate}/{@code channels} ≤ 0 keep the file's own.
     */
    static FFmpegFrameGrabber openAudio(Path audio, int sampleRate, int channels, Reason unreadable,
                                        String unreadableMessage, Reason noStream, String noStreamMessage)
            throws LipSyncException {
        requireNonEmpty(audio, unreadable, unreadableMessage);
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(audio.toFile());
        grabber.setSampleMode(org.bytedeco.javacv.FrameGrabber.SampleMode.FLOAT);
        if (sampleRate > 0) {
            grabber.setSampleRate(sampleRate);
        }
        if (channels > 0) {
            grabber.setAudioChannels(channels);
        }
        try {
            grabber.start();
        } catch (Exception | UnsatisfiedLinkError e) {
            closeQuietly(grabber);
            boolean cut = unreadable == Reason.AUDIO_UNREADABLE && CutIndex.lost(audio);
            throw new LipSyncException(unreadable, cut ? AUDIO_CUT : unreadableMessage, e);
        }
        if (!grabber.hasAudio() || grabber.getSampleRate() <= 0 || grabber.getAudioChannels() <= 0) {
            closeQuietly(grabber);
            throw new LipSyncException(noStream, noStreamMessage);
        }
        return grabber;
    }

    private static void requireNonEmpty(Path file, Reason reason, String message) throws LipSyncException {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                throw new LipSyncException(reason, message);
            }
        } catch (java.io.IOException e) {
            throw new LipSyncException(reason, message, e);
        }
    }

    /** An mp3 or m4a with an embedded cover picture shows up as a one-frame "video". */
    private static boolean onlyCoverArt(AVFormatContext format) {
        if (format == null) {
            return false;
        }
        boolean anyVideo = false;
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream stream = format.streams(i);
            if (stream.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                anyVideo = true;
                if ((stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
                    return false;
                }
            }
        }
        return anyVideo;
    }

    static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (Exception ignored) {
            // closing after a failure: the first error is the one that matters
        }
    }
}
