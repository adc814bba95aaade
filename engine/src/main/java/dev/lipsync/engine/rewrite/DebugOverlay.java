package dev.lipsync.engine.rewrite;

import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * {@code --debug-overlay}: every tracked face's box and landmarks, the re-rendered speaker in
 * green (others red), with its track id and the source frame its mouth came from; frames left
 * alone because the face listens to someone off screen say so.
 */
final class DebugOverlay {
    private static final Scalar SPEAKER = new Scalar(0, 255, 0, 0);
    private static final Scalar OTHER = new Scalar(0, 0, 255, 0);

    private final FaceLog log;
    private final Speakers speakers;

    DebugOverlay(FaceLog log, Speakers speakers) {
        this.log = log;
        this.speakers = speakers;
    }

    void draw(Mat frame, int sourceFrame, FaceLog.Face speaker, int bankFrame) {
        int thickness = Math.max(1, frame.cols() / 640);
        for (FaceLog.Face f : log.faces(sourceFrame)) {
            boolean isSpeaker = speaker != null && f.trackId() == speaker.trackId();
            Scalar colour = isSpeaker ? SPEAKER : OTHER;
            int[] b = f.box();
            rectangle(frame, new Point(b[0], b[1]), new Point(b[2], b[3]), colour, thickness, 8, 0);
            float[] xy = f.landmarks();
            for (int k = 0; k < xy.length; k += 2) {
                circle(frame, new Point(Math.round(xy[k]), Math.round(xy[k + 1])), thickness, colour, -1, 8, 0);
            }
            String label = "track " + f.trackId() + (isSpeaker && bankFrame >= 0 ? " mouth from " + bankFrame
                    : speakers.listening(sourceFrame) ? " listening: speech off screen" : "");
            putText(frame, label, new Point(b[0], Math.max(12, b[1] - 4)), FONT_HERSHEY_SIMPLEX,
                    0.4 * thickness, colour, thickness, 8, false);
        }
    }
}
