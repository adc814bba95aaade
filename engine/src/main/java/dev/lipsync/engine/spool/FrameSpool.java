package dev.lipsync.engine.spool;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.LipSyncException.Reason;
import java.io.IOException;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The first frames of a video as pass 1 decoded them, raw, in a temporary file, so that pass 2
 * reads them back instead of decoding the video a second time: reading a 720p I420 frame from
 * the file costs about a sixth of the CPU of decoding it (write and read together), and frames
 * come back in any order without seeking, which backward play (a video shorter than its audio)
 * otherwise pays for in decoding.
 *
 * <p>A video is spooled whole or not at all ({@link #forVideo}): within the byte budget ({@code
 * EngineConfig.frameSpoolBytes}), a share of the space the temporary directory has left when
 * the spool starts ({@link ScratchFile#withinFreeSpace}), and half of what the kernel lets stay
 * unwritten before it writes file data to disk in the background ({@link WritebackThreshold}:
 * past it, filling the spool slowed pass 1 down more than the spool spared pass 2; half, since
 * the face spool and other programs' files count too). A spool that only held the first part of
 * a long video cost more than it saved as well (a 3-minute 720p video with the first 1 GB
 * spooled: 50-52 s against 47-48 s without). Where the header's frame count was too low, the
 * first frame that does not fit, or a write the disk refuses, ends the spool, and what it holds
 * stays readable: pass 2 decodes only the frames after it. All frames must have the first one's size and type; the spool takes continuous images only
 * (one block of memory, as {@code media.I420Frames} lays out a picture).
 *
 * <p>One thread appends (pass 1's analysis thread) while none reads; then any one thread reads.
 */
public final class FrameSpool implements AutoCloseable {
    private final long budget;
    /** Created with the first frame kept; null before, and after close. */
    private ScratchFile file;
    private int rows;
    private int cols;
    private int type;
    private long frameBytes;
    /** Frames kept, 0 … frames − 1; written by the appending thread, read by pass 2's. */
    private volatile int frames;
    /** No frame is added any more: the budget is reached, the disk failed, or a frame did not fit the layout. */
    private boolean ended;

    /** A spool of at most {@code budget} bytes, as given ({@link #forVideo} works out the budget). */
    FrameSpool(long budget) {
        this.budget = budget;
    }

    /**
     * A spool for a video of about {@code expectedFrames} frames of {@code frameBytes} each (0:
     * not known), empty unless all of them fit in {@code budgetBytes}, the temporary directory's
     * free-space share and half the kernel's writeback threshold, as they are now.
     */
    public static FrameSpool forVideo(long budgetBytes, long expectedFrames, long frameBytes) {
        long capped = Math.min(ScratchFile.withinFreeSpace(budgetBytes), WritebackThreshold.bytes() / 2);
        return new FrameSpool(wholeOrNothing(capped, expectedFrames, frameBytes));
    }

    /** {@code budget} where {@code frames} frames of {@code frameBytes} fit in it, else 0. */
    static long wholeOrNothing(long budget, long frames, long frameBytes) {
        return frames > 0 && frameBytes > 0 && frames > budget / frameBytes ? 0 : budget;
    }

    /**
     * Keeps {@code frame} as frame number {@link #frames()} if the spool has not ended and it
     * fits; otherwise the spool ends here.
     */
    public void append(Mat frame) {
        if (ended) {
            return;
        }
        if (frames == 0) {
            rows = frame.rows();
            cols = frame.cols();
            type = frame.type();
            frameBytes = frame.total() * frame.elemSize();
        }
        if (!frame.isContinuous() || frame.rows() != rows || frame.cols() != cols || frame.type() != type
                || frameBytes == 0 || (frames + 1L) * frameBytes > budget) {
            ended = true;
            return;
        }
        try {
            if (file == null) {
                file = ScratchFile.create("lipsync-frames-", ".raw");
            }
            file.append(frame.data().capacity(frameBytes).asByteBuffer());
            frames++;
        } catch (IOException e) {
            ended = true; // a full disk costs pass 2 a decode of the frames not kept, not the job
        }
    }

    /** Frames kept: frames 0 to {@code frames() − 1} can be {@link #read}. */
    public int frames() {
        return frames;
    }

    /**
     * Frame {@code index} (under {@link #frames()}) written into {@code target}, which is given
     * new memory unless it already has the frame's size and type; returns {@code target}.
     *
     * @throws LipSyncException when the file can no longer be read (the temporary directory
     *                          was removed under a running job)
     */
    public Mat read(int index, Mat target) throws LipSyncException {
        if (index < 0 || index >= frames) {
            throw new IndexOutOfBoundsException("frame " + index + " of " + frames + " spooled");
        }
        target.create(rows, cols, type);
        try {
            file.readFully(target.data().capacity(frameBytes).asByteBuffer(), index * frameBytes);
        } catch (IOException e) {
            throw new LipSyncException(Reason.INTERNAL, "could not read the frame spool", e);
        }
        return target;
    }

    /** Removes the file. */
    @Override
    public void close() {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
