package dev.lipsync.engine.rewrite;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.LipSyncException.Reason;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.landmarks.PointBounds;
import dev.lipsync.engine.media.I420Frames;
import dev.lipsync.engine.mouth.MouthShape;
import dev.lipsync.engine.spool.ScratchFile;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Pass 1's copy of every tracked face's lower face, as decoded, in a temporary file: the
 * donor crops pass 2 needs are cut from here instead of decoding the whole video a third time
 * between the passes (a decode costs about as much CPU as the rest of the analysis together).
 *
 * <p>Which frames will lend a mouth is known only after pass 1, so every face is kept, in the
 * box of its jaw, nose and mouth landmarks grown by {@value #SIDE_MARGIN} eye distances left
 * and right and {@value #BELOW_MARGIN} below: over 6700 composites of 19 development clips
 * driven by another voice, what a composite read ({@code MouthCompositor.readWindow}) reached
 * at most 0.49 eye distances beyond that box sideways, 0.79 below (the warp's ring and neck
 * anchors, which follow the head's pose in the output frame) and never above it. A donor whose
 * window does not hold what a composite reads is decoded as before ({@link #contains}). The
 * file stops growing at its byte budget ({@code EngineConfig.faceSpoolBytes}, and at most a share
 * of the temporary directory's free space: {@link ScratchFile#withinFreeSpace}; a long video):
 * what it holds by then stays, and only the donors of later frames are decoded (the decoder
 * seeks past the spooled part), so its cost is bounded and the decode it spares shrinks
 * gradually as videos get longer.
 */
final class FaceCropSpool implements AutoCloseable {
    /** Eye distances kept beyond the lower face's landmarks left and right. */
    static final double SIDE_MARGIN = 0.6;
    /** Eye distances kept below the lower face's landmarks (none are needed above). */
    static final double BELOW_MARGIN = 0.95;
    /** The landmarks the window is built around: jaw (0–16), nose (27–35) and mouth (48–67). */
    private static final int[] LOWER_FACE = lowerFace();

    /** A kept window at {@code offset} in the file, BGR or (with even corners) I420. */
    private record Entry(long offset, int x, int y, int width, int height, boolean i420) {
        boolean contains(int[] window) {
            return window[0] >= x && window[1] >= y && window[0] + window[2] <= x + width
                    && window[1] + window[3] <= y + height;
        }
    }

    private final long budget;
    private final Map<Long, Entry> entries = new HashMap<>();
    /** Created with the first face kept; null before and once closed. */
    private ScratchFile file;
    private long bytes;
    /** The disk failed us: nothing is kept any more. */
    private boolean dropped;
    /** The budget is reached: what is kept stays, nothing more is added. */
    private boolean full;

    FaceCropSpool(long budgetBytes) {
        this.budget = ScratchFile.withinFreeSpace(budgetBytes);
    }

    /** The window kept of a face with {@code landmarks} in a {@code width}×{@code height} frame: {x, y, w, h}, or null. */
    static int[] window(Landmarks landmarks, int width, int height) {
        float[] xy = landmarks.toArray();
        PointBounds b = PointBounds.of(xy, LOWER_FACE);
        double minX = b.minX(), minY = b.minY(), maxX = b.maxX(), maxY = b.maxY();
        double eyes = MouthShape.eyeDistance(landmarks);
        if (!(eyes > 0) || !Double.isFinite(minX + maxX + minY + maxY)) {
            return null;
        }
        int x0 = (int) Math.max(0, Math.floor(minX - SIDE_MARGIN * eyes)), y0 = (int) Math.max(0, Math.floor(minY));
        int x1 = (int) Math.min(width, Math.ceil(maxX + SIDE_MARGIN * eyes));
        int y1 = (int) Math.min(height, Math.ceil(maxY + BELOW_MARGIN * eyes));
        return x1 - x0 < 2 || y1 - y0 < 2 ? null : new int[] {x0, y0, x1 - x0, y1 - y0};
    }

    /**
     * Keeps the face {@code trackId} of source frame {@code frame} (BGR, or I420: kept in I420,
     * half the bytes, its window grown to even corners), in its {@link #window}.
     */
    void put(int frame, int trackId, Landmarks landmarks, Mat image) {
        if (dropped || full) {
            return;
        }
        boolean planar = I420Frames.isI420(image);
        int frameHeight = I420Frames.pictureHeight(image);
        int[] w = window(landmarks, image.cols(), frameHeight);
        if (w == null) {
            return;
        }
        Rect area = planar ? I420Frames.evenWindow(w[0], w[1], w[2], w[3], image.cols(), frameHeight)
                : new Rect(w[0], w[1], w[2], w[3]);
        long size = (planar ? 3L : 6L) * area.width() * area.height() / 2;
        if (bytes + size > budget) {
            area.close();
            // stop here even for smaller faces later: what is kept is then the video's first part, which
            // the donor decoder seeks past; a face kept now and then further on would spare no decoding
            full = true;
            return;
        }
        try (area; Mat crop = planar ? I420Frames.crop(image, area) : image.apply(area).clone()) {
            if (file == null) {
                file = ScratchFile.create("lipsync-faces-", ".raw");
            }
            long offset = file.append(crop.data().capacity(size).asByteBuffer());
            entries.put(key(frame, trackId), new Entry(offset, area.x(), area.y(), area.width(), area.height(), planar));
            bytes += size;
        } catch (IOException e) {
            drop(); // a full disk costs the third decode the spool would have spared, not the job
        }
    }

    /** Whether {@code window} ({x, y, w, h}) of face {@code trackId} in {@code frame} can be read from here. */
    boolean contains(int frame, int trackId, int[] window) {
        Entry e = entries.get(key(frame, trackId));
        return e != null && e.contains(window);
    }

    /**
     * Hands {@code visitor} the pixels of {@code window} (frame coordinates, inside what
     * {@link #contains} accepts) as pass 1 decoded them, in BGR (converted from I420 as
     * {@code I420Frames.toBgr} converts): a Mat valid only during the call.
     */
    void read(int frame, int trackId, int[] window, CropVisitor visitor) throws LipSyncException {
        Entry e = entries.get(key(frame, trackId));
        if (e == null || !e.contains(window)) {
            throw new IllegalArgumentException("face " + trackId + " of frame " + frame + " is not spooled there");
        }
        try {
            if (e.i420()) {
                readI420(e, window, visitor);
                return;
            }
            // only the window's rows, full width: one read, about half of the kept face
            int rowBytes = 3 * e.width();
            int size = rowBytes * window[3];
            try (BytePointer buffer = new BytePointer(size)) {
                file.readFully(buffer.capacity(size).asByteBuffer(), e.offset() + (long) rowBytes * (window[1] - e.y()));
                try (Mat rows = new Mat(window[3], e.width(), CV_8UC3, buffer);
                     Mat part = rows.apply(new Rect(window[0] - e.x(), 0, window[2], window[3]))) {
                    visitor.visit(part);
                }
            }
        } catch (IOException ex) {
            throw new LipSyncException(Reason.INTERNAL, "could not read the face spool", ex);
        }
    }

    /** An I420 entry read whole, and its part that is {@code window} converted to BGR. */
    private void readI420(Entry e, int[] window, CropVisitor visitor) throws IOException, LipSyncException {
        int size = 3 * e.width() * e.height() / 2;
        try (BytePointer buffer = new BytePointer(size);
             Mat planes = new Mat(e.height() * 3 / 2, e.width(), CV_8UC1, buffer);
             Rect inside = new Rect(window[0] - e.x(), window[1] - e.y(), window[2], window[3])) {
            file.readFully(buffer.capacity(size).asByteBuffer(), e.offset());
            try (Mat part = I420Frames.toBgr(planes, inside)) {
                visitor.visit(part);
            }
        }
    }

    /** Receives a spooled window. */
    @FunctionalInterface
    interface CropVisitor {
        void visit(Mat crop) throws LipSyncException;
    }

    /** Faces kept (0 once dropped). */
    int size() {
        return entries.size();
    }

    /** The disk full or failing: the donors come from a decode instead, and the disk space goes back now. */
    private void drop() {
        dropped = true;
        entries.clear();
        close();
    }

    private static long key(int frame, int trackId) {
        return ((long) frame << 32) | (trackId & 0xffffffffL);
    }

    private static int[] lowerFace() {
        int[] out = new int[17 + 9 + 20];
        int k = 0;
        for (int i = 0; i <= 16; i++) {
            out[k++] = i;
        }
        for (int i = 27; i <= 35; i++) {
            out[k++] = i;
        }
        for (int i = 48; i <= 67; i++) {
            out[k++] = i;
        }
        return out;
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
