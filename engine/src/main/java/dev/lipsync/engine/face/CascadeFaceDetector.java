package dev.lipsync.engine.face;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.landmarks.FaceBox;
import dev.lipsync.engine.media.I420Frames;
import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Frontal faces by one of the OpenCV cascades shipped inside the bytedeco OpenCV jar, on a
 * downscaled, equalised grey copy of the frame. The frame can be padded by replicating its
 * edges so a face cut by the frame border (a tight crop) can still be found. Not thread-safe:
 * one per tracker.
 */
final class CascadeFaceDetector implements AutoCloseable {
    /** The tracker's first choice: fast, and finds most faces. */
    static final String CASCADE = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/lbpcascades/lbpcascade_frontalface_improved.xml";
    /**
     * Twice as slow and with more false hits, but it finds faces the first misses (a head
     * turned by a quarter, a tilted one): 24 of 24 sampled frames of media/av's LRS2_demo00019,
     * where the first finds none.
     */
    static final String FALLBACK_CASCADE = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";
    /** The long side of the frame the cascade sees; faces below about 24 px there are missed. */
    static final int WORKING_LONG_SIDE = 360;
    /**
     * The search for small faces ({@link #detectSmall}) looks at the frame this many times finer:
     * at 1080p faces from about 45 px instead of 128 px (the cascade's square), which the
     * landmarks still fit (FaceCheck takes boxes from 40 px).
     */
    static final double SMALL_FACE_FACTOR = 3;
    static final int MIN_CASCADE_FACE = 24;
    static final double MAX_UPSCALE = 2.5;
    /** Padding on each side, as a share of the working frame, for faces running off the edge. */
    static final double PAD = 0.15;
    /*
     * The search near a followed face covers its box and a quarter of its side around it (the
     * LBP cascade's square lies inside dlib's box, within 6 % of its centre; the Haar cascade's
     * a little outside it), for faces from NEAR_MIN_SIDE to NEAR_MAX_SIDE times the side
     * expected from the box ({@link #cascadeSide}; the LBP cascade's side was 0.9 to 1.2 times
     * that on the test vectors).
     */
    static final double NEAR_REACH = 0.75;
    static final double NEAR_MIN_SIDE = 0.6;
    static final double NEAR_MAX_SIDE = 1.6;
    /** A search near a followed face looks at it at least this large (working px), finer than the working scale where need be. */
    static final double NEAR_MIN_WORKING_SIDE = MIN_CASCADE_FACE / NEAR_MIN_SIDE;

    /*
     * dlib's HOG box side over the cascade's square side. The LBP cascade's square is smaller
     * than dlib's box and about centred on it: on the 17 faces of shared/testvectors dlib's side
     * was 1.10 to 1.43 times the cascade's (median 1.32), centres within 6 % of the side. The
     * Haar cascade's square is larger: the box refitted from the landmarks was 0.83 to 0.90
     * times its side (medians on four shared clips). Refitting from the landmarks does the rest.
     */
    static final double CASCADE_TO_DLIB_SIDE = 1.3;
    static final double FALLBACK_TO_DLIB_SIDE = 0.9;

    private final CascadeClassifier cascade;
    private final double toDlibSide;

    /** The tracker's first choice ({@link #CASCADE}). */
    CascadeFaceDetector() throws LipSyncException {
        this(CASCADE, CASCADE_TO_DLIB_SIDE);
    }

    /** The search for faces the first choice misses ({@link #FALLBACK_CASCADE}). */
    static CascadeFaceDetector fallback() throws LipSyncException {
        return new CascadeFaceDetector(FALLBACK_CASCADE, FALLBACK_TO_DLIB_SIDE);
    }

    private CascadeFaceDetector(String resource, double toDlibSide) throws LipSyncException {
        this.toDlibSide = toDlibSide;
        try {
            File xml = Loader.cacheResource(CascadeFaceDetector.class, resource);
            cascade = new CascadeClassifier(xml.getAbsolutePath());
            if (cascade.empty()) throw new IllegalStateException("cascade did not load from " + xml);
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new LipSyncException(LipSyncException.Reason.ENGINE_UNAVAILABLE,
                    "The face detector could not be loaded (OpenCV cascade missing from the installation).", e);
        }
    }

