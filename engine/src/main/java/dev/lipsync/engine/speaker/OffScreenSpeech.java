package dev.lipsync.engine.speaker;

import dev.lipsync.engine.audio.SpeechRuns;

/**
 * Where the video's own soundtrack holds speech while the chosen face's lips stay still:
 * someone off screen is talking (an interviewer asking, a narrator) and the face on screen
 * listens. The dub puts the off-screen voice's new words there too; re-rendering the listener's
 * mouth would make them mouth those words, so these frames are left as they are.
 *
 * <p>Still means the lip opening's standard deviation over a {@value #WINDOW_SECONDS} s window
 * stays under {@value #STILL} eye distances: on the 39 shared talking clips with a soundtrack
 * (33 speakers, 35 to 130 px between the eyes) a speaker's windows over speech have a median of
 * 0.02-0.09 and stayed under that for at most 20 windows running (two small, softly spoken
 * faces); a resting mouth on a face 90 px between the eyes measures 0.003-0.009. A listening
 * stretch needs {@value #MIN_SECONDS} s of such windows over speech (the lips still for 2.5 s),
 * so a speaker's brief stillness, under half that in those clips, never counts. Small faces,
 * whose landmarks jitter by more than that, are never taken for listeners: the detection errs
 * towards re-rendering, which is what happened everywhere before it.
 */
public final class OffScreenSpeech {
    static final double WINDOW_SECONDS = 1.0;
    /** Standard deviation of the lip opening (eye distances) under which a window is still. */
    static final double STILL = 0.01;
    /** A window counts as speech when at least this share of its frames holds speech. */
    static final double SPEECH_SHARE = 0.5;
    /** Still windows over speech must follow each other for this long to be a listener. */
    static final double MIN_SECONDS = 1.5;

    private OffScreenSpeech() {
    }

    /**
     * @param opening per frame the chosen face's lip opening ({@code MouthShape.opening()}, eye
     *                distances), NaN where no face is chosen
     * @param speech  per frame, whether the video's own soundtrack holds speech there (as long
     *                as {@code opening}; frames past its end count as silence)
     * @param fps     frame rate
     * @return per frame, whether the face there listens to speech from off screen
     */
    public static boolean[] listening(double[] opening, boolean[] speech, double fps) {
        int n = opening.length;
        boolean[] out = new boolean[n];
        int window = Math.max(3, (int) Math.round(WINDOW_SECONDS * fps));
        int minRun = Math.max(1, (int) Math.round(MIN_SECONDS * fps));
        if (n < window) {
            return out;
        }
        // window w covers frames w … w + window − 1
        int windows = n - window + 1;
        boolean[] still = new boolean[windows];
        for (int w = 0; w < windows; w++) {
            still[w] = isStillOverSpeech(opening, speech, w, window);
        }
        for (SpeechRuns.Run run : SpeechRuns.of(still, true)) {
            if (run.length() >= minRun) {
                for (int t = run.start(); t < run.end() - 1 + window; t++) { // every frame those windows cover
                    out[t] = true;
                }
            }
        }
        return out;
    }

    private static boolean isStillOverSpeech(double[] opening, boolean[] speech, int start, int length) {
        double sum = 0, sumSquares = 0;
        int spoken = 0;
        for (int t = start; t < start + length; t++) {
            double v = opening[t];
            if (!Double.isFinite(v)) {
                return false; // no face throughout: nothing to tell
            }
            sum += v;
            sumSquares += v * v;
            spoken += t < speech.length && speech[t] ? 1 : 0;
        }
        double mean = sum / length;
        double variance = Math.max(0, sumSquares / length - mean * mean);
        return spoken >= SPEECH_SHARE * length && Math.sqrt(variance) < STILL;
    }
}
