package dev.lipsync.engine.face;

import static org.bytedeco.opencv.global.opencv_core.hconcat;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.FaceBox;
import dev.lipsync.engine.landmarks.TestAssets;
import dev.lipsync.engine.landmarks.TestVideo;
import dev.lipsync.engine.media.I420Frames;
import dev.lipsync.engine.media.VideoFrames;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

class CascadeFaceDetectorTest {
    @Test
    void searchingNearAFaceFindsWhatTheWholeFrameSearchFinds() throws Exception {
        try (CascadeFaceDetector detector = new CascadeFaceDetector()) {
            for (String name : new String[] {"man_en.mp4", "man_suit_en.mp4", "woman_blue_en.mp4", "woman_glasses_en.mp4"}) {
                List<FaceBox> whole = new ArrayList<>(), near = new ArrayList<>();
                TestVideo.forEachFrame(TestAssets.sharedFile("media/video/" + name), 1, (frame, i) -> {
                    whole.addAll(detector.detect(frame, false));
                    for (FaceBox face : whole) {
                        // as the tracker asks: around its dlib-sized box, for faces of the cascade's size
                        FaceBox followed = FaceBox.square(face.centerX(), face.centerY(),
                                face.width() * CascadeFaceDetector.CASCADE_TO_DLIB_SIDE);
                        near.addAll(detector.detectNear(frame, followed, face.width()));
                    }
                });
                assertEquals(1, whole.size(), name + ": " + whole);
                assertEquals(1, near.size(), name + ": " + near);
                double iou = near.get(0).iou(whole.get(0));
                assertTrue(iou > 0.7, name + ": near " + near.get(0) + ", whole frame " + whole.get(0) + ", overlap " + iou);
            }
        }
    }

    /**
     * OpenCV finds the candidates on several threads, in an order that changes from run to run;
     * the faces come back sorted, so that the tracker links them the same way every time.
     */
    @Test
    void severalFacesComeBackInTheSameOrderEveryTime() throws Exception {
        try (CascadeFaceDetector detector = new CascadeFaceDetector();
             VideoFrames left = VideoFrames.open(TestAssets.sharedFile("media/video/woman_glasses_en.mp4"));
             VideoFrames right = VideoFrames.open(TestAssets.sharedFile("media/video/man_en.mp4"));
             Mat a = new Mat(); Mat b = new Mat(); Mat both = new Mat()) {
            resize(left.next(), a, new Size(400, 400));
            resize(right.next(), b, new Size(400, 400));
            hconcat(a, b, both);
            List<FaceBox> first = detector.detect(both, false);
            assertEquals(2, first.size(), first.toString());
            assertTrue(first.get(0).left() < first.get(1).left(), "sorted from left to right: " + first);
            for (int run = 0; run < 20; run++) {
                assertEquals(first, detector.detect(both, false), "run " + run);
            }
        }
    }

    @Test
    void aNearSearchLooksFinerOnlyWhereTheFaceWouldBeTooSmall() {
        double working = 360.0 / 1920;
        assertEquals(working, CascadeFaceDetector.nearScale(working, 300), 1e-12, "56 working px: as it was");
        assertEquals(40 / 100.0, CascadeFaceDetector.nearScale(working, 100), 1e-12, "19 working px: looked at as 40");
        assertEquals(1.0, CascadeFaceDetector.nearScale(working, 20), 1e-12, "never above the frame's own size");
    }

    /** An I420 frame is searched as its BGR conversion is: the same boxes, whole frame and near a face. */
    @Test
    void anI420FrameIsSearchedAsItsBgrConversion() throws Exception {
        try (CascadeFaceDetector detector = new CascadeFaceDetector()) {
            for (String name : new String[] {"man_en.mp4", "woman_glasses_en.mp4"}) {
                TestVideo.forEachFrame(TestAssets.sharedFile("media/video/" + name), 1, (frame, i) -> {
                    try (Mat i420 = I420Frames.fromBgr(frame); Mat bgr = I420Frames.toBgr(i420)) {
                        List<FaceBox> whole = detector.detect(bgr, true);
                        assertEquals(1, whole.size(), name);
                        assertEquals(whole, detector.detect(i420, true), name);
                        FaceBox followed = FaceBox.square(whole.get(0).centerX(), whole.get(0).centerY(),
                                whole.get(0).width() * CascadeFaceDetector.CASCADE_TO_DLIB_SIDE);
                        assertEquals(detector.detectNear(bgr, followed, whole.get(0).width()),
                                detector.detectNear(i420, followed, whole.get(0).width()), name);
                    }
                });
            }
        }
    }
}
