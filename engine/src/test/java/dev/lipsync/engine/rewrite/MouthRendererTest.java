package dev.lipsync.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.mouth.MouthShape;
import org.junit.jupiter.api.Test;

class MouthRendererTest {

    @Test
    void aDonorWithinTheLandmarksJitterIsShownAsItIs() {
        Landmarks donor = MouthPlanTest.face(0, 0.05, 0, 1).toLandmarks();
        assertSame(donor, MouthRenderer.wantedShape(donor, 0.05, 0.005));
        assertSame(donor, MouthRenderer.wantedShape(donor, 0.05, -0.005));
    }

    @Test
    void aDonorSlightlyOffTheTargetIsReshapedByItsMiss() {
        // the donor's landmarks read 0.07 while its image shows 0.05; target 0.075: error 0.025
        Landmarks donor = MouthPlanTest.face(0, 0.07, 0, 1).toLandmarks();
        Landmarks shape = MouthRenderer.wantedShape(donor, 0.07, 0.025);
        assertEquals(0.095, MouthShape.measure(shape).opening(), 1e-4);
        Landmarks closer = MouthRenderer.wantedShape(donor, 0.07, -0.02);
        assertEquals(0.05, MouthShape.measure(closer).opening(), 1e-4);
        // the upper lip stays
        assertEquals(donor.y(62), shape.y(62), 0f);
    }
}
