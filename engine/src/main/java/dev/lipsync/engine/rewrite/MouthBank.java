package dev.lipsync.engine.rewrite;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_420;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.LipSyncException.Reason;
import dev.lipsync.engine.compose.MouthCompositor;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.pipeline.SourceFrames;
import dev.lipsync.engine.spool.ScratchFile;
import dev.lipsync.engine.timing.TimingPlan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * The donor mouths pass 2 needs, cut out between the passes from pass 1's copies of the faces
 * ({@link FaceCropSpool}), or where those do not hold them, from their source frames in one
 * in-order decode ({@link SourceFrames#visitInOrder}). Pass 2 then never seeks: unit
 * selection jumps around the video, and each jump of a decoder costs up to a keyframe interval
 * of decoding, which made fetching donor frames the slowest part of the engine.
 *
 * <p>The first {@value #RAW_BUDGET_BYTES} bytes of crops are kept as they are, in memory; the
 * next {@value #RAW_FILE_BUDGET_BYTES} (and at most a share of the temporary directory's free
 * space, {@link ScratchFile#withinFreeSpace}) as they are in a temporary file, read back as
 * written (a few minutes of video: no JPEG work at all, whose encoding between the passes and
 * decoding at each use cost about 1 ms a crop, and the same pixels whether a crop came from the
 * face spool or from a decode); the rest of a long video's go to that file as JPEG (quality 95,
 * chroma at half resolution on the video's own 4:2:0 grid, which the decoded frames already
 * had). Memory stays bounded whatever the video's length, and so does the file but for its JPEG.
 */
final class MouthBank implements AutoCloseable {
    private static final int JPEG_QUALITY = 95;
    static final long RAW_BUDGET_BYTES = 24L << 20;
    static final long RAW_FILE_BUDGET_BYTES = 1024L << 20;

    /** A donor face's crop: the decoded pixels and where they sat in the source frame. */
    record Crop(Mat image, int x, int y) {
        /** {@code l} in the crop's coordinates. */
        Landmarks shift(Landmarks l) {
            float[] xy = l.toArray();
            for (int i = 0; i < xy.length; i += 2) {
                xy[i] -= x;
                xy[i + 1] -= y;
            }
            return new Landmarks(xy);
        }
    }

    /** A crop in the file: JPEG ({@code length} bytes), or raw BGR rows ({@code width × height}) where {@code jpeg} is false. */
    private record Entry(long offset, int length, int x, int y, int width, int height, boolean jpeg) {
    }

    private final ScratchFile file;
    private final Map<Long, Entry> entries = new HashMap<>();
    private final Map<Long, Crop> raw = new HashMap<>();
    private long rawBytes;
    /** Bytes of raw crops in the file, and how many it may take. */
    private long rawFileBytes;
    private final long rawFileBudget;
    /** Crops taken from pass 1's spool, and decoded again, by {@link #extract}. */
    private int spooled, decoded;

    private final long rawBudget;

    private MouthBank(ScratchFile file, long rawBudget, long rawFileBudget) {
        this.file = file;
        this.rawBudget = rawBudget;
        this.rawFileBudget = rawFileBudget;
    }

    /**
     * Cuts out every (person, bank frame) pair {@code plan} uses: the union of the windows its
     * composites read ({@link MouthCompositor#readWindow}), which is all pass 2 needs of it;
     * from {@code spool} where it holds that window, else decoded from {@code sources}.
     */
    static MouthBank extract(MouthPlan plan, Speakers speakers, TimingPlan timing, int frameWidth, int frameHeight,
                             FaceCropSpool spool, SourceFrames sources) throws LipSyncException {
        TreeMap<Integer, Map<Integer, int[]>> wanted = new TreeMap<>(); // frame -> person -> {x0, y0, x1, y1}
        // each output frame's window on its own (a mesh and its warp's border: ~0.15 ms a frame,
        // while the other core has nothing to do between the passes), then gathered in order
        int outputs = plan.bankFrame().length;
        int[][] windows = new int[outputs][]; // {x0, y0, x1, y1, donor frame, person}, or null
        IntStream.range(0, outputs).parallel().forEach(i -> {
            MouthRenderer.Composite c = MouthRenderer.composite(speakers, plan, i, timing.sourceFrame(i));
            int[] w = c == null ? null : MouthCompositor.readWindow(c.target(), c.donor(), c.shape(), c.neckShift(),
                    frameWidth, frameHeight);
            windows[i] = w == null ? null : new int[] {w[0], w[1], w[0] + w[2], w[1] + w[3], c.donorFrame(), c.person()};
        });
        for (int[] w : windows) {
            if (w != null) {
                wanted.computeIfAbsent(w[4], k -> new HashMap<>()).merge(w[5], Arrays.copyOf(w, 4), MouthBank::union);
            }
        }
        MouthBank bank = open(RAW_BUDGET_BYTES, ScratchFile.withinFreeSpace(RAW_FILE_BUDGET_BYTES));
        try {
            TreeMap<Integer, Map<Integer, int[]>> toDecode = new TreeMap<>();
            for (Map.Entry<Integer, Map<Integer, int[]>> f : wanted.entrySet()) {
                int frame = f.getKey();
                for (Map.Entry<Integer, int[]> e : f.getValue().entrySet()) {
                    int person = e.getKey();
                    int[] b = e.getValue();
                    int[] window = onChromaGrid(new int[] {b[0], b[1], b[2] - b[0], b[3] - b[1]});
                    int track = speakers.faceOf(person, frame).trackId();
                    if (spool.contains(frame, track, window)) {
                        spool.read(frame, track, window, crop -> bank.keep(person, frame, crop, window[0], window[1]));
                        bank.spooled++;
                    } else {
                        toDecode.computeIfAbsent(frame, k -> new HashMap<>()).put(person, window);
                    }
                }
            }
            int[] frames = toDecode.keySet().stream().mapToInt(Integer::intValue).toArray();
            sources.visitInOrder(frames, (index, image) -> {
                for (Map.Entry<Integer, int[]> e : toDecode.get(index).entrySet()) {
                    bank.put(e.getKey(), index, image, e.getValue());
                    bank.decoded++;
                }
            });
            return bank;
        } catch (LipSyncException | RuntimeException e) {
            bank.close();
            throw e;
        }
    }

    private static int[] union(int[] a, int[] b) {
        return new int[] {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])};
    }

    /**
     * An empty bank keeping up to {@code rawBudget} bytes of crops uncompressed in memory, and
     * {@code rawFileBudget} more uncompressed in its file.
     */
    static MouthBank open(long rawBudget, long rawFileBudget) throws LipSyncException {
        try {
            return new MouthBank(ScratchFile.create("lipsync-mouths-", ".crops"), rawBudget, rawFileBudget);
        } catch (IOException e) {
            throw new LipSyncException(Reason.INTERNAL, "could not create a temporary file for the mouth bank", e);
        }
    }

    /**
     * Keeps {@code window} ({x, y, width, height}) of {@code image}, person {@code person}'s
     * donor in source frame {@code frame}; its origin moves to even coordinates (the video's
     * 4:2:0 chroma grid, which the JPEG keeps).
     */
    void put(int person, int frame, Mat image, int[] window) throws LipSyncException {
        int[] r = onChromaGrid(window);
        try (Mat crop = image.apply(new Rect(r[0], r[1], r[2], r[3]))) {
            keep(person, frame, crop, r[0], r[1]);
        }
    }

    /** Keeps {@code crop}, whose top-left pixel is ({@code x}, {@code y}) of its source frame. */
    private void keep(int person, int frame, Mat crop, int x, int y) throws LipSyncException {
        if (crop.type() != CV_8UC3) {
            throw new IllegalArgumentException("donor crops are BGR (CV_8UC3)");
        }
        long size = 3L * crop.cols() * crop.rows();
        if (rawBytes + size <= rawBudget) {
            raw.put(key(person, frame), new Crop(crop.clone(), x, y));
            rawBytes += size;
            return;
        }
        if (rawFileBytes + size <= rawFileBudget) {
            try (Mat rows = crop.isContinuous() ? new Mat(crop) : crop.clone()) {
                long offset = file.append(rows.data().capacity(size).asByteBuffer());
                entries.put(key(person, frame), new Entry(offset, (int) size, x, y, crop.cols(), crop.rows(), false));
                rawFileBytes += size;
                return;
            } catch (IOException e) {
                throw new LipSyncException(Reason.INTERNAL, "could not write the mouth bank (disk full?)", e);
            }
        }
        try (BytePointer encoded = new BytePointer();
             IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, JPEG_QUALITY, IMWRITE_JPEG_SAMPLING_FACTOR,
                     IMWRITE_JPEG_SAMPLING_FACTOR_420)) {
            if (!imencode(".jpg", crop, encoded, params)) {
                return; // that frame's mouth is simply not available: the output frame passes through
            }
            ByteBuffer bytes = encoded.limit(encoded.capacity()).asByteBuffer();
            int length = bytes.remaining();
            entries.put(key(person, frame), new Entry(file.append(bytes), length, x, y, crop.cols(), crop.rows(), true));
        } catch (IOException e) {
            throw new LipSyncException(Reason.INTERNAL, "could not write the mouth bank (disk full?)", e);
        }
    }

    /** A window grown by at most a pixel left and up so that it starts on even coordinates (null stays null). */
    static int[] onChromaGrid(int[] window) {
        if (window == null) {
            return null;
        }
        int x = window[0] & ~1, y = window[1] & ~1;
        return new int[] {x, y, window[2] + window[0] - x, window[3] + window[1] - y};
    }

    /**
     * Person {@code person}'s crop from source frame {@code frame}, or null when none was cut.
     * The caller closes the returned image and does not modify it: a crop kept in memory is
     * shared with the bank (a header of its own over the bank's pixels, not a copy).
     */
    Crop crop(int person, int frame) throws LipSyncException {
        Crop kept = raw.get(key(person, frame));
        if (kept != null) {
            return new Crop(new Mat(kept.image()), kept.x(), kept.y());
        }
        Entry e = entries.get(key(person, frame));
        if (e == null) {
            return null;
        }
        if (!e.jpeg()) {
            Mat image = new Mat(e.height(), e.width(), CV_8UC3);
            try {
                file.readFully(image.data().capacity(e.length()).asByteBuffer(), e.offset());
            } catch (IOException ex) {
                image.close();
                throw new LipSyncException(Reason.INTERNAL, "could not read the mouth bank", ex);
            }
            return new Crop(image, e.x(), e.y());
        }
        byte[] jpeg = new byte[e.length()];
        try {
            file.readFully(ByteBuffer.wrap(jpeg), e.offset());
        } catch (IOException ex) {
            throw new LipSyncException(Reason.INTERNAL, "could not read the mouth bank", ex);
        }
        // native memory freed here, not whenever a garbage collection gets to a direct buffer
        try (BytePointer data = new BytePointer(jpeg); Mat encoded = new Mat(1, e.length(), CV_8UC1, data)) {
            Mat image = imdecode(encoded, IMREAD_COLOR);
            return image == null || image.empty() ? null : new Crop(image, e.x(), e.y());
        }
    }

    int spooled() {
        return spooled;
    }

    int decoded() {
        return decoded;
    }

    int size() {
        return entries.size() + raw.size();
    }

    private static long key(int person, int frame) {
        return ((long) person << 32) | (frame & 0xffffffffL);
    }

    @Override
    public void close() {
        raw.values().forEach(c -> c.image().close());
        raw.clear();
        file.close();
    }
}
