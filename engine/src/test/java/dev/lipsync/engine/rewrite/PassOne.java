package dev.lipsync.engine.rewrite;

import dev.lipsync.engine.EngineConfig;
import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.face.FaceTracker;
import dev.lipsync.engine.media.VideoFrames;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;

/** Pass 1 of a lip-sync on a whole video, as the pipeline runs it (tests). */
final class PassOne {
    private PassOne() {
    }

    /** The face log of {@code video} (I420, 25 fps tracking), after {@link FaceAnalyzer#finish}. */
    static FaceLog faceLog(Path video) throws LipSyncException {
        try (VideoFrames frames = VideoFrames.open(video, true);
             FaceAnalyzer analyzer = new FaceAnalyzer(FaceTracker.create(EngineConfig.defaults(), 25),
                     new FaceCropSpool(0))) {
            int i = 0;
            for (Mat frame = frames.next(); frame != null; frame = frames.next(), i++) {
                analyzer.analyse(i, frame, analyzer.prepare(frame, null));
            }
            analyzer.finish(i);
            return analyzer.log();
        }
    }
}
