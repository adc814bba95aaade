package dev.lipsync.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameRatesTest {
    private static final double NTSC = 30000.0 / 1001;

    @Test
    void constantRateKeepsItsExactRate() {
        assertEquals(25, FrameRates.choose(25, 25), 0);
        assertEquals(NTSC, FrameRates.choose(NTSC, NTSC), 0);
        assertEquals(30, FrameRates.choose(30, 29.9), 0);
    }

    @Test
    void droppedFramesOnAGridKeepTheGrid() {
        assertEquals(30, FrameRates.choose(30, 1350.0 / 61), 0); // 22.1 fps average on a 30 fps grid
    }

    @Test
    void otherwiseTheAverageSnappedToACommonRate() {
        assertEquals(30, FrameRates.choose(90000, 29.99), 0, "timebase-like nominal rate is ignored");
        assertEquals(NTSC, FrameRates.choose(90000, 29.8), 0, "the closest common rate");
        assertEquals(NTSC, FrameRates.choose(60000.0 / 1001, NTSC), 0, "field rate of interlaced video");
        assertEquals(24000.0 / 1001, FrameRates.choose(0, 23.95), 0);
        assertEquals(30, FrameRates.choose(0, 30.0), 0, "30 stays 30, not 29.97");
        assertEquals(17.3, FrameRates.choose(0, 17.3), 0);
    }

    @Test
    void fallsBackWhenNothingIsKnown() {
        assertEquals(12.5, FrameRates.choose(12.5, Double.NaN), 0);
        assertEquals(25, FrameRates.choose(0, 0), 0);
    }
}
