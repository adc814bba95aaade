package dev.lipsync.engine.rewrite;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.face.FaceTracker;
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
    private final FaceTracker tracker;
    private final ShotCutDetector cuts = new ShotCutDetector();
    private final FaceLog log = new FaceLog();
    private final FaceCropSpool spool;

    FaceAnalyzer(FaceTracker tracker, FaceCropSpool spool) {
        this.tracker = tracker;
        this.spool = spool;
    }

    @Override
    public void analyse(int frameIndex, Mat frame, GrayImage grey) {
        boolean cut = cuts.isCut(FrameSignature.of(frame));
        List<TrackedFace> faces = tracker.process(frame, grey, cut);
        log.add(cut, faces);
        for (TrackedFace f : faces) {
            spool.put(frameIndex, f.trackId(), f.landmarks(), frame);
        }
    }

    @Override
    public boolean needsGrey() {
        return true;
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
