package dev.lipsync.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DisplayTagsTest {
    private static final int BT709 = 1;
    private static final int HLG = 18;
    private static final int BT2020_NCL = 9;

    @Test
    void keepsWhatAVideoSays() {
        DisplayTags pal = new DisplayTags(64, 45, BT709, BT709, BT709);
        assertTrue(pal.anamorphic());
        assertEquals(64 / 45.0, pal.pixelAspect(), 1e-12);
        assertEquals(new DisplayTags(45, 64, BT709, BT709, BT709), pal.quarterTurned(),
                "turned a quarter, a pixel's width becomes its height");
        DisplayTags hlg = new DisplayTags(1, 1, 9, HLG, BT2020_NCL);
        assertFalse(hlg.anamorphic());
        assertEquals(HLG, hlg.transfer());
    }

    @Test
    void dropsWhatSaysNothingOrCannotDescribeTheOutput() {
        assertEquals(DisplayTags.NONE, new DisplayTags(0, 1, 0, 0, 2), "unknown aspect, reserved 0s");
        assertEquals(DisplayTags.NONE, new DisplayTags(4, -3, 3, 3, 3), "negative aspect, the reserved 3s");
        assertEquals(DisplayTags.NONE, new DisplayTags(1, 1, 999, 999, 999), "past the enumerations");
        assertEquals(DisplayTags.UNSPECIFIED, new DisplayTags(1, 1, BT709, BT709, 0).matrix(),
                "an RGB video's matrix: the output is YUV, made with our own conversion");
    }
}
