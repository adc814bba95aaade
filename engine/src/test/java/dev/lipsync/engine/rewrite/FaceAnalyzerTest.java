package dev.lipsync.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.landmarks.FacePose;
import dev.lipsync.engine.landmarks.Landmarks;
import org.junit.jupiter.api.Test;

class FaceAnalyzerTest {
    /** dlib's mean face with its eye centres at about (100, 100) and (160, 100): lips about y 158-178. */
    private static float[] meanFace() {
        float[] xy = new float[2 * Landmarks.COUNT];
        for (int i = 0; i < 6; i++) {
            double angle = 2 * Math.PI * i / 6;
            xy[2 * (36 + i)] = (float) (100 + 10 * Math.cos(angle));
            xy[2 * (36 + i) + 1] = (float) (100 + 4 * Math.sin(angle));
            xy[2 * (42 + i)] = (float) (160 + 10 * Math.cos(angle));
            xy[2 * (42 + i) + 1] = (float) (100 + 4 * Math.sin(angle));
        }
        for (int i = 27; i <= 30; i++) {
            xy[2 * i] = 130;
            xy[2 * i + 1] = 100 + 10 * (i - 27);
        }
        return FacePose.meanFaceOn(new Landmarks(xy));
    }

    private static float lipsBottom(float[] xy) {
        float bottom = 0;
        for (int i = 48; i < Landmarks.COUNT; i++) {
            bottom = Math.max(bottom, xy[2 * i + 1]);
        }
        return bottom;
    }

    @Test
    void aMouthIsReRenderedOnlyWithItsLipsInsideTheFrame() {
        float[] xy = meanFace();
        Landmarks face = new Landmarks(xy);
        int bottom = (int) Math.ceil(lipsBottom(xy));
        float mouthWidth = xy[2 * 54] - xy[2 * 48];
        assertTrue(FaceAnalyzer.mouthInFrame(face, 320, bottom + 1, 0));
        assertFalse(FaceAnalyzer.mouthInFrame(face, 320, bottom - 2, 0), "the bottom edge cuts the lower lip");
        assertFalse(FaceAnalyzer.mouthInFrame(face, 320, bottom + 1, 0.1), "within the margin of the edge");
        assertTrue(FaceAnalyzer.mouthInFrame(face, 320, bottom + 1 + (int) Math.ceil(0.1 * mouthWidth), 0.1));
        assertFalse(FaceAnalyzer.mouthInFrame(face, (int) xy[2 * 54] - 2, 240, 0), "the right edge cuts a corner");

        // the predictor squeezes lips cut by the edge into the frame: the eyes and nose say where they are
        float[] squeezed = xy.clone();
        for (int i = 48; i < Landmarks.COUNT; i++) {
            squeezed[2 * i + 1] -= 12;
        }
        assertTrue(lipsBottom(squeezed) < bottom - 10);
        assertFalse(FaceAnalyzer.mouthInFrame(new Landmarks(squeezed), 320, bottom - 8, 0));
    }
}