    /** The square dlib's detector would draw about this detector's {@code found} box, roughly. */
    FaceBox dlibLike(FaceBox found) {
        return FaceBox.square(found.centerX(), found.centerY(), found.width() * toDlibSide);
    }

    /** The side of this detector's box for a face whose dlib-like box is {@code box}. */
    double cascadeSide(FaceBox box) {
        return box.width() / toDlibSide;
    }

    /**
     * Face boxes in the frame's own pixels, as the cascade draws them (not dlib's boxes). The
     * frame is BGR, or I420 ({@link I420Frames}): the area searched is then converted to BGR
     * first.
     */
    List<FaceBox> detect(Mat frame) {
        return detect(frame, true);
    }

    /**
     * As {@link #detect(Mat)}; without {@code padEdges} faces cut by the frame border are
     * missed, but the search covers 40 % fewer pixels.
     */
    List<FaceBox> detect(Mat frame, boolean padEdges) {
        return searchWholeFrame(frame, workingScale(frame.cols(), I420Frames.pictureHeight(frame)), padEdges, 0, true);
    }

    /**
     * The faces {@link #detect(Mat, boolean)} cannot see: the whole frame {@link #SMALL_FACE_FACTOR}
     * times finer (at most at its own size), for faces smaller than that search's smallest, and
     * without its histogram equalisation, which flattens a small face on a flat background (a
     * webcam picture in the corner of slides): with it neither cascade found that face in 10
     * frames, without it both did in all 10 (and as often as with it on a textured background).
     * About nine times the pixels: for when the usual searches found nothing.
     */
    List<FaceBox> detectSmall(Mat frame, boolean padEdges) {
        double coarse = workingScale(frame.cols(), I420Frames.pictureHeight(frame));
        double fine = Math.min(1.0, SMALL_FACE_FACTOR * coarse);
        // up to twice the coarse search's smallest face: one it could have seen may still have
        // been lost to its equalisation; larger windows found false faces around a small picture
        int largest = (int) Math.ceil(2 * MIN_CASCADE_FACE * fine / coarse);
        return searchWholeFrame(frame, fine, padEdges, largest, false);
    }

    /**
     * The whole frame (BGR, or I420 converted first) at {@code scale}, for faces from
     * {@link #MIN_CASCADE_FACE} to {@code maxSide} pixels at that scale (0: no limit).
     */
    private List<FaceBox> searchWholeFrame(Mat frame, double scale, boolean padEdges, int maxSide, boolean equalise) {
        if (!I420Frames.isI420(frame)) {
            return detect(frame, 0, 0, scale, padEdges, MIN_CASCADE_FACE, maxSide, equalise);
        }
        try (Mat bgr = I420Frames.toBgr(frame)) {
            return detect(bgr, 0, 0, scale, padEdges, MIN_CASCADE_FACE, maxSide, equalise);
        }
    }

    /**
     * Faces of about {@code side} frame pixels in and around the box {@code near}: the search of
     * {@link #detect(Mat, boolean)} at the same working scale (finer for a face too small to be
     * seen there, see {@link #nearScale}), on a square of 1.5 times the box's side about its
     * centre (clipped to the frame) and on a few of the cascade's sizes ({@code side} is in this
     * cascade's terms: see {@link #cascadeSide}).
     * For the face of a 720p talking head, a seventh of the CPU of searching the whole frame.
     */
    List<FaceBox> detectNear(Mat frame, FaceBox near, double side) {
        boolean planar = I420Frames.isI420(frame);
        int width = frame.cols(), height = I420Frames.pictureHeight(frame);
        double scale = nearScale(workingScale(width, height), side);
        int reach = (int) Math.ceil(NEAR_REACH * near.width());
        int x0 = Math.max(0, (int) near.centerX() - reach), y0 = Math.max(0, (int) near.centerY() - reach);
        int x1 = Math.min(width, (int) near.centerX() + reach), y1 = Math.min(height, (int) near.centerY() + reach);
        int minSide = Math.max(MIN_CASCADE_FACE, (int) (NEAR_MIN_SIDE * side * scale));
        if (Math.min(x1 - x0, y1 - y0) * scale < minSide) return new ArrayList<>();
        try (Rect area = new Rect(x0, y0, x1 - x0, y1 - y0);
             Mat crop = planar ? I420Frames.toBgr(frame, area) : new Mat(frame, area)) {
            return detect(crop, x0, y0, scale, false, minSide, (int) Math.ceil(NEAR_MAX_SIDE * side * scale));
        }
    }

