package dev.lipsync.engine.landmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OneEuroFilterTest {
    static final double FPS = 25;

    @Test
    void removesMostJitterFromAStillSignal() {
        OneEuroFilter f = new OneEuroFilter(FPS, 1.5, 4.0 / 40, 1.0);
        Random rnd = new Random(1);
        double in = 0, out = 0;
        int n = 0;
        for (int i = 0; i < 500; i++) {
            double noise = rnd.nextGaussian(); // 1 px jitter around 100
            double y = f.filter(100 + noise);
            if (i >= 25) {
                in += noise * noise;
                out += (y - 100) * (y - 100);
                n++;
            }
        }
        double ratio = Math.sqrt(out / n) / Math.sqrt(in / n);
        System.out.printf("One-Euro on a still signal: jitter kept %.2f%n", ratio);
        assertTrue(ratio < 0.5, "jitter ratio " + ratio);
    }

    @Test
    void followsARampWithLittleLag() {
        OneEuroFilter f = new OneEuroFilter(FPS, 1.5, 4.0 / 40, 1.0);
        double speed = 100; // px per second, a fast head or lip movement at 40 px eye distance
        double worstLagFrames = 0;
        for (int i = 0; i < 100; i++) {
            double x = speed * i / FPS;
            double y = f.filter(x);
            if (i >= 15) worstLagFrames = Math.max(worstLagFrames, (x - y) / (speed / FPS));
        }
        System.out.printf("One-Euro on a 100 px/s ramp: lag %.2f frames%n", worstLagFrames);
        assertTrue(worstLagFrames < 1.0, "lag " + worstLagFrames + " frames");
    }

    @Test
    void firstSampleAndResetPassThrough() {
        OneEuroFilter f = new OneEuroFilter(FPS, 1, 0, 1);
        assertEquals(5.0, f.filter(5));
        assertTrue(f.filter(10) < 10);
        f.reset();
        assertEquals(-3.0, f.filter(-3));
    }

    @Test
    void smootherScalesWithFaceSize() {
        // the same relative movement on a face twice the size is smoothed the same way
        float[] small = new float[136], big = new float[136];
        LandmarkSmoother a = new LandmarkSmoother(FPS), b = new LandmarkSmoother(FPS);
        double lastA = 0, lastB = 0;
        for (int t = 0; t < 20; t++) {
            for (int i = 0; i < 68; i++) {
                small[2 * i] = i + (i == 36 ? 0 : 0) + t;
                big[2 * i] = 2 * (i + t);
            }
            small[2 * 45] = 40 + t; // eye distance 40 vs 80
            small[2 * 36] = t;
            big[2 * 45] = 2 * (40 + t);
            big[2 * 36] = 2 * t;
            lastA = a.smooth(new Landmarks(small)).x(10);
            lastB = b.smooth(new Landmarks(big)).x(10);
        }
        assertEquals(2 * lastA, lastB, 1e-3);
    }
}
