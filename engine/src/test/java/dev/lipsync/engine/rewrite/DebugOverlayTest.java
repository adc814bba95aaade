package dev.lipsync.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DebugOverlayTest {
    private static final String LABEL = "track 0 mouth from 123";

    /** A face near a small video's right edge: the label fits inside the frame, in a smaller font. */
    @Test
    void aLabelStaysInsideASmallFrame() {
        DebugOverlay.Label at = DebugOverlay.Label.place(LABEL, 45, 20, 160, 1);
        int width = org.bytedeco.opencv.global.opencv_imgproc.getTextSize(LABEL,
                org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX, at.scale(), 1, new int[1]).width();
        assertTrue(at.scale() < DebugOverlay.Label.SCALE, "smaller font: " + at.scale());
        assertTrue(at.x() >= 2 && at.x() + width <= 158, at + " width " + width);
        assertEquals(16, at.y(), "above the box");
    }

    /** In a frame wide enough the label keeps its font and sits at the box's left, above it. */
    @Test
    void aLabelSitsAboveItsBox() {
        assertEquals(new DebugOverlay.Label(300, 96, 0.4), DebugOverlay.Label.place(LABEL, 300, 100, 1280, 1));
        DebugOverlay.Label atTop = DebugOverlay.Label.place(LABEL, 300, 0, 1280, 1);
        assertTrue(atTop.y() > 4, "a box at the frame's top keeps its label inside: " + atTop);
    }
}
