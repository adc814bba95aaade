package dev.lipsync.engine.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.audio.SpeechRuns.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechRunsTest {
    private static final boolean T = true, F = false;

    @Test
    void silencesAndSpeechAreTheMaximalRunsInOrder() {
        boolean[] speech = {F, F, T, T, T, F, T, F, F, F};
        assertEquals(List.of(new Run(0, 2), new Run(5, 6), new Run(7, 10)), SpeechRuns.silences(speech));
        assertEquals(List.of(new Run(2, 5), new Run(6, 7)), SpeechRuns.of(speech, true));
        assertEquals(3, new Run(7, 10).length());
    }

    @Test
    void onlyRunsWithTheOtherKindOnBothSidesAreInterior() {
        boolean[] speech = {F, F, T, F, T, F};
        List<Run> silences = SpeechRuns.silences(speech);
        assertFalse(silences.get(0).interior(speech), "touches the start");
        assertTrue(silences.get(1).interior(speech));
        assertFalse(silences.get(2).interior(speech), "touches the end");
    }

    @Test
    void emptyAndUniformMasks() {
        assertEquals(List.of(), SpeechRuns.silences(new boolean[0]));
        assertEquals(List.of(new Run(0, 3)), SpeechRuns.silences(new boolean[] {F, F, F}));
        assertEquals(List.of(), SpeechRuns.silences(new boolean[] {T, T}));
    }
}