    /**
     * The working scale, or a finer one (at most the frame's own size) where a face of
     * {@code side} frame pixels would come out smaller than {@link #NEAR_MIN_WORKING_SIDE} in it,
     * too small for the cascade to confirm at the sizes the near search allows.
     */
    static double nearScale(double working, double side) {
        return side * working >= NEAR_MIN_WORKING_SIDE ? working : Math.max(working, Math.min(1.0, NEAR_MIN_WORKING_SIDE / side));
    }

    /** Small frames (160 px LRS2 crops) are enlarged: the cascade misses faces near its window size. */
    private static double workingScale(int width, int height) {
        return Math.min(MAX_UPSCALE, (double) WORKING_LONG_SIDE / Math.max(width, height));
    }

    /**
     * Faces in {@code bgr} (at {@code (offsetX, offsetY)} in the frame), searched at {@code scale},
     * from {@code minSide} to {@code maxSide} working pixels (0: no limit); boxes in frame pixels.
     */
    private List<FaceBox> detect(Mat bgr, int offsetX, int offsetY, double scale, boolean padEdges,
                                 int minSide, int maxSide) {
        return detect(bgr, offsetX, offsetY, scale, padEdges, minSide, maxSide, true);
    }

    /** As above; without {@code equalise}, the grey image goes to the cascade as it is. */
    private List<FaceBox> detect(Mat bgr, int offsetX, int offsetY, double scale, boolean padEdges,
                                 int minSide, int maxSide, boolean equalise) {
        int w = bgr.cols(), h = bgr.rows();
        int sw = Math.max(1, (int) Math.round(w * scale)), sh = Math.max(1, (int) Math.round(h * scale));
        List<FaceBox> out = new ArrayList<>();
        try (Mat grey = new Mat(); Mat small = new Mat(); Mat padded = new Mat(); RectVector found = new RectVector()) {
            cvtColor(bgr, grey, COLOR_BGR2GRAY);
            if (scale != 1.0) {
                resize(grey, small, new Size(sw, sh), 0, 0, scale < 1.0 ? INTER_AREA : INTER_LINEAR);
            } else {
                grey.copyTo(small);
            }
            int padX = padEdges ? (int) Math.round(sw * PAD) : 0, padY = padEdges ? (int) Math.round(sh * PAD) : 0;
            copyMakeBorder(small, padded, padY, padY, padX, padX, BORDER_REPLICATE);
            if (equalise) {
                equalizeHist(padded, padded);
            }
            cascade.detectMultiScale(padded, found, 1.15, 3, 0, new Size(minSide, minSide), new Size(maxSide, maxSide));
            for (long i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                double left = offsetX + (r.x() - padX) / scale, top = offsetY + (r.y() - padY) / scale;
                double side = r.width() / scale;
                out.add(new FaceBox((int) Math.round(left), (int) Math.round(top),
                        (int) Math.round(left + side), (int) Math.round(top + r.height() / scale)));
            }
        }
        // OpenCV gathers the candidates on its worker threads, so they come in a different order
        // from run to run; the tracker links them in order, and the same video must give the
        // same output
        out.sort(Comparator.comparingInt(FaceBox::left).thenComparingInt(FaceBox::top)
                .thenComparingInt(FaceBox::right).thenComparingInt(FaceBox::bottom));
        return out;
    }

    @Override
    public void close() {
        cascade.close();
    }
}
