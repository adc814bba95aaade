package dev.lipsync.engine.media;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.LipSyncException.Reason;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Streams the frames of a video as BGR {@link Mat}s (CV_8UC3), or as I420 ones
 * ({@link #openI420}, see {@link I420Frames}), at a constant frame rate, one decoded frame in
 * memory at a time (plus one of look-ahead).
 *
 * <p>Frame {@code i} is the picture shown at time {@code i / frameRate} after the first
 * frame: each decoded frame goes to slot {@code round((t − t0) × rate)}; when two land in
 * the same slot the later one wins (a drop), and a slot with none repeats the previous
 * frame (a duplicate). For constant-rate input this is simply every frame in order.
 *
 * <p>Decoded pictures are kept as the decoder gave them (YUV, referenced, not copied) and
 * converted to BGR only when a frame is returned: {@link #skip()} passes frames over without
 * that conversion, and {@link #nextInto} converts straight into the caller's buffer. The
 * conversion is swscale's, with the parameters JavaCV's grabber uses for BGR output, so the
 * pixels are the grabber's own.
 *
 * <p>Not thread-safe. The {@code Mat} returned by {@link #next()} is owned by this reader
 * and overwritten by the next call: copy it to keep it.
 */
public final class VideoFrames implements AutoCloseable {
    /** JavaCV's scaling flag for its BGR conversion (used when no other is set). */
    private static final int GRABBER_SCALING = swscale.SWS_BILINEAR;

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final VideoInfo info;
    private final double rate;
    /** Frames handed out in I420 ({@link I420Frames}) instead of BGR. */
    private final boolean i420;

    /** JavaCV's frame timestamps are absolute, its seek target is relative to the container's start. */
    private final long containerStartUs;
    private final boolean knownContainerStart;
    /**
     * The size every picture is handed out at, before rotation: the stream's first (the header's,
     * or the first picture's where the header has none). A picture of another size (a stream
     * whose resolution changes midway: joined recordings, adaptive streams) is scaled to it, as
     * FFmpeg's own command line does; each such frame failed before.
     */
    private int pictureWidth;
    private int pictureHeight;
    /** The longest wait for the first picture taken as the file's own timeline (beyond: a broken start time). */
    static final long MAX_LEAD_US = 60_000_000;
    private long firstTimestampUs = Long.MIN_VALUE;
    /** The decoded pictures, YUV as the decoder made them (references to its buffers). */
    private AVFrame current = avutil.av_frame_alloc();
    private AVFrame ahead = avutil.av_frame_alloc();
    /** {@link #next()}'s BGR picture, and which decoded picture (count) it holds. */
    private final Mat converted = new Mat();
    private long convertedPicture = -1;
    private long currentPicture;
    private long aheadPicture;
    private SwsContext toBgr;
    /** {@link #toBgr} reads its pictures as full range. */
    private boolean fullRangeSet;
    private final IntPointer bgrStride = new IntPointer(1);
    private final PointerPointer<?> bgrPlane = new PointerPointer<>(1);
    private final Mat rotated = new Mat();
    private boolean hasCurrent;
    private boolean hasAhead;
    private long aheadSlot;
    private long lastDecodedSlot = Long.MIN_VALUE;
    private boolean endOfStream;
    private long currentSlot;
    private int nextIndex;
    private long decodedFrames;
    /** Whether the stream's pictures are fields ({@link Deinterlacer}); false after the filter failed. */
    private boolean interlaced;
    /** The deinterlacer, made at the first picture after opening or a seek. */
    private Deinterlacer deinterlacer;
    private boolean deinterlacerEnded;

    private VideoFrames(Path file, FFmpegFrameGrabber grabber, VideoInfo info, boolean i420) {
        this.file = file;
        this.i420 = i420;
        this.grabber = grabber;
        this.info = info;
        this.rate = info.frameRate();
        AVFormatContext format = grabber.getFormatContext();
        long start = format == null ? avutil.AV_NOPTS_VALUE : format.start_time();
        this.containerStartUs = start == avutil.AV_NOPTS_VALUE ? 0 : start;
        this.knownContainerStart = start != avutil.AV_NOPTS_VALUE;
        boolean turned = info.rotationDegrees() == 90 || info.rotationDegrees() == 270;
        this.pictureWidth = turned ? info.height() : info.width();
        this.pictureHeight = turned ? info.width() : info.height();
        AVStream stream = decodedStream(grabber);
        this.interlaced = stream != null && Deinterlacer.isInterlaced(stream.codecpar());
    }

    /**
     * Opens a video for decoding.
     *
     * @throws LipSyncException VIDEO_UNREADABLE (not a video, damaged, unknown codec) or
     *                          NO_VIDEO_STREAM
     */
    public static VideoFrames open(Path video) throws LipSyncException {
        return open(video, false);
    }

    /**
     * Opens a video whose frames are handed out in I420 ({@link I420Frames}): only for a video
     * whose {@link #canGiveI420 info allows it}.
     *
     * @throws IllegalArgumentException for a video whose pictures are odd-sized or rotated
     */
    public static VideoFrames openI420(Path video) throws LipSyncException {
        return open(video, true);
    }

    /** Whether {@link #openI420} can be used: even width and height, no rotation to apply. */
    public static boolean canGiveI420(VideoInfo info) {
        return I420Frames.fits(info.width(), info.height()) && info.rotationDegrees() == 0;
    }

    /** {@link #openI420} where {@code i420}, else {@link #open(Path)}. */
    public static VideoFrames open(Path video, boolean i420) throws LipSyncException {
        FFmpegFrameGrabber grabber = Grabbers.openVideo(video);
        VideoInfo info;
        try {
            info = describe(grabber);
        } catch (RuntimeException e) {
            Grabbers.closeQuietly(grabber);
            throw new LipSyncException(Reason.VIDEO_UNREADABLE, Grabbers.VIDEO_INVALID, e);
        }
        if (i420 && !canGiveI420(info)) {
            Grabbers.closeQuietly(grabber);
            throw new IllegalArgumentException("I420 frames need an even size and no rotation: " + info);
        }
        return new VideoFrames(video, grabber, info, i420);
    }

    /** Reads the header only; decodes nothing. */
    public static VideoInfo probe(Path video) throws LipSyncException {
        try (VideoFrames frames = open(video)) {
            return frames.info();
        }
    }

    public VideoInfo info() {
        return info;
    }

    /** Index of the frame the next call to {@link #next()} returns. */
    public int nextIndex() {
        return nextIndex;
    }

    /** Frames decoded from the file so far (including those dropped or read while seeking). */
    public long decodedFrames() {
        return decodedFrames;
    }

    /**
     * The next frame at the constant rate, or {@code null} after the last one.
     *
     * @throws LipSyncException VIDEO_UNREADABLE when not even the first frame decodes; a
     *                          file damaged later ends early instead (what decoded is kept)
     */
    public Mat next() throws LipSyncException {
        if (!advance()) {
            return null;
        }
        if (convertedPicture != currentPicture) { // a repeated frame is converted once
            convert(current, converted);
            convertedPicture = currentPicture;
        }
        return oriented(converted);
    }

    /**
     * As {@link #next()}, the frame written into {@code target} (given new memory unless it
     * already has the frame's size and row layout, as after an earlier call); returns
     * {@code target}, or {@code null} after the last frame.
     */
    public Mat nextInto(Mat target) throws LipSyncException {
        if (!advance()) {
            return null;
        }
        if (info.rotationDegrees() == 0) {
            convert(current, target);
        } else {
            toBgr(current, converted);
            convertedPicture = currentPicture;
            oriented(converted).copyTo(target);
        }
        return target;
    }

    /**
     * Passes over the next frame without converting it (decoding goes on: later frames need
     * the earlier ones); false after the last frame.
     */
    public boolean skip() throws LipSyncException {
        return advance();
    }

    /** Moves to the next frame at the constant rate: false at the end. */
    private boolean advance() throws LipSyncException {
        if (!hasCurrent) {
            if (!decodeInto(current)) {
                if (firstTimestampUs == Long.MIN_VALUE) {
                    throw new LipSyncException(Reason.VIDEO_UNREADABLE, Grabbers.VIDEO_INVALID);
                }
                return false;
            }
            currentSlot = aheadSlot;
            currentPicture = decodedFrames;
            hasCurrent = true;
        }
        // Move forward to the latest decoded frame whose slot is not after the wanted one.
        while (true) {
            if (!hasAhead) {
                if (endOfStream || !decodeInto(ahead)) {
                    break;
                }
                aheadPicture = decodedFrames;
                hasAhead = true;
            }
            if (aheadSlot > nextIndex) {
                break;
            }
            AVFrame swap = current;
            current = ahead;
            ahead = swap;
            currentSlot = aheadSlot;
            currentPicture = aheadPicture;
            hasAhead = false;
        }
        if (!hasAhead && endOfStream && nextIndex > currentSlot) {
            return false;
        }
        nextIndex++;
        return true;
    }

    /**
     * Positions the reader so that {@link #next()} returns frame {@code index}: seeks to a
     * keyframe at or before it and decodes forward. Costs up to one keyframe interval of
     * decoding.
     */
    public void seek(int index) throws LipSyncException {
        if (index < 0) {
            throw new IllegalArgumentException("negative frame index " + index);
        }
        if (firstTimestampUs == Long.MIN_VALUE) { // nothing decoded yet: learn t0 first
            if (next() == null) {
                return;
            }
        }
        // Aim a frame early; if the demuxer still lands after the frame (or nowhere: some
        // MPEG-TS files), aim further back, and in the end decode again from the start.
        double[] backoffSeconds = {1 / rate, 1, 5, 30};
        for (double backoff : backoffSeconds) {
            long targetUs = firstTimestampUs + Math.round((index / rate - backoff) * 1e6);
            if (targetUs <= firstTimestampUs) {
                break;
            }
            try {
                // the frame-checking seek: it flushes and decodes to the target itself. The
                // "quick" variant depends on where the previous read stopped and can hand
                // back a stale frame first.
                grabber.setVideoTimestamp(targetUs - containerStartUs);
            } catch (Exception e) {
                break;
            }
            resetTo(index);
            if (decodeInto(current)) {
                currentSlot = aheadSlot;
                currentPicture = decodedFrames;
                hasCurrent = true;
                if (currentSlot <= index) {
                    return;
                }
            }
        }
        try {
            grabber.restart();
        } catch (Exception e) {
            throw new LipSyncException(Reason.VIDEO_UNREADABLE, Grabbers.VIDEO_INVALID, e);
        }
        resetTo(index);
    }

    private void resetTo(int index) {
        closeDeinterlacer(); // the pictures before the seek are not the new ones' neighbours
        hasCurrent = false;
        hasAhead = false;
        endOfStream = false;
        lastDecodedSlot = Long.MIN_VALUE;
        nextIndex = index;
    }

    /** Decodes the next picture into {@code target} (a reference, no pixels copied); false at the end (or at damage). */
    private boolean decodeInto(AVFrame target) {
        long timestamp;
        if (interlaced) {
            Long deinterlaced = deinterlaceInto(target);
            if (deinterlaced == null) {
                endOfStream = true;
                return false;
            }
            timestamp = deinterlaced;
        } else {
            Frame frame = grab();
            if (frame == null) {
                endOfStream = true;
                return false;
            }
            if (!reference(target, (AVFrame) frame.opaque)) {
                endOfStream = true; // out of memory: what decoded so far is kept
                return false;
            }
            timestamp = frame.timestamp;
        }
        decodedFrames++;
        if (firstTimestampUs == Long.MIN_VALUE) {
            firstTimestampUs = timelineStart(timestamp, containerStartUs, knownContainerStart);
        }
        if (pictureWidth <= 0 || pictureHeight <= 0) {
            pictureWidth = target.width();
            pictureHeight = target.height();
        }
        long slot = Math.round((timestamp - firstTimestampUs) * rate / 1e6);
        if (lastDecodedSlot != Long.MIN_VALUE && slot < lastDecodedSlot) {
            slot = lastDecodedSlot + 1; // broken timestamps: keep decode order
        }
        lastDecodedSlot = slot;
        aheadSlot = slot;
        return true;
    }

    /** The grabber's next picture (its {@code opaque} the decoder's AVFrame), or null at the end or at damage. */
    private Frame grab() {
        Frame frame;
        try {
            frame = grabber.grabImage();
        } catch (Exception e) {
            return null; // a truncated or damaged tail: treat as the end
        }
        return frame == null || frame.image == null || !(frame.opaque instanceof AVFrame) ? null : frame;
    }

    /**
     * The next picture of an interlaced stream, deinterlaced, into {@code target}: its time, or
     * null at the end. Where FFmpeg cannot deinterlace a picture (a stream whose size changes
     * midway), the stream's pictures from there on pass as they are.
     */
    private Long deinterlaceInto(AVFrame target) {
        while (true) {
            if (deinterlacer != null && deinterlacer.take(target)) {
                return target.pts();
            }
            if (deinterlacerEnded) {
                return null;
            }
            Frame frame = grab();
            if (frame == null) {
                if (deinterlacer == null) {
                    return null;
                }
                deinterlacer.end();
                deinterlacerEnded = true;
                continue;
            }
            AVFrame picture = (AVFrame) frame.opaque;
            try {
                if (deinterlacer == null) {
                    deinterlacer = new Deinterlacer(picture.width(), picture.height(), picture.format());
                }
                deinterlacer.give(picture, frame.timestamp);
            } catch (IllegalStateException e) {
                closeDeinterlacer();
                interlaced = false;
                return reference(target, picture) ? frame.timestamp : null;
            }
        }
    }

    /** {@code picture} referenced into {@code target} (no pixels copied); false when out of memory. */
    private static boolean reference(AVFrame target, AVFrame picture) {
        avutil.av_frame_unref(target);
        return avutil.av_frame_ref(target, picture) >= 0;
    }

    private void closeDeinterlacer() {
        if (deinterlacer != null) {
            deinterlacer.close();
            deinterlacer = null;
        }
        deinterlacerEnded = false;
    }

    /**
     * Where frame 0's time lies: the file's start, where the video starts after it (after its
     * audio, as MPEG-TS recordings and streams cut without re-encoding often do), so that frame
     * k is the picture shown at k / rate on the file's timeline, against which its soundtrack,
     * and so the dub, is timed; the first picture is held until its own time, as players show
     * it. Counted from the first picture, a video starting a second after its audio came out a
     * second ahead of the dub. An unknown start, or one over {@link #MAX_LEAD_US} before the
     * picture, leaves the first picture as frame 0.
     */
    static long timelineStart(long firstPictureUs, long containerStartUs, boolean knownContainerStart) {
        return knownContainerStart && leadOnTimeline(firstPictureUs, containerStartUs) > 0 ? containerStartUs
                : firstPictureUs;
    }

    /**
     * How long after the file's start a stream's first sample or picture comes, where that is
     * the file's own timeline: 0 when it starts with the file or before, or over {@link
     * #MAX_LEAD_US} later (a broken start time). The soundtrack is placed by the same rule.
     */
    static long leadOnTimeline(long firstUs, long fileStartUs) {
        long lead = firstUs - fileStartUs;
        return lead > 0 && lead <= MAX_LEAD_US ? lead : 0;
    }

    /** {@code picture} as this reader hands frames out: BGR, or I420. */
    private void convert(AVFrame picture, Mat target) {
        if (!i420) {
            toBgr(picture, target);
        } else if (picture.format() == avutil.AV_PIX_FMT_YUV420P && picture.color_range() != avutil.AVCOL_RANGE_JPEG
                && picture.width() == pictureWidth && picture.height() == pictureHeight) {
            I420Frames.copyPlanes(picture, target); // most video: the decoder's own planes, copied
        } else {
            // other layouts (full-range YUV, 4:2:2, 10 bits, another size...): through BGR, as any
            // frame; the output says limited range (full-range values copied as they are showed
            // more contrast and saturation)
            toBgr(picture, converted);
            convertedPicture = -1;
            opencv_imgproc.cvtColor(converted, target, opencv_imgproc.COLOR_BGR2YUV_I420);
        }
    }

    /**
     * {@code picture} as BGR in {@code target}: the conversion JavaCV's grabber would have made,
     * at the stream's first size ({@link #pictureWidth}).
     */
    private void toBgr(AVFrame picture, Mat target) {
        int w = pictureWidth, h = pictureHeight;
        withGrabberLayout(target, h, w);
        SwsContext context = swscale.sws_getCachedContext(toBgr, picture.width(), picture.height(), picture.format(),
                w, h, avutil.AV_PIX_FMT_BGR24, GRABBER_SCALING, null, null, (DoublePointer) null);
        if (context == null) {
            throw new IllegalStateException("no conversion from pixel format " + picture.format() + " to BGR");
        }
        if (!context.equals(toBgr)) {
            fullRangeSet = false; // a new context: swscale's defaults
        }
        toBgr = context;
        if (picture.color_range() == avutil.AVCOL_RANGE_JPEG && !fullRangeSet) {
            // swscale takes full range from the pixel format (the JPEG ones) only: a full-range
            // yuv420p picture (VP9, HEVC) was read as limited, its darks and lights clipped
            IntPointer bt601 = swscale.sws_getCoefficients(swscale.SWS_CS_DEFAULT);
            swscale.sws_setColorspaceDetails(toBgr, bt601, 1, bt601, 1, 0, 1 << 16, 1 << 16);
            fullRangeSet = true;
        }
        bgrPlane.put(0, target.data());
        bgrStride.put(0, (int) target.step());
        swscale.sws_scale(toBgr, new PointerPointer<>(picture), picture.linesize(), 0, picture.height(), bgrPlane,
                bgrStride);
    }

    /**
     * Makes {@code target} an h × w BGR image whose rows are {@link #grabberRowPixels} wide in
     * memory, as JavaCV lays out its converted pictures: swscale's SIMD conversion works in
     * blocks of pixels and converts a width that is not a whole number of blocks partly with
     * other code (the last columns came out different) or writes past the end of the row (a
     * 700-pixel-wide video corrupted the heap) unless the row leaves room for whole blocks.
     */
    static void withGrabberLayout(Mat target, int h, int w) {
        int rowPixels = grabberRowPixels(w);
        long rowBytes = 3L * rowPixels;
        if (target.rows() == h && target.cols() == w && target.type() == opencv_core.CV_8UC3
                && target.step() == rowBytes
                && target.datalimit().address() - target.data().address() >= rowBytes * h) {
            return;
        }
        try (Mat rows = new Mat(h, rowPixels, opencv_core.CV_8UC3); Mat picture = rows.colRange(0, w)) {
            target.put(picture); // shares the allocation, the padding of every row included
        }
    }

    /**
     * The width in pixels of a row of JavaCV's BGR picture for {@code width} pixels: padded to
     * the smallest power-of-two multiple (at most 64) that makes the row a multiple of 64 bytes.
     */
    static int grabberRowPixels(int width) {
        int padded = width;
        for (int align = 1; align <= 64; align *= 2) {
            padded = (width + align - 1) & -align;
            if (3 * padded % 64 == 0) {
                break;
            }
        }
        return padded;
    }

    private Mat oriented(Mat frame) {
        int code = switch (info.rotationDegrees()) {
            case 90 -> opencv_core.ROTATE_90_CLOCKWISE;
            case 180 -> opencv_core.ROTATE_180;
            case 270 -> opencv_core.ROTATE_90_COUNTERCLOCKWISE;
            default -> -1;
        };
        if (code < 0) {
            return frame;
        }
        opencv_core.rotate(frame, rotated, code);
        return rotated;
    }

    @Override
    public void close() {
        closeDeinterlacer();
        Grabbers.closeQuietly(grabber);
        avutil.av_frame_free(current);
        avutil.av_frame_free(ahead);
        if (toBgr != null) {
            swscale.sws_freeContext(toBgr);
            toBgr = null;
        }
        converted.close();
        rotated.close();
    }

    @Override
    public String toString() {
        return "VideoFrames[" + file.getFileName() + ", " + info + "]";
    }

    private static VideoInfo describe(FFmpegFrameGrabber grabber) {
        AVStream stream = decodedStream(grabber);
        double nominal = stream == null ? 0 : ratio(stream.r_frame_rate());
        double average = stream == null ? 0 : ratio(stream.avg_frame_rate());
        double rate = FrameRates.choose(nominal, average);
        double duration = Math.max(0, grabber.getLengthInTime() / 1e6);
        int rotation = clockwiseRotation(grabber.getDisplayRotation());
        int width = grabber.getImageWidth();
        int height = grabber.getImageHeight();
        DisplayTags display = DisplayTags.of(grabber.getFormatContext(), stream);
        if (rotation == 90 || rotation == 270) {
            int swap = width;
            width = height;
            height = swap;
            display = display.quarterTurned();
        }
        String codec = grabber.getVideoCodecName();
        return new VideoInfo(width, height, rate, duration, Math.round(duration * rate), grabber.hasAudio(),
                rotation, codec == null ? "" : codec, display,
                DeclaredLength.indexedSeconds(grabber.getFormatContext(), stream));
    }

    /** FFmpeg's display matrix angle is counter-clockwise; undoing it is a clockwise turn. */
    static int clockwiseRotation(double displayRotation) {
        if (!Double.isFinite(displayRotation)) {
            return 0;
        }
        long quarterTurns = Math.round(-displayRotation / 90);
        return (int) (((quarterTurns % 4) + 4) % 4) * 90;
    }

    /** The video stream the grabber decodes ({@code Grabbers.openVideo} chose it), or null. */
    private static AVStream decodedStream(FFmpegFrameGrabber grabber) {
        AVFormatContext format = grabber.getFormatContext();
        int index = grabber.getVideoStream();
        return format == null || index < 0 || index >= format.nb_streams() ? null : format.streams(index);
    }

    static double ratio(AVRational r) {
        return r == null || r.den() == 0 ? 0 : (double) r.num() / r.den();
    }
}
