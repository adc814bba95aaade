package dev.lipsync.engine.face;

import dev.lipsync.engine.EngineConfig;
import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.landmarks.BoxRefit;
import dev.lipsync.engine.landmarks.FaceBox;
import dev.lipsync.engine.landmarks.GrayImage;
import dev.lipsync.engine.landmarks.LandmarkSmoother;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.landmarks.ShapePredictor;
import dev.lipsync.engine.media.I420Frames;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds and follows faces through a video, frame by frame. Detection (an OpenCV cascade) runs
 * on each of a shot's first {@value #DETECT_AT_SHOT_START} frames (the cascade misses a face in
 * one frame and finds it in the next: a face missed at the cut would otherwise wait for the
 * periodic look), every {@value #DETECT_EVERY} frames, and whenever a face is lost or none is
 * followed. Those searches cover the whole frame, except the periodic ones while faces are
 * followed: they search around the followed faces, and the whole frame only every
 * {@value #FULL_SEARCH_EVERY} frames (a face coming into a shot is found within that many
 * frames). In between detections, each face is followed from its previous landmarks (box
 * re-fitted from the points, landmarks predicted again). Detections confirm existing tracks by
 * overlap; a track the detector has not confirmed for {@value #MAX_UNCONFIRMED_DETECTIONS}
 * detection rounds is dropped. A face lost by tracking and found again in the same place
 * within {@value #REVIVE_WITHIN_FRAMES} frames keeps its id. Faces that are too small, in
 * profile, not face-shaped or on a flat image are left out: frames without a usable face just
 * yield an empty list.
 *
 * <p>Where the fast LBP cascade finds nothing, a slower Haar cascade looks too (it finds heads
 * turned or tilted that the first misses): around each followed face the first did not
 * confirm, and over the whole frame, while no face is followed, at most every
 * {@value #FALLBACK_EVERY} frames (a frame without faces would otherwise cost both searches);
 * where that finds none either, it looks once more at three times the resolution, at most
 * every {@value #SMALL_FACE_EVERY} frames, for faces too small for the usual search (a wide
 * shot at 1080p or 4K) or lost on a flat background (a webcam picture on slides). A small face,
 * once followed, is confirmed at a resolution that shows it large enough.
 * Not thread-safe; one per video.
 */
public final class FaceTracker implements AutoCloseable {
    static final int DETECT_EVERY = 10;
    /*
     * The periodic detections between these only search around the followed faces, for the
     * faces themselves: they confirm the tracks at a seventh of the cost of searching the whole
     * frame, and a face coming into the shot waits at most this many frames to be found.
     */
    static final int FULL_SEARCH_EVERY = 30;
    static final int DETECT_AT_SHOT_START = 10;
    /** Refit only when the box moved more than this fraction of its side (see BoxRefit). */
    static final double REFIT_TOLERANCE = 0.02;
    static final int MAX_UNCONFIRMED_DETECTIONS = 3;
    static final int MAX_FACES = 8;
    /** Fewest frames between two whole-frame searches by the fallback cascade while no face is followed. */
    static final int FALLBACK_EVERY = 10;
    /**
     * Fewest frames between two searches for faces too small for the usual whole-frame search,
     * while none is followed (each costs many usual ones: a 10 s 1080p video without faces took
     * up to 9 % more CPU, the whole run, with one every 30 frames; 20 % with one every 10).
     */
    static final int SMALL_FACE_EVERY = 30;
    /** Box overlap above which a detection is the face a track already follows. */
    static final double SAME_FACE_IOU = 0.3;
    /** How long a lost track's id waits to be taken up by a face found in the same place. */
    static final int REVIVE_WITHIN_FRAMES = 15;

    private final ShapePredictor model;
    private final double fps;
    private final CascadeFaceDetector detector;
    /** Loaded the first time the first cascade misses. */
    private CascadeFaceDetector fallback;
    private final List<Track> tracks = new ArrayList<>();
    /** Tracks lost in the last few frames of this shot: a face found again where one was lost keeps its id. */
    private final List<Track> recentlyLost = new ArrayList<>();
    private int nextTrackId;
    private long frameIndex = -1;
    private long lastDetection = Long.MIN_VALUE / 2;
    private long lastFullSearch = Long.MIN_VALUE / 2;
    private long lastFallbackSearch = Long.MIN_VALUE / 2;
    private long lastSmallSearch = Long.MIN_VALUE / 2;
    private long shotStart;

    public FaceTracker(ShapePredictor model, double fps) throws LipSyncException {
        if (!(fps > 0)) throw new IllegalArgumentException("fps must be positive");
        this.model = model;
        this.fps = fps;
        this.detector = new CascadeFaceDetector();
    }

    /** A tracker with the configured landmark model (loaded once per JVM). */
    public static FaceTracker create(EngineConfig config, double fps) throws LipSyncException {
        return new FaceTracker(ShapePredictor.shared(config), fps);
    }

    /**
     * The usable faces of the next frame of the video.
     *
     * @param frame BGR (CV_8UC3) or I420 ({@code media.I420Frames}), not modified
     * @param shotCut true on the first frame of a new shot: all tracks end, new ids follow
     */
    public List<TrackedFace> process(Mat frame, boolean shotCut) {
        return process(frame, GrayImage.ofFrame(frame, null), shotCut);
    }

    /** As {@link #process(Mat, boolean)}, with the frame's grey image already made ({@link GrayImage#ofFrame} or {@link GrayImage#fromBgr}). */
    public List<TrackedFace> process(Mat frame, GrayImage img, boolean shotCut) {
        frameIndex++;
        if (shotCut || frameIndex == 0) {
            shotStart = frameIndex;
        }
        if (shotCut) {
            tracks.clear();
            recentlyLost.clear();
        }
        recentlyLost.removeIf(t -> frameIndex - t.lostAt > REVIVE_WITHIN_FRAMES);

        boolean lost = false;
        for (Iterator<Track> it = tracks.iterator(); it.hasNext(); ) {
            Track t = it.next();
            BoxRefit.Fitted f = BoxRefit.predictRefitted(model, img, BoxRefit.boxFor(t.raw), 1, REFIT_TOLERANCE);
            if (FaceCheck.usable(model, img, f.box(), f.landmarks())) {
                t.box = f.box();
                t.raw = f.landmarks();
            } else {
                it.remove();
                lose(t);
                lost = true;
            }
        }
        dropDuplicates();

        // Padding for faces cut by the border costs 40 % more search: searches do without it while
        // every followed face lies inside the frame; the periodic look for new faces beside
        // followed ones then searches only around them.
        if (shotCut || lost || tracks.isEmpty() || frameIndex - shotStart < DETECT_AT_SHOT_START
                || frameIndex - lastFullSearch >= FULL_SEARCH_EVERY) {
            lastDetection = frameIndex;
            lastFullSearch = frameIndex;
            link(searchWholeFrame(frame, tracks.isEmpty() || !allInside(img)), img);
        } else if (frameIndex - lastDetection >= DETECT_EVERY) {
            lastDetection = frameIndex;
            link(allInside(img) ? searchNearTracks(frame) : searchWholeFrame(frame, true), img);
        }

        List<TrackedFace> out = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            out.add(new TrackedFace(t.id, t.box, t.smoother.smooth(t.raw), t.raw));
        }
        return out;
    }

    /** Whether every followed face lies inside the frame. */
    private boolean allInside(GrayImage img) {
        for (Track t : tracks) {
            if (t.box.left() < 0 || t.box.top() < 0 || t.box.right() >= img.width() || t.box.bottom() >= img.height()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first cascade's faces in the whole frame, as dlib-like squares, and the fallback's
     * where the first left a followed face unconfirmed or, now and then, found none at all.
     */
    private List<FaceBox> searchWholeFrame(Mat frame, boolean padEdges) {
        List<FaceBox> found = dlibLike(detector, detector.detect(frame, padEdges));
        if (tracks.isEmpty()) {
            if (found.isEmpty() && frameIndex - lastFallbackSearch >= FALLBACK_EVERY) {
                lastFallbackSearch = frameIndex;
                found = dlibLike(fallback(), fallback().detect(frame, padEdges));
                if (found.isEmpty() && frameIndex - lastSmallSearch >= SMALL_FACE_EVERY) {
                    // a wide shot's face can be too small for the coarse search (below about
                    // 128 px at 1080p): the Haar cascade looks again, finer (on 100 px faces in
                    // 1080p it found 10 of 10 where the LBP one found none)
                    lastSmallSearch = frameIndex;
                    found = dlibLike(fallback(), fallback().detectSmall(frame, padEdges));
                }
            }
            return found;
        }
        return confirmMissed(frame, found);
    }

    /** Faces of about each followed face's size around it: enough to confirm the followed faces. */
    private List<FaceBox> searchNearTracks(Mat frame) {
        List<FaceBox> found = new ArrayList<>();
        for (Track t : tracks) {
            found.addAll(dlibLike(detector, detector.detectNear(frame, t.box, detector.cascadeSide(t.box))));
        }
        return confirmMissed(frame, found);
    }

    /**
     * {@code found}, plus what the fallback finds near each followed face none of it overlaps
     * (over the whole padded frame where the area searched near the face would run off the
     * frame: that search is not padded, and this cascade's square, larger than the followed
     * box and higher, may stick out of the frame).
     */
    private List<FaceBox> confirmMissed(Mat frame, List<FaceBox> found) {
        List<FaceBox> out = new ArrayList<>(found);
        boolean searchedWholeFrame = false;
        for (Track t : tracks) {
            boolean confirmed = false;
            for (FaceBox f : found) {
                confirmed |= t.box.iou(f) > SAME_FACE_IOU;
            }
            if (confirmed || searchedWholeFrame) {
                continue;
            }
            CascadeFaceDetector second = fallback();
            if (inside(t.box.centerX(), t.box.centerY(), CascadeFaceDetector.NEAR_REACH * t.box.width(), frame)) {
                out.addAll(dlibLike(second, second.detectNear(frame, t.box, second.cascadeSide(t.box))));
            } else {
                out.addAll(dlibLike(second, second.detect(frame, true)));
                searchedWholeFrame = true;
            }
        }
        return out;
    }

    /** Whether the square of half-side {@code half} about ({@code cx}, {@code cy}) lies inside the frame (BGR or I420). */
    private static boolean inside(double cx, double cy, double half, Mat frame) {
        return cx - half >= 0 && cy - half >= 0 && cx + half < frame.cols() && cy + half < I420Frames.pictureHeight(frame);
    }

    private static List<FaceBox> dlibLike(CascadeFaceDetector by, List<FaceBox> found) {
        List<FaceBox> out = new ArrayList<>(found.size());
        for (FaceBox f : found) {
            out.add(by.dlibLike(f));
        }
        return out;
    }

    private CascadeFaceDetector fallback() {
        if (fallback == null) {
            try {
                fallback = CascadeFaceDetector.fallback();
            } catch (LipSyncException e) {
                throw new IllegalStateException(e.getMessage(), e); // the same installation loaded the first
            }
        }
        return fallback;
    }

    /** Detections (dlib-like squares) confirm the tracks they overlap or, where their landmarks make a usable face, start new ones. */
    private void link(List<FaceBox> detections, GrayImage img) {
        List<Track> confirmed = new ArrayList<>();
        for (FaceBox start : detections) {
            Track same = bestOverlap(start);
            if (same != null) {
                confirmed.add(same);
                continue;
            }
            if (tracks.size() >= MAX_FACES) continue;
            BoxRefit.Fitted f = BoxRefit.predictRefitted(model, img, start, 2);
            // A real face's landmarks settle near the detection; a false detection's wander off.
            if (f.box().iou(start) < SAME_FACE_IOU || !FaceCheck.usable(model, img, f.box(), f.landmarks())) continue;
            if (bestOverlap(f.box()) != null || overlapsTrackedFace(f.box())) continue;
            Track t = revive(f.box(), f.landmarks());
            tracks.add(t);
            confirmed.add(t);
        }
        for (Iterator<Track> it = tracks.iterator(); it.hasNext(); ) {
            Track t = it.next();
            if (confirmed.contains(t)) {
                t.unconfirmed = 0;
            } else if (++t.unconfirmed >= MAX_UNCONFIRMED_DETECTIONS) {
                it.remove(); // not revived: the detector has doubted it for a while
            }
        }
    }

    private void lose(Track t) {
        t.lostAt = frameIndex;
        recentlyLost.add(t);
    }

    /** The track lost nearby (same id, smoothing restarted: frames were missed), or a new one. */
    private Track revive(FaceBox box, Landmarks raw) {
        Track best = bestOverlap(recentlyLost, box);
        if (best == null) return new Track(nextTrackId++, box, raw, new LandmarkSmoother(fps));
        recentlyLost.remove(best);
        best.box = box;
        best.raw = raw;
        best.unconfirmed = 0;
        best.smoother.reset();
        return best;
    }

    private Track bestOverlap(FaceBox box) {
        return bestOverlap(tracks, box);
    }

    /** The track among {@code among} overlapping {@code box} most, above {@link #SAME_FACE_IOU}; null if none. */
    private static Track bestOverlap(List<Track> among, FaceBox box) {
        Track best = null;
        double bestIou = SAME_FACE_IOU;
        for (Track t : among) {
            double iou = t.box.iou(box);
            if (iou > bestIou) {
                bestIou = iou;
                best = t;
            }
        }
        return best;
    }

    /**
     * Real faces side by side never contain each other's centre; a cascade hit on the hair or
     * forehead of a followed face does (and can still yield a face-shaped set of points).
     */
    private boolean overlapsTrackedFace(FaceBox box) {
        for (Track t : tracks) {
            if (contains(t.box, box.centerX(), box.centerY()) || contains(box, t.box.centerX(), t.box.centerY())) return true;
        }
        return false;
    }

    static boolean contains(FaceBox b, double x, double y) {
        return x >= b.left() && x <= b.right() && y >= b.top() && y <= b.bottom();
    }

    /** Two tracks that converged onto one face: keep the older. */
    private void dropDuplicates() {
        for (int i = tracks.size() - 1; i > 0; i--) {
            for (int j = 0; j < i; j++) {
                FaceBox a = tracks.get(i).box, b = tracks.get(j).box;
                if (contains(a, b.centerX(), b.centerY()) || contains(b, a.centerX(), a.centerY())) {
                    tracks.remove(i); // a duplicate, not a lost face: no revival
                    break;
                }
            }
        }
    }

    @Override
    public void close() {
        detector.close();
        if (fallback != null) {
            fallback.close();
        }
    }

    private static final class Track {
        final int id;
        final LandmarkSmoother smoother;
        FaceBox box;
        Landmarks raw;
        int unconfirmed;
        long lostAt;

        Track(int id, FaceBox box, Landmarks raw, LandmarkSmoother smoother) {
            this.id = id;
            this.box = box;
            this.raw = raw;
            this.smoother = smoother;
        }
    }
}
