package dev.lipsync.engine.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.media.MediaFixtures;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** Odd but possible inputs from a tracker: compose must not throw and must stay inside its window. */
class ComposeRobustnessTest {

    @Test
    void noisyShiftedAndYawedFacesNeverThrowOrTouchPixelsOutsideTheWindow() {
        Random r = new Random(11);
        Mat target = SyntheticFace.texture(320, 240, 90, 12);
        Mat source = SyntheticFace.texture(300, 300, 160, 13);
        byte[] before = MediaFixtures.bytes(target);
        for (int trial = 0; trial < 60; trial++) {
            Landmarks t = perturb(SyntheticFace.landmarks(r.nextBoolean()), r, trial);
            Landmarks s = perturb(SyntheticFace.landmarks(r.nextBoolean()), r, trial + 1000);
            Landmarks shape = r.nextBoolean() ? s : MouthReshape.withOpening(s, r.nextDouble() * 0.4);
            Mat out = target.clone();
            int[] win = MouthCompositor.composeInPlace(out, t, source, s, shape, 0.3 + 0.7 * r.nextDouble());
            byte[] after = MediaFixtures.bytes(out);
            for (int p = 0; p < before.length; p++) {
                if (before[p] != after[p]) {
                    int x = (p / 3) % 320, y = (p / 3) / 320;
                    boolean inside = win != null && x >= win[0] && x < win[0] + win[2] && y >= win[1] && y < win[1] + win[3];
                    assertEquals(true, inside, "trial " + trial + ": pixel " + x + "," + y + " outside the window changed");
                }
            }
        }
    }

    /** Noise, shifts that push the face partly out of frame, horizontal squash (yaw), roll. */
    private static Landmarks perturb(Landmarks l, Random r, int trial) {
        float[] xy = l.toArray();
        double noise = trial % 3 == 0 ? 6 : 1.5;
        double squash = 0.5 + r.nextDouble() * 0.6, roll = (r.nextDouble() - 0.5) * 0.8;
        double dx = (r.nextDouble() - 0.5) * 260, dy = (r.nextDouble() - 0.5) * 200;
        double cx = 128, cy = 150;
        for (int i = 0; i < 68; i++) {
            double x = (xy[2 * i] - cx) * (i <= 8 || (i >= 36 && i <= 41) ? squash : 1), y = xy[2 * i + 1] - cy;
            double rx = Math.cos(roll) * x - Math.sin(roll) * y, ry = Math.sin(roll) * x + Math.cos(roll) * y;
            xy[2 * i] = (float) (cx + rx + dx + r.nextGaussian() * noise);
            xy[2 * i + 1] = (float) (cy + ry + dy + r.nextGaussian() * noise);
        }
        return new Landmarks(xy);
    }
}
