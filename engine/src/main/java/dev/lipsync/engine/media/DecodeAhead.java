package dev.lipsync.engine.media;

import dev.lipsync.engine.CancelledException;
import dev.lipsync.engine.LipSyncException;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Frames read by a thread of its own, a few ahead of the caller: forward from
 * {@link VideoFrames}, or in any order a {@link Source} knows in advance. Decoding and colour
 * conversion then run on one core while the caller works on the other (a pass otherwise
 * waits for the decoder on every frame).
 *
 * <p>Work on each frame that needs nothing from the caller (a grey copy, say) can run on the
 * decoding thread too: the {@code alongside} function, whose result {@link #alongside()} gives.
 *
 * <p>The {@code Mat} returned by {@link #next()} stays valid until the following call. Memory:
 * {@code depth + 1} decoded frames. Not for concurrent callers: one reader, one consumer.
 *
 * @param <T> what {@code alongside} makes of a frame
 */
public final class DecodeAhead<T> implements AutoCloseable {
    /** A frame buffer and what was made alongside the frame it holds (or, when free, last held). */
    private record Decoded(Mat frame, Object alongside) {
    }

    /** Marks the end of the video in the queue. */
    private static final Decoded END = new Decoded(null, null);

    /**
     * Where frames come from: the next one, or null at the end; called on the decoding thread
     * only. The frame is written into {@code buffer} where the source can (it is returned then),
     * else returned in a {@code Mat} of the source's own and copied.
     */
    public interface Source {
        Mat next(Mat buffer) throws LipSyncException;
    }

    /**
     * What is made of each frame on the decoding thread, right after the source gave it.
     * {@code recycled} is what was made of an earlier frame whose buffer this frame now uses
     * (the caller is done with it), or null: its memory may be reused.
     */
    public interface Alongside<T> {
        T apply(Mat frame, T recycled) throws LipSyncException;
    }

    private final Source frames;
    private final AutoCloseable owned;
    private final Alongside<T> alongside;
    private final BlockingQueue<Decoded> ready;
    private final BlockingQueue<Decoded> free;
    private final ArrayDeque<Mat> all = new ArrayDeque<>();
    private final Thread decoder;
    private volatile boolean stopped;
    /** What ended the decoding thread other than the end of the frames: rethrown to the caller. */
    private volatile Throwable failure;
    private Decoded lent;
    private boolean ended;

    /** {@link #DecodeAhead(VideoFrames, int, Alongside)} with nothing alongside. */
    public DecodeAhead(VideoFrames frames, int depth) {
        this(frames, depth, null);
    }

    /**
     * Starts reading {@code frames} from its current position; closing this closes them.
     *
     * @param depth frames decoded ahead of the caller (at least 1)
     * @param alongside run on each frame on the decoding thread (null: nothing)
     */
    public DecodeAhead(VideoFrames frames, int depth, Alongside<T> alongside) {
        this(frames::nextInto, frames, depth, alongside);
    }

    /**
     * Reads {@code source} ahead of the caller.
     *
     * @param owned closed with this (after the decoding thread has stopped); null for none
     */
    public DecodeAhead(Source source, AutoCloseable owned, int depth, Alongside<T> alongside) {
        this.frames = source;
        this.owned = owned;
        this.alongside = alongside;
        int buffers = Math.max(1, depth) + 1;
        this.ready = new ArrayBlockingQueue<>(buffers + 1);
        this.free = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            Mat m = new Mat();
            all.add(m);
            free.add(new Decoded(m, null));
        }
        this.decoder = Thread.ofPlatform().name("decode-ahead").daemon().start(this::decodeLoop);
    }

    private void decodeLoop() {
        try {
            while (!stopped) {
                Decoded slot = free.take();
                Mat buffer = slot.frame();
                Mat frame = frames.next(buffer);
                if (frame == null || stopped) {
                    break;
                }
                if (frame != buffer) {
                    frame.copyTo(buffer);
                }
                @SuppressWarnings("unchecked")
                T recycled = (T) slot.alongside();
                ready.put(new Decoded(buffer, alongside == null ? null : alongside.apply(buffer, recycled)));
            }
        } catch (InterruptedException e) {
            return; // closed: nobody reads any more
        } catch (LipSyncException | RuntimeException | Error e) {
            failure = e; // the caller would otherwise wait for ever
        }
        ready.offer(END); // room is always left for it
    }

    /**
     * The next frame, or {@code null} after the last one.
     *
     * @throws LipSyncException what {@link VideoFrames#next()} threw, in the caller's thread
     */
    public Mat next() throws LipSyncException {
        if (ended) {
            return null;
        }
        if (lent != null) {
            free.add(lent);
            lent = null;
        }
        Decoded m;
        try {
            m = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        if (m == END) {
            ended = true;
            if (failure instanceof LipSyncException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return null;
        }
        lent = m;
        return m.frame();
    }

    /**
     * Hands the frame {@link #next()} last returned over to the caller for good, and takes
     * {@code replacement} (a {@code Mat} the caller no longer uses, of any size) to decode into
     * in its place. Closing this then closes {@code replacement}, not the frame.
     */
    public void exchange(Mat replacement) {
        if (lent == null) {
            throw new IllegalStateException("no frame to exchange");
        }
        Mat given = lent.frame();
        if (replacement != given) {
            all.removeIf(m -> m == given);
            all.add(replacement);
            lent = new Decoded(replacement, lent.alongside());
        }
    }

    /** What {@code alongside} made of the frame {@link #next()} last returned (null if none). */
    @SuppressWarnings("unchecked")
    public T alongside() {
        return lent == null ? null : (T) lent.alongside();
    }

    @Override
    public void close() {
        stopped = true;
        decoder.interrupt();
        try {
            decoder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception ignored) {
                // nothing more to read from it either way
            }
        }
        for (Mat m : all) {
            m.close();
        }
    }
}
