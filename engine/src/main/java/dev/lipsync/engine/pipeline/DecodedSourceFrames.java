package dev.lipsync.engine.pipeline;

import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.media.DecodeAhead;
import dev.lipsync.engine.media.VideoFrames;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;

/** {@link SourceFrames} over a second decoder with a small window, opened lazily. */
final class DecodedSourceFrames implements SourceFrames, AutoCloseable {
    private static final int WINDOW = 8;
    private final Path video;
    private final int count;
    private final Cancellation cancel;
    private FrameWindow window;

    DecodedSourceFrames(Path video, int count, Cancellation cancel) {
        this.video = video;
        this.count = count;
        this.cancel = cancel;
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
            window = new FrameWindow(VideoFrames.open(video), WINDOW);
        }
        return window.get(index);
    }

    @Override
    public void visitInOrder(int[] sortedIndices, FrameVisitor visitor) throws LipSyncException {
        if (sortedIndices.length == 0) {
            return;
        }
        try (DecodeAhead<Void> frames = new DecodeAhead<>(VideoFrames.open(video), TwoPassPipeline.ANALYSIS_DECODE_AHEAD)) {
            int next = 0;
            int index = 0; // counted as pass 1 counts
            for (Mat frame = frames.next(); frame != null && next < sortedIndices.length; frame = frames.next()) {
                cancel.check();
                if (index == sortedIndices[next]) {
                    visitor.visit(index, frame);
                    next++;
                }
                index++;
            }
        }
    }

    @Override
    public void close() {
        if (window != null) {
            window.close();
        }
    }
}
