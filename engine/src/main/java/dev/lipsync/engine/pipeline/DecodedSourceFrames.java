package dev.lipsync.engine.pipeline;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.media.VideoFrames;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;

/** {@link SourceFrames} over a second decoder with a small window, opened lazily. */
final class DecodedSourceFrames implements SourceFrames, AutoCloseable {
    private static final int WINDOW = 8;
    private final Path video;
    private final int count;
    private FrameWindow window;

    DecodedSourceFrames(Path video, int count) {
        this.video = video;
        this.count = count;
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
    public void close() {
        if (window != null) {
            window.close();
        }
    }
}
