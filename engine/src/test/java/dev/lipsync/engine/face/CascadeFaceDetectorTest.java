package dev.lipsync.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.FaceBox;
import dev.lipsync.engine.landmarks.TestAssets;
import dev.lipsync.engine.landmarks.TestVideo;
import dev.lipsync.engine.media.I420Frames;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
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
