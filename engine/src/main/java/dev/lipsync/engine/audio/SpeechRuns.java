package dev.lipsync.engine.audio;

import java.util.ArrayList;
import java.util.List;

/** The runs of a per-frame speech mask: stretches of speech, or of silence, each as long as it goes. */
public final class SpeechRuns {
    private SpeechRuns() {
    }

    /** Frames {@code start} (inclusive) to {@code end} (exclusive). */
    public record Run(int start, int end) {
        public int length() {
            return end - start;
        }

        /** Whether the run has frames of the other kind on both sides (it does not touch an end of the mask). */
        public boolean interior(boolean[] mask) {
            return start > 0 && end < mask.length;
        }
    }

    /** The runs of silence ({@code speech} false), in order. */
    public static List<Run> silences(boolean[] speech) {
        return of(speech, false);
    }

    /** The maximal runs of {@code value} in {@code mask}, in order. */
    public static List<Run> of(boolean[] mask, boolean value) {
        List<Run> runs = new ArrayList<>();
        int i = 0;
        while (i < mask.length) {
            if (mask[i] != value) {
                i++;
                continue;
            }
            int start = i;
            while (i < mask.length && mask[i] == value) {
                i++;
            }
            runs.add(new Run(start, i));
        }
        return runs;
    }
}
