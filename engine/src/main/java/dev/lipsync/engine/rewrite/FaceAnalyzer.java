package dev.lipsync.engine.rewrite;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.face.FaceTracker;
import dev.lipsync.engine.face.IdentityPatch;
import dev.lipsync.engine.face.LowerFaceLook;
import dev.lipsync.engine.face.TrackedFace;
import dev.lipsync.engine.face.UnderChinPatch;
import dev.lipsync.engine.landmarks.FacePose;
import dev.lipsync.engine.landmarks.GrayImage;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.pipeline.FrameAnalyzer;
import dev.lipsync.engine.shots.FrameSignature;
import dev.lipsync.engine.shots.ShotCutDetector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Pass 1: shot cuts and tracked faces of every source frame, into a {@link FaceLog}, and each
 * face's pixels into a {@link FaceCropSpool} for the donor crops.
 */
final class FaceAnalyzer implements FrameAnalyzer {
    /** Each face's identity patch is sampled on every this many frames (640 pixels read, against the landmarks' 7,500). */
    static final int IDENTITY_EVERY = 3;

    private final FaceTracker tracker;
    private final ShotCutDetector cuts = new ShotCutDetector();
    private final FaceLog log = new FaceLog();
    private final FaceCropSpool spool;
    private final Map<Integer, Boolean> mouthCutByTrack = new HashMap<>();
    /** Some face was left out because the frame's edge cut its mouth. */
    private boolean sawCutMouth;

    FaceAnalyzer(FaceTracker tracker, FaceCropSpool spool) {
        this.tracker = tracker;
        this.spool = spool;
    }

    /**
     * Share of the mouth's width a cut mouth's lips must come inside the frame's edges to count as
     * whole again: a mouth near the edge is not switched between re-rendered and left as it is
     * from one frame to the next.
     */
    static final double MOUTH_BACK_MARGIN = 0.1;

    /**
     * Whether {@code face}'s mouth is cut by the frame's edge ({@link #mouthInFrame}), with
     * hysteresis per track: cut when its lips reach past the edge, whole again once they are
     * {@value #MOUTH_BACK_MARGIN} of the mouth's width inside it.
     */
    private boolean mouthCut(TrackedFace face, int width, int height) {
        boolean wasCut = mouthCutByTrack.getOrDefault(face.trackId(), false);
        boolean cut = !mouthInFrame(face.landmarks(), width, height, wasCut ? MOUTH_BACK_MARGIN : 0);
        mouthCutByTrack.put(face.trackId(), cut);
        sawCutMouth |= cut;
        return cut;
    }

    /**
     * Whether a face's lips lie inside the frame, {@code margin} of the mouth's width from its
     * edges: the lips as predicted (landmarks 48-67) and where the face's eyes and nose put them
     * ({@link FacePose#meanFaceOn}). Where the edge cuts the mouth (an extreme close-up, a face
     * leaving the picture) the predictor squeezes the lips into the frame, and a mouth rendered
     * onto them showed smeared skin where the lips had been: such a face is left as it is and
     * lends no mouth (its track goes on, for when the mouth comes back into the picture).
     */
    static boolean mouthInFrame(Landmarks points, int width, int height, double margin) {
        double pixels = margin * Math.hypot(points.x(54) - points.x(48), points.y(54) - points.y(48));
        return lipsInside(points.toArray(), width, height, pixels)
                && lipsInside(FacePose.meanFaceOn(points), width, height, pixels);
    }

    private static boolean lipsInside(float[] xy, int width, int height, double margin) {
        for (int i = 48; i < Landmarks.COUNT; i++) {
            float x = xy[2 * i], y = xy[2 * i + 1];
            if (x < margin || y < margin || x > width - 1 - margin || y > height - 1 - margin) {
                return false;
            }
        }
        return true;
    }

    /** What the decoding thread makes of a frame: its grey image (read lazily) and its shot signature. */
    private record Prepared(GrayImage grey, FrameSignature signature) {
    }

    @Override
    public Object prepare(Mat frame, Object recycled) {
        GrayImage reuse = recycled instanceof Prepared p ? p.grey() : null;
        return new Prepared(GrayImage.ofFrame(frame, reuse), FrameSignature.of(frame));
    }

    @Override
    public void analyse(int frameIndex, Mat frame, Object prepared) {
        Prepared p = (Prepared) prepared;
        boolean cut = cuts.isCut(p.signature());
        List<TrackedFace> faces = new ArrayList<>(tracker.process(frame, p.grey(), cut));
        faces.removeIf(f -> mouthCut(f, p.grey().width(), p.grey().height()));
        List<int[]> looks = new ArrayList<>(faces.size());
        List<byte[]> underChins = new ArrayList<>(faces.size());
        for (TrackedFace f : faces) {
            looks.add(LowerFaceLook.of(p.grey(), f.landmarks()));
            underChins.add(UnderChinPatch.of(p.grey(), f.landmarks()));
        }
        log.add(cut, faces, looks, underChins);
        for (TrackedFace f : faces) {
            spool.put(frameIndex, f.trackId(), f.landmarks(), frame);
            if (frameIndex % IDENTITY_EVERY == 0) {
                float[] patch = IdentityPatch.of(p.grey(), f.landmarks());
                if (patch != null) {
                    log.addIdentity(f.trackId(), patch);
                }
            }
        }
    }

    @Override
    public void finish(int frameCount) throws LipSyncException {
        tracker.close();
        log.dropOccluded();
        if (!log.anyFace()) {
            throw new LipSyncException(LipSyncException.Reason.NO_FACE, sawCutMouth
                    ? "no face in the video shows its whole mouth (the edge of the picture cuts it)"
                    : "no face found in the video");
        }
    }

    FaceLog log() {
        return log;
    }

    FaceCropSpool spool() {
        return spool;
    }

    @Override
    public void close() {
        spool.close();
    }
}
