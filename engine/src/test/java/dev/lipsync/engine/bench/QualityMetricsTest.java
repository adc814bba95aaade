package dev.lipsync.engine.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QualityMetricsTest {

    @Test
    void findsTheLagAtWhichTheSeriesLineUp() {
        double[] a = new double[60];
        double[] b = new double[60];
        for (int i = 0; i < 60; i++) {
            a[i] = Math.sin(i * 0.7) + 0.3 * Math.cos(i * 1.9);
        }
        for (int i = 0; i < 60; i++) {
            b[i] = i >= 2 ? 3 * a[i - 2] + 1 : Double.NaN; // b is a, two frames later, scaled
        }
        QualityMetrics.Lagged best = QualityMetrics.bestLag(a, b, 3);
        assertEquals(2, best.lag());
        assertEquals(1.0, best.r(), 1e-12);
        // within ±1 frame the true lag is out of reach: a lower correlation at lag 1
        QualityMetrics.Lagged near = QualityMetrics.bestLag(a, b, 1);
        assertEquals(1, near.lag());
        assertTrue(near.r() < 0.9, "r at the wrong lag: " + near.r());
    }

    @Test
    void negativeCorrelationIsReportedAsSuch() {
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {6, 5, 4, 3, 2, 1};
        assertEquals(-1.0, QualityMetrics.bestLag(a, b, 0).r(), 1e-12);
    }

    @Test
    void meanQuantileAndZScoreSkipMissingFrames() {
        assertEquals(2.0, QualityMetrics.mean(1, Double.NaN, 3), 1e-12);
        assertTrue(Double.isNaN(QualityMetrics.mean(Double.NaN)));
        double[] x = {0, Double.NaN, 10, 20, 30, 40};
        assertEquals(20.0, QualityMetrics.quantile(x, 0.5), 1e-12);
        assertEquals(4.0, QualityMetrics.quantile(x, 0.1), 1e-12);
        double[] z = QualityMetrics.zScore(new double[] {1, Double.NaN, 3});
        assertEquals(-1.0, z[0], 1e-12);
        assertTrue(Double.isNaN(z[1]));
        assertEquals(1.0, z[2], 1e-12);
        assertArrayEquals(new double[] {0, 0}, QualityMetrics.zScore(new double[] {5, 5}), 0);
    }

    @Test
    void pausesAreLongSilencesTrimmedWhereTheyMeetSpeech() {
        boolean t = true, f = false;
        //                   0  1  2  3  4  5  6  7  8  9 10 11 12 13
        boolean[] speech = {f, f, t, t, f, f, f, f, f, t, f, f, t, f};
        boolean[] pause = QualityMetrics.pauses(speech, 3, 1);
        // leading run 0-1 is shorter than 3; run 4-8 trimmed to 5-7; run 10-11 too short; trailing 13 too short
        assertArrayEquals(new boolean[] {f, f, f, f, f, t, t, t, f, f, f, f, f, f}, pause);
        // a long run at the clip's start is not trimmed on that side
        assertArrayEquals(new boolean[] {t, t, t, f, f}, QualityMetrics.pauses(new boolean[] {f, f, f, f, t}, 2, 1));
    }

    @Test
    void closedShareCountsMeasuredPauseFramesAtOrBelowTheThreshold() {
        double[] opening = {0.01, 0.2, Double.NaN, 0.05, 0.3, 0.0};
        boolean[] pause = {true, true, true, true, false, true};
        QualityMetrics.Share share = QualityMetrics.closedShare(opening, pause, 0.05);
        assertEquals(3, share.closed());
        assertEquals(4, share.counted());
        assertEquals(0.75, share.fraction(), 1e-12);
        assertTrue(Double.isNaN(QualityMetrics.closedShare(opening, new boolean[6], 0.05).fraction()));
    }

    @Test
    void psnrSkipsTheBoxAndMatchesTheTextbookValue() {
        int w = 4, h = 2, ch = 1;
        byte[] a = new byte[w * h];
        byte[] b = new byte[w * h];
        // outside the box every pixel differs by 5; inside it (x 2..3, y 0..1) by 100
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                a[y * w + x] = (byte) 100;
                b[y * w + x] = (byte) (x >= 2 ? 200 : 105);
            }
        }
        QualityMetrics.SquaredError outside = new QualityMetrics.SquaredError();
        outside.addOutside(a, b, w, h, ch, new int[] {2, 0, 2, 2});
        assertEquals(4, outside.samples());
        assertEquals(10 * Math.log10(255.0 * 255.0 / 25.0), outside.psnr(), 1e-9); // 34.15 dB
        QualityMetrics.SquaredError all = new QualityMetrics.SquaredError();
        all.addOutside(a, b, w, h, ch, null);
        assertEquals(10 * Math.log10(255.0 * 255.0 / ((4 * 25.0 + 4 * 10000.0) / 8)), all.psnr(), 1e-9);
        QualityMetrics.SquaredError same = new QualityMetrics.SquaredError();
        same.addOutside(a, a.clone(), w, h, ch, null);
        assertEquals(Double.POSITIVE_INFINITY, same.psnr());
        assertTrue(Double.isNaN(new QualityMetrics.SquaredError().psnr()));
    }

    @Test
    void lowerFaceBoxCoversJawMouthAndBelowTheChin() {
        float[] l = new float[136];
        // eyes 40 px apart (centres at x 80 and 120, y 100), jaw from x 50 to 150, chin at y 200
        for (int i = 0; i < 6; i++) {
            l[2 * (36 + i)] = 80;
            l[2 * (36 + i) + 1] = 100;
            l[2 * (42 + i)] = 120;
            l[2 * (42 + i) + 1] = 100;
        }
        for (int j = 0; j <= 16; j++) {
            l[2 * j] = 50 + 100 * j / 16f;
            l[2 * j + 1] = 110 + 90 * (float) Math.sin(Math.PI * j / 16);
        }
        for (int j = 48; j < 68; j++) {
            l[2 * j] = 100;
            l[2 * j + 1] = 170;
        }
        l[2 * 29] = 100;
        l[2 * 29 + 1] = 130;
        // margin 0.2 × 40 = 8 px at the sides and top, 0.8 × 40 = 32 px below the chin
        assertArrayEquals(new int[] {42, 122, 116, 110}, QualityMetrics.lowerFaceBox(l, 640, 480));
        // clipped to the frame
        assertArrayEquals(new int[] {42, 122, 116, 78}, QualityMetrics.lowerFaceBox(l, 640, 200));
        assertNull(QualityMetrics.lowerFaceBox(null, 640, 480));
    }
}
