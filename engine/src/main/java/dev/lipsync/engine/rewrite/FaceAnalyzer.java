package dev.lipsync.engine.rewrite;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.face.FaceTracker;
import dev.lipsync.engine.face.IdentityPatch;
import dev.lipsync.engine.face.TrackedFace;
import dev.lipsync.engine.landmarks.GrayImage;
import dev.lipsync.engine.pipeline.FrameAnalyzer;
import dev.lipsync.engine.shots.FrameSignature;
import dev.lipsync.engine.shots.ShotCutDetector;
import java.util.List;
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

    FaceAnalyzer(FaceTracker tracker, FaceCropSpool spool) {
        this.tracker = tracker;
        this.spool = spool;
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
        List<TrackedFace> faces = tracker.process(frame, p.grey(), cut);
        log.add(cut, faces);
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
        if (!log.anyFace()) {
            throw new LipSyncException(LipSyncException.Reason.NO_FACE, "no face found in the video");
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
