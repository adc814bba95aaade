package dev.lipsync.engine.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import dev.lipsync.engine.CancelledException;
import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.LipSyncException.Reason;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Streams frames into an MP4: H.264 (libx264, CRF {@value #CRF}, preset veryfast, yuv420p)
 * plus AAC ({@value #AAC_BITS_PER_CHANNEL} b/s a channel) made from the given audio file's own
 * samples (its rate when AAC allows it, its channels up to 7.1: a film dub's 5.1 stays 5.1),
 * {@code +faststart} so the index comes before the media data.
 *
 * <p>Odd sizes: yuv420p stores colour at half resolution, so H.264 needs even width and
 * height, and its cropping field cannot hide a single pixel in 4:2:0 either. We pad: the
 * last column and/or row is repeated once, so every decoded input pixel is kept at its
 * place and the output is at most one pixel wider/taller ({@link #outputWidth(int)}).
 *
 * <p>Audio is written interleaved with the video, about half a second ahead of it, so the
 * muxer never has to buffer a long run of one stream.
 *
 * <p>Encoding runs on a thread of its own: {@link #write} copies the frame and queues it
 * ({@value #QUEUED_FRAMES} at most; {@link #writeInExchange} queues the frame itself); that
 * thread converts it to yuv420p (unless it came in I420 already) and encodes it, so the caller
 * renders the next frame meanwhile. An encoder failure surfaces at the next
 * {@code write} or at {@link #finish}. One caller thread.
 */
public final class Mp4Writer implements AutoCloseable {
    static final int CRF = 19;

    /**
     * x264's frame threads on a machine of {@code cores}: x264's own choice, 1.5 a core, at most 8
     * (x264 keeps about a frame per thread in flight: memory stays bounded on big machines). On
     * two cores a third thread fills the gaps where one frame waits for rows of the one before:
     * pass 2 kept 1.85 cores busy with two. Over 17 alternated process pairs on the bench clip
     * (2026-12-04), three threads took 3 % less wall time (15 of the pairs) and 1-4 % less CPU.
     * On the slower machine before, two had been 5.5 % faster while pass 2 still decoded its
     * frames, and no different once it read them from the frame spool.
     */
    static int encoderThreads(int cores) {
        return Math.clamp(cores * 3L / 2, 1, 8);
    }
    private static final int[] AAC_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000,
        12000, 11025, 8000};
    private static final double AUDIO_LEAD_SECONDS = 0.5;
    /*
     * FFmpeg's AAC encoder matches libfdk_aac at its default 128 kb/s for stereo, 64 kb/s a
     * channel; we give half as much again, alike for mono (it had 128 kb/s, twice stereo's share
     * a channel, and took 1.8 times the encoding time of 96 kb/s: 0.39 against 0.22 CPU s for
     * 20 s of mono at 48 kHz).
     */
    static final int AAC_BITS_PER_CHANNEL = 96_000;
    /**
     * The most channels kept (7.1): FFmpeg's AAC encoder takes FFmpeg's default layout of each
     * count up to 8 (a stereo downmix, as before, lost a film dub's surround); more are mixed down.
     */
    static final int MAX_CHANNELS = 8;
    static final int QUEUED_FRAMES = 2;
    /** Tells the encoder thread that no frame follows. */
    private static final Mat NO_MORE = new Mat();

    private final Path output;
    private final FFmpegFrameRecorder recorder;
    private final FFmpegFrameGrabber audio;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private final int width;
    private final int height;
    private final double frameRate;
    private final BlockingQueue<Mat> queued = new ArrayBlockingQueue<>(QUEUED_FRAMES + 2); // every buffer + NO_MORE
    private final BlockingQueue<Mat> free = new ArrayBlockingQueue<>(QUEUED_FRAMES + 1);
    private final Thread encoder;
    private volatile LipSyncException failure;
    private long framesWritten;
    private double audioSecondsWritten;
    private boolean audioDone;
    private boolean finished;

    private Mp4Writer(Path output, FFmpegFrameRecorder recorder, FFmpegFrameGrabber audio, int width, int height,
                      double frameRate) {
        this.output = output;
        this.recorder = recorder;
        this.audio = audio;
        this.width = width;
        this.height = height;
        this.frameRate = frameRate;
        this.audioDone = audio == null;
        for (int i = 0; i < QUEUED_FRAMES + 1; i++) {
            free.add(new Mat());
        }
        this.encoder = Thread.ofPlatform().name("mp4-encoder").daemon().start(this::encodeLoop);
    }

    /** The encoder thread: converts and records queued pictures, and the audio up to each. */
    private void encodeLoop() {
        long encoded = 0;
        try (Mat yuv = new Mat()) {
            for (Mat picture = queued.take(); picture != NO_MORE; picture = queued.take()) {
                try {
                    if (failure == null) {
                        Mat planar = picture;
                        if (!I420Frames.isI420(picture)) {
                            // OpenCV's converter (SIMD, BT.601 limited range as swscale's default) is several
                            // times faster than the recorder's own single-threaded swscale call
                            opencv_imgproc.cvtColor(picture, yuv, opencv_imgproc.COLOR_BGR2YUV_I420);
                            planar = yuv;
                        }
                        Frame converted = converter.convert(planar);
                        converted.imageHeight = outputWidth(height); // the Mat stacks three planes: 3/2 of the rows
                        recorder.record(converted, AV_PIX_FMT_YUV420P);
                        encoded++;
                        writeAudioUntil(encoded / frameRate + AUDIO_LEAD_SECONDS);
                    }
                } catch (LipSyncException e) {
                    failure = e;
                } catch (Exception | Error e) {
                    // an Error too: the caller must hear of it rather than wait for a free buffer
                    failure = new LipSyncException(Reason.INTERNAL, "could not write the output video", e);
                } finally {
                    free.add(picture);
                }
            }
        } catch (InterruptedException e) {
            // aborted: nothing more is written
        }
    }

    /**
     * @param width     width of the frames that will be given (odd is fine, see class doc)
     * @param height    height of the frames that will be given
     * @param frameRate constant output rate
     * @param audioFile the soundtrack, taken whole (null: no audio track)
     * @throws LipSyncException AUDIO_UNREADABLE / NO_AUDIO_STREAM for a bad audio file,
     *                          INTERNAL when the output cannot be created
     */
    public static Mp4Writer open(Path output, int width, int height, double frameRate, Path audioFile)
            throws LipSyncException {
        return open(output, width, height, frameRate, audioFile, DisplayTags.NONE);
    }

    /**
     * As {@link #open(Path, int, int, double, Path)}, the output saying {@code display}: its pixel
     * shape and colour description (the input's, {@link VideoInfo#display}); always limited range.
     */
    public static Mp4Writer open(Path output, int width, int height, double frameRate, Path audioFile,
                                 DisplayTags display) throws LipSyncException {
        Grabbers.quietLogs();
        FFmpegFrameGrabber audio = audioFile == null ? null : openAudio(audioFile);
        int channels = audio == null ? 0 : audio.getAudioChannels();
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(output.toFile(), outputWidth(width),
                outputWidth(height), channels);
        recorder.setFormat("mp4");
        recorder.setOption("movflags", "+faststart");
        recorder.setVideoCodec(AV_CODEC_ID_H264);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(frameRate);
        recorder.setGopSize(250);
        recorder.setVideoBitrate(0); // the default 400 kb/s would override CRF
        recorder.setVideoOption("crf", Integer.toString(CRF));
        recorder.setVideoOption("preset", "veryfast");
        recorder.setVideoOption("threads", Integer.toString(encoderThreads(Runtime.getRuntime().availableProcessors())));
        describe(recorder, display);
        String instructions = X264Instructions.params(); // the same frames must give the same bytes
        if (instructions != null) {
            recorder.setVideoOption("x264-params", instructions);
        }
        if (audio != null) {
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            recorder.setSampleRate(audio.getSampleRate());
            recorder.setAudioChannels(channels);
            recorder.setAudioBitrate(channels * AAC_BITS_PER_CHANNEL);
        }
        try {
            recorder.start();
        } catch (Exception | UnsatisfiedLinkError e) {
            if (audio != null) {
                Grabbers.closeQuietly(audio);
            }
            throw new LipSyncException(Reason.INTERNAL, "could not create the output video", e);
        }
        sendPicturesUncopied(recorder);
        return new Mp4Writer(output, recorder, audio, width, height, frameRate);
    }

    /** Pixel shape and colour tags for the H.264 stream and the MP4 track (AVCodecContext options). */
    private static void describe(FFmpegFrameRecorder recorder, DisplayTags display) {
        if (display.anamorphic()) {
            recorder.setAspectRatio(display.pixelAspect()); // stored as the nearest ratio of terms up to 255
        }
        // every picture reaches the encoder in limited range (VideoFrames converts full-range video)
        recorder.setVideoOption("color_range", Integer.toString(avutil.AVCOL_RANGE_MPEG));
        if (display.primaries() != DisplayTags.UNSPECIFIED) {
            recorder.setVideoOption("color_primaries", Integer.toString(display.primaries()));
        }
        if (display.transfer() != DisplayTags.UNSPECIFIED) {
            recorder.setVideoOption("color_trc", Integer.toString(display.transfer()));
        }
        if (display.matrix() != DisplayTags.UNSPECIFIED) {
            recorder.setVideoOption("colorspace", Integer.toString(display.matrix()));
        }
    }

    /**
     * Spares FFmpeg a copy of every picture. JavaCV's recorder hands the encoder an AVFrame over
     * our pixels that holds no buffer reference, and avcodec_send_frame copies such a frame into
     * new memory (av_frame_ref) before x264 copies it once more into a frame of its own. Given a
     * reference (to a one-byte buffer: FFmpeg counts references, it does not check what they
     * cover), the frame goes to x264 as it is. x264 has copied the pixels before
     * {@code record} returns (the recorder then drains the encoder), so our picture buffers are
     * free again as before. With a JavaCV that lacks the field, FFmpeg keeps copying.
     *
     * @return whether the copy is spared (false: {@code recorder} is not started, or JavaCV changed)
     */
    static boolean sendPicturesUncopied(FFmpegFrameRecorder recorder) {
        try {
            Field field = FFmpegFrameRecorder.class.getDeclaredField("picture");
            field.setAccessible(true);
            if (!(field.get(recorder) instanceof AVFrame picture)) {
                return false;
            }
            if (picture.buf(0) == null) {
                picture.buf(0, avutil.av_buffer_alloc(1)); // freed with the frame by recorder.release()
            }
            return picture.buf(0) != null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // FFmpeg copies each picture, as it would anyway
        }
    }

    /** Width (or height) of the encoded picture for an input of {@code size}: the next even number. */
    public static int outputWidth(int size) {
        return size + (size & 1);
    }

    private static FFmpegFrameGrabber openAudio(Path file) throws LipSyncException {
        FFmpegFrameGrabber grabber = Grabbers.openAudio(file, 0, 0, Reason.AUDIO_UNREADABLE,
                Grabbers.AUDIO_INVALID, Reason.NO_AUDIO_STREAM, Grabbers.AUDIO_NO_STREAM);
        int rate = grabber.getSampleRate();
        int channels = grabber.getAudioChannels();
        boolean rateOk = Arrays.stream(AAC_RATES).anyMatch(r -> r == rate);
        if (rateOk && channels <= MAX_CHANNELS) {
            return grabber;
        }
        Grabbers.closeQuietly(grabber); // reopen with conversion: AAC-friendly rate, 7.1 at most
        return Grabbers.openAudio(file, rateOk ? rate : 48000, Math.min(channels, MAX_CHANNELS),
                Reason.AUDIO_UNREADABLE, Grabbers.AUDIO_INVALID, Reason.NO_AUDIO_STREAM, Grabbers.AUDIO_NO_STREAM);
    }

    /**
     * Appends one frame of the size given to {@link #open}: BGR (CV_8UC3), or I420
     * ({@link I420Frames}, even sizes only), which goes to the encoder without conversion.
     */
    public void write(Mat frame) throws LipSyncException {
        Mat picture = freePicture(frame);
        if (padded()) {
            copyPadded(frame, picture);
        } else {
            frame.copyTo(picture);
        }
        queued.add(picture);
        framesWritten++;
    }

    /**
     * As {@link #write}, but keeps {@code frame} itself, no copy made, and gives the caller one
     * of this writer's picture buffers in exchange: the caller's from now on (to decode a later
     * frame into, say), and {@code frame} is this writer's. A frame that needs padding to even
     * sizes is copied after all, and then {@code frame} itself comes back.
     */
    public Mat writeInExchange(Mat frame) throws LipSyncException {
        Mat picture = freePicture(frame);
        if (padded()) {
            copyPadded(frame, picture);
            queued.add(picture);
            framesWritten++;
            return frame;
        }
        queued.add(frame);
        framesWritten++;
        return picture;
    }

    private Mat freePicture(Mat frame) throws LipSyncException {
        boolean bgr = frame.type() == opencv_core.CV_8UC3 && frame.cols() == width && frame.rows() == height;
        boolean i420 = I420Frames.isI420(frame) && I420Frames.fits(width, height) && frame.cols() == width
                && frame.rows() == height * 3 / 2;
        if (!bgr && !i420) {
            throw new IllegalArgumentException("expected a " + width + "x" + height + " BGR or I420 frame, got "
                    + frame.cols() + "x" + frame.rows() + " type " + frame.type());
        }
        if (failure != null) {
            throw failure;
        }
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    private boolean padded() {
        return outputWidth(width) != width || outputWidth(height) != height;
    }

    private void copyPadded(Mat frame, Mat picture) {
        opencv_core.copyMakeBorder(frame, picture, 0, outputWidth(height) - height, 0,
                outputWidth(width) - width, opencv_core.BORDER_REPLICATE | opencv_core.BORDER_ISOLATED);
    }

    public long framesWritten() {
        return framesWritten;
    }

    /** Writes the rest of the audio and the MP4 index. Idempotent; {@link #close()} calls it. */
    public void finish() throws LipSyncException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            queued.add(NO_MORE);
            encoder.join(); // every queued frame is encoded; the recorder is this thread's again
            if (failure != null) {
                throw failure;
            }
            writeAudioUntil(Double.POSITIVE_INFINITY);
            recorder.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (LipSyncException e) {
            throw e;
        } catch (Exception e) {
            throw new LipSyncException(Reason.INTERNAL, "could not write the output video", e);
        } finally {
            release();
        }
    }

    private void writeAudioUntil(double seconds) throws LipSyncException {
        while (!audioDone && audioSecondsWritten < seconds) {
            Frame samples;
            try {
                samples = audio.grabSamples();
            } catch (Exception e) {
                samples = null; // a damaged tail: the audio ends there
            }
            if (samples == null) {
                audioDone = true;
                break;
            }
            if (samples.samples == null || samples.samples.length == 0) {
                continue;
            }
            Buffer buffer = samples.samples[0];
            int frames = buffer.remaining() / samples.audioChannels;
            for (Buffer channel : samples.samples) {
                if (channel instanceof FloatBuffer floats) {
                    AudioSamples.silenceInvalid(floats);
                }
            }
            try {
                recorder.recordSamples(samples.sampleRate, samples.audioChannels, samples.samples);
            } catch (Exception e) {
                throw new LipSyncException(Reason.INTERNAL, "could not write the output audio", e);
            }
            audioSecondsWritten += frames / (double) samples.sampleRate;
        }
    }

    private void release() {
        stopEncoder();
        try {
            recorder.release();
        } catch (Exception ignored) {
            // already failed or stopped
        }
        if (audio != null) {
            Grabbers.closeQuietly(audio);
        }
        free.forEach(Mat::close);
        queued.forEach(m -> {
            if (m != NO_MORE) {
                m.close();
            }
        });
    }

    private void stopEncoder() {
        if (encoder.isAlive()) {
            encoder.interrupt();
            try {
                encoder.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Frees everything without finishing the file (after a failure or a cancel); the file is unusable. */
    public void abort() {
        if (!finished) {
            finished = true;
            release();
        }
    }

    /** Finishes the file if not done. */
    @Override
    public void close() throws LipSyncException {
        if (!finished) {
            finish();
        }
    }

    @Override
    public String toString() {
        return "Mp4Writer[" + output + "]";
    }
}
