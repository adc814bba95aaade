package dev.lipsync.engine.timing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimingPlanTest {

    @Test
    void outputLastsAsLongAsTheAudio() {
        assertEquals(250, TimingPlan.outputFrameCount(10.0, 25));
        assertEquals(300, TimingPlan.outputFrameCount(10.01, 30000.0 / 1001)); // 299.99…
        assertEquals(37, TimingPlan.outputFrameCount(1.49, 25)); // 37.25
        assertEquals(38, TimingPlan.outputFrameCount(1.5, 25)); // 37.5 rounds up
        assertEquals(1, TimingPlan.outputFrameCount(0.001, 25), "any audio gives at least one frame");
        assertEquals(0, TimingPlan.outputFrameCount(0, 25));
        assertEquals(0, TimingPlan.outputFrameCount(Double.NaN, 25));
    }

    @Test
    void aLongerVideoIsCut() {
        TimingPlan plan = new TimingPlan(100, 40);
        assertFalse(plan.bounces());
        assertArrayEquals(new int[] {0, 1, 2, 38, 39}, frames(plan, 0, 1, 2, 38, 39));
    }

    @Test
    void aShorterVideoPlaysBackAndForth() {
        TimingPlan plan = new TimingPlan(4, 14);
        assertTrue(plan.bounces());
        int[] all = new int[14];
        for (int i = 0; i < all.length; i++) {
            all[i] = plan.sourceFrame(i);
        }
        assertArrayEquals(new int[] {0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1}, all);
    }

    @Test
    void neighbouringOutputFramesAreNeighbouringSourceFrames() {
        TimingPlan plan = new TimingPlan(7, 1000);
        for (long i = 1; i < plan.outputFrames(); i++) {
            assertEquals(1, Math.abs(plan.sourceFrame(i) - plan.sourceFrame(i - 1)), "no jump cut at " + i);
        }
    }

    @Test
    void bouncesAtLargeIndices() {
        assertEquals(0, TimingPlan.bounce(2L * 99 * 1_000_000, 100));
        assertEquals(99, TimingPlan.bounce(2L * 99 * 1_000_000 + 99, 100));
        assertEquals(98, TimingPlan.bounce(2L * 99 * 1_000_000 + 100, 100));
    }

    @Test
    void aSingleFrameVideoRepeatsThatFrame() {
        TimingPlan plan = new TimingPlan(1, 5);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0}, frames(plan, 0, 1, 2, 3, 4));
    }

    @Test
    void fromAudioLength() {
        TimingPlan plan = TimingPlan.forAudio(50, 3.0, 30);
        assertEquals(50, plan.sourceFrames());
        assertEquals(90, plan.outputFrames());
        assertEquals(10, plan.sourceFrame(88)); // 88 − 2·49 = −10 → period 98: 98 − 88 = 10
    }

    @Test
    void rejectsImpossiblePlans() {
        assertThrows(IllegalArgumentException.class, () -> new TimingPlan(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new TimingPlan(10, -1));
        assertThrows(IllegalArgumentException.class, () -> TimingPlan.bounce(-1, 10));
    }

    private static int[] frames(TimingPlan plan, long... outputs) {
        int[] out = new int[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            out[i] = plan.sourceFrame(outputs[i]);
        }
        return out;
    }
}
