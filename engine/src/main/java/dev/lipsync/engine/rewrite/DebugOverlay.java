package dev.lipsync.engine.rewrite;

import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

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
            Label at = Label.place(label, b[0], b[1], frame.cols(), thickness);
            putText(frame, label, new Point(at.x(), at.y()), FONT_HERSHEY_SIMPLEX, at.scale(), colour, thickness, 8,
                    false);
        }
    }

    /**
     * Where a face's label goes: above its box, in a font that fits the frame's width (a small
     * video's label had run off its right edge), moved left and down as far as needed to lie
     * wholly inside the frame.
     *
     * @param x, y the label's baseline origin; {@code scale} OpenCV's font scale
     */
    record Label(int x, int y, double scale) {
        static final double SCALE = 0.4, MIN_SCALE = 0.25;

        static Label place(String text, int boxLeft, int boxTop, int frameWidth, int thickness) {
            double scale = SCALE * thickness;
            Size size = textSize(text, scale, thickness);
            if (size.width() > frameWidth - 4) {
                scale = Math.max(MIN_SCALE, scale * (frameWidth - 4) / size.width());
                size = textSize(text, scale, thickness);
            }
            int x = Math.max(2, Math.min(boxLeft, frameWidth - size.width() - 2));
            int y = Math.max(size.height() + 2, boxTop - 4);
            return new Label(x, y, scale);
        }

        private static Size textSize(String text, double scale, int thickness) {
            return getTextSize(text, FONT_HERSHEY_SIMPLEX, scale, thickness, new int[1]);
        }
    }
}
