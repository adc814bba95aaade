package dev.lipsync.engine.pipeline;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_YUV2BGR_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.media.DecodeAhead;
import dev.lipsync.engine.media.VideoFrames;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * {@link SourceFrames} over a second decoder with a small window, opened lazily. Where pass 1
 * took the video in I420, frames are decoded in I420 too and converted to BGR as the stages
 * convert I420 ({@code I420Frames.toBgr}): a donor then has the same pixels whether it comes
 * from here or from what pass 1 kept.
 */
final class DecodedSourceFrames implements SourceFrames, AutoCloseable {
    private static final int WINDOW = 8;
    /**
     * A gap between wanted frames longer than this is sought over rather than decoded through
     * (pass 1's spool holds the first minute or so of a long video's faces: the donors after it
     * are what is decoded). A seek decodes from the keyframe before the frame, and keyframes
     * come at least every 10 s in most video (x264's default at 25 frames/s): past twice that,
     * a seek decodes less than the gap.
     */
    static final double SEEK_BEYOND_SECONDS = 20;
    private final Path video;
    private final int count;
    private final Cancellation cancel;
    private final boolean i420;
    private final double seekBeyondSeconds;
    /** The last frame handed out, converted from I420. */
    private final Mat converted = new Mat();
    private FrameWindow window;
    private int seeks;

    DecodedSourceFrames(Path video, int count, Cancellation cancel, boolean i420) {
        this(video, count, cancel, i420, SEEK_BEYOND_SECONDS);
    }

    DecodedSourceFrames(Path video, int count, Cancellation cancel, boolean i420, double seekBeyondSeconds) {
        this.video = video;
        this.count = count;
        this.cancel = cancel;
        this.i420 = i420;
        this.seekBeyondSeconds = seekBeyondSeconds;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public Mat frame(int index) throws LipSyncException {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("source frame " + index + " of " + count);
        }
        if (window == null) {
            window = new FrameWindow(VideoFrames.open(video, i420), WINDOW);
        }
        return bgr(window.get(index));
    }

    private Mat bgr(Mat frame) {
        if (!i420) {
            return frame;
        }
        cvtColor(frame, converted, COLOR_YUV2BGR_I420);
        return converted;
    }

    @Override
    public void visitInOrder(int[] sortedIndices, FrameVisitor visitor) throws LipSyncException {
        for (int i = 1; i < sortedIndices.length; i++) {
            if (sortedIndices[i] <= sortedIndices[i - 1]) {
                throw new IllegalArgumentException("indices not ascending and distinct at " + i);
            }
        }
        if (sortedIndices.length == 0) {
            return;
        }
        VideoFrames decoder = VideoFrames.open(video, i420);
        long seekBeyond = Math.round(seekBeyondSeconds * decoder.info().frameRate());
        // the decoding thread passes over the frames nobody wants without converting them to BGR
        int[] wanted = {0}; // position in sortedIndices of the next frame to read
        DecodeAhead.Source onlyWanted = buffer -> {
            if (wanted[0] == sortedIndices.length) {
                return null;
            }
            int index = sortedIndices[wanted[0]++];
            if (index - decoder.nextIndex() > seekBeyond) {
                decoder.seek(index);
                seeks++;
            }
            while (decoder.nextIndex() < index) { // counted as pass 1 counts
                if (!decoder.skip()) {
                    return null;
                }
            }
            return decoder.nextInto(buffer);
        };
        try (DecodeAhead<Void> frames = new DecodeAhead<>(onlyWanted, decoder, TwoPassPipeline.ANALYSIS_DECODE_AHEAD,
                null)) {
            int next = 0;
            for (Mat frame = frames.next(); frame != null; frame = frames.next()) {
                cancel.check();
                visitor.visit(sortedIndices[next++], bgr(frame));
            }
        }
    }

    /** Seeks the visits so far made over long gaps; for tests. */
    int seeks() {
        return seeks;
    }

    @Override
    public void close() {
        if (window != null) {
            window.close();
        }
        converted.close();
    }
}
