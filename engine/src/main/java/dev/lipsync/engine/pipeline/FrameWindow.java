package dev.lipsync.engine.pipeline;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.LipSyncException.Reason;
import dev.lipsync.engine.media.VideoFrames;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Owns the {@link VideoFrames} it is given. Random access to source frames for pass 2, with bounded memory: a window of at most
 * {@code capacity} consecutive decoded frames.
 *
 * <p>Forward requests decode on. A request behind the window (backward play when the video
 * bounces) seeks to the keyframe before {@code index − capacity + 1} and decodes that chunk
 * forward, so the next {@code capacity − 1} backward requests are served from memory. Each
 * backward chunk costs one seek plus up to one keyframe interval of extra decoding: decode
 * is several times faster than encode, and this keeps memory flat however long the video,
 * unlike buffering a whole backward run.
 */
final class FrameWindow implements AutoCloseable {
    private final VideoFrames frames;
    private final Mat[] ring;
    private int lo = 0;
    private int hi = -1;
    private boolean ended;
    private int knownLast = Integer.MAX_VALUE;
    /** Frame {@code hi} was decoded, but into a caller's buffer ({@link #get(int, Mat)}), not the window. */
    private boolean handedOver;
    private int seeks;

    FrameWindow(VideoFrames frames, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.frames = frames;
        this.ring = new Mat[capacity];
        for (int i = 0; i < capacity; i++) {
            ring[i] = new Mat();
        }
    }

    /**
     * Frames of {@code width × height} at {@code bytesPerPixel} (3 for BGR, 1.5 for I420) that fit
     * in {@code budgetBytes}, between 4 and 256 (4 frames of 4K BGR ≈ 100 MB).
     */
    static int capacityFor(int width, int height, double bytesPerPixel, long budgetBytes) {
        return framesWithin(width, height, bytesPerPixel, budgetBytes, 4, 256);
    }

    /** Frames of {@code width × height} at {@code bytesPerPixel} that fit in {@code budgetBytes}, clamped to [min, max]. */
    static int framesWithin(int width, int height, double bytesPerPixel, long budgetBytes, int min, int max) {
        long frameBytes = (long) Math.ceil(bytesPerPixel * Math.max(1, width) * Math.max(1, height));
        return (int) Math.clamp(budgetBytes / frameBytes, min, max);
    }

    /**
     * Source frame {@code index}, valid until the next call; a request past the video's end
     * gets its last frame.
     */
    Mat get(int index) throws LipSyncException {
        if (index < 0) {
            throw new IllegalArgumentException("negative frame index " + index);
        }
        index = Math.min(index, knownLast);
        handedOver = false; // the window keeps what it decodes from here on
        if (index >= lo && index <= hi) {
            return ring[index % ring.length];
        }
        if (index > hi && (index - hi <= ring.length || ended) && frames.nextIndex() == hi + 1) {
            Mat frame = decodeForwardTo(index);
            if (frame != null) {
                return frame;
            }
        }
        while (true) {
            int start = Math.max(0, index - ring.length + 1);
            frames.seek(start);
            seeks++;
            lo = start;
            hi = start - 1;
            ended = false;
            Mat frame = decodeForwardTo(index);
            if (frame != null) {
                return frame;
            }
            if (start == 0) {
                throw new LipSyncException(Reason.VIDEO_UNREADABLE, "video file could not be read to the end");
            }
            index = start - 1; // the whole chunk lies past the end: step back a chunk
        }
    }

    /**
     * As {@link #get(int)}, but a window of one frame decodes the next frame forward straight into
     * {@code buffer} (returned then) and keeps nothing: for forward-only play, which never asks
     * for a frame again, this spares copying each frame out of the window. Other requests are
     * served as by {@link #get(int)}, from the window.
     */
    Mat get(int index, Mat buffer) throws LipSyncException {
        if (ring.length == 1 && index > hi && index == frames.nextIndex() && index <= knownLast && !ended) {
            if (frames.nextInto(buffer) != null) {
                hi = index;
                lo = index + 1; // nothing kept
                handedOver = true;
                return buffer;
            }
            ended = true;
            if (hi >= lo || handedOver) {
                knownLast = Math.min(knownLast, hi);
            }
        }
        return get(index);
    }

    private Mat decodeForwardTo(int index) throws LipSyncException {
        while (hi < index && !ended) {
            if (frames.nextInto(ring[(hi + 1) % ring.length]) == null) {
                ended = true;
                if (hi >= lo) {
                    knownLast = Math.min(knownLast, hi);
                }
                break;
            }
            hi++;
            if (hi - lo + 1 > ring.length) {
                lo++;
            }
        }
        if (hi < lo) {
            return null;
        }
        return ring[Math.min(index, hi) % ring.length];
    }

    /** Seeks done so far (one per backward chunk). */
    int seeks() {
        return seeks;
    }

    int capacity() {
        return ring.length;
    }

    @Override
    public void close() {
        frames.close();
        for (Mat mat : ring) {
            mat.close();
        }
    }
}
