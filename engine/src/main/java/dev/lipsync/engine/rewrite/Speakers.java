package dev.lipsync.engine.rewrite;

import dev.lipsync.engine.audio.SpeechFeatures;
import dev.lipsync.engine.mouth.MouthTargetModel;
import dev.lipsync.engine.mouth.MouthTargetModel.Prediction;
import dev.lipsync.engine.speaker.ActiveSpeaker;
import dev.lipsync.engine.speaker.MaxFace;
import dev.lipsync.engine.speaker.OffScreenSpeech;
import java.util.Arrays;

/**
 * Whose mouth is re-rendered in each source frame, and which faces are the same person.
 *
 * <p>Speaker: {@link ActiveSpeaker} when several tracks exist, the video has a soundtrack and
 * the run did not ask for the largest face: the lips that follow the mouth opening the audio
 * model predicts from the video's own soundtrack are the speaker's. {@link MaxFace} otherwise.
 * Unless the run asked for the largest face, nobody is chosen where the chosen face's lips stay
 * still through speech in the soundtrack: a listener, someone off screen talking
 * ({@link OffScreenSpeech}).
 *
 * <p>Person: the unit of the mouth bank (mouths are only ever taken from the same person):
 * tracks that are never in one frame, look alike around the eyes and nose and are framed alike
 * ({@link Persons}), so that a face lost and found again, or seen again after a cut, shares one
 * bank, and a cut to someone else does not.
 */
final class Speakers {
    private final FaceLog log;
    private final int[] trackIds;
    private final int[] personOfRow;
    private final int[] speakerRow;
    private final boolean[] listening;
    private final int persons;

    private Speakers(FaceLog log, int[] trackIds, int[] personOfRow, int[] speakerRow, boolean[] listening,
                     int persons) {
        this.log = log;
        this.trackIds = trackIds;
        this.personOfRow = personOfRow;
        this.speakerRow = speakerRow;
        this.listening = listening;
        this.persons = persons;
    }

    /**
     * @param heard   the video's own soundtrack, analysed (null without one): where it holds speech,
     *                and, when there is a choice to make, what {@code model} predicts a speaking
     *                mouth does there
     * @param model   reads {@code heard}; may be null when {@code heard} is
     * @param maxFace the run asked for the largest face
     */
    static Speakers choose(FaceLog log, SpeechFeatures heard, MouthTargetModel model, double fps, boolean maxFace) {
        int frames = log.frameCount();
        int[] ids = log.trackIds();
        double[][] size = log.faceSizes(ids);
        int[] cuts = log.cutFrames();
        int[] rows;
        boolean listens = !maxFace && heard != null && ids.length > 0;
        // false past the soundtrack's end
        boolean[] speech = listens ? heard.speechAtVideoFrames(fps, frames) : null;
        double[][] lips = listens ? log.rawOpenings(ids) : null;
        if (listens && ids.length > 1) {
            Prediction predicted = model.predict(heard, fps, frames);
            rows = ActiveSpeaker.choose(lips, size, predicted.rawOpening(), speech, cuts, fps);
        } else {
            rows = ids.length == 0 ? new int[0] : MaxFace.choose(size, cuts);
        }
        if (rows.length != frames) {
            int[] padded = new int[frames];
            Arrays.fill(padded, -1);
            System.arraycopy(rows, 0, padded, 0, Math.min(rows.length, frames));
            rows = padded;
        }
        boolean[] listening = listens ? leaveListenersAlone(rows, lips, speech, fps) : new boolean[frames];
        int[] personOfRow = Persons.of(log, ids);
        return new Speakers(log, ids, personOfRow, rows, listening, Arrays.stream(personOfRow).max().orElse(-1) + 1);
    }

    /**
     * Takes the choice away where the chosen face listens to someone off screen
     * ({@link OffScreenSpeech}): its original frames stay, rather than mouthing the dub there.
     * Returns those frames.
     */
    private static boolean[] leaveListenersAlone(int[] rows, double[][] lips, boolean[] speech, double fps) {
        double[] chosen = new double[rows.length];
        for (int t = 0; t < rows.length; t++) {
            chosen[t] = rows[t] < 0 ? Double.NaN : lips[rows[t]][t];
        }
        boolean[] listening = OffScreenSpeech.listening(chosen, speech, fps);
        for (int t = 0; t < rows.length; t++) {
            if (listening[t]) {
                rows[t] = -1;
            }
        }
        return listening;
    }

    /** Whether source frame t's face was left alone as a listener to someone off screen. */
    boolean listening(int t) {
        return t < listening.length && listening[t];
    }

    int persons() {
        return persons;
    }

    /** The speaker's person in source frame t, or -1 where nobody is chosen. */
    int person(int t) {
        int row = t < speakerRow.length ? speakerRow[t] : -1;
        return row < 0 ? -1 : personOfRow[row];
    }

    /** The speaker's face in source frame t, or null. */
    FaceLog.Face speaker(int t) {
        int row = t < speakerRow.length ? speakerRow[t] : -1;
        return row < 0 ? null : faceOfTrack(trackIds[row], t);
    }

    /** Person p's face in source frame t, speaking or not, or null. */
    FaceLog.Face faceOf(int person, int t) {
        for (FaceLog.Face f : log.faces(t)) {
            if (personOfRow[Arrays.binarySearch(trackIds, f.trackId())] == person) {
                return f;
            }
        }
        return null;
    }

    private FaceLog.Face faceOfTrack(int trackId, int t) {
        for (FaceLog.Face f : log.faces(t)) {
            if (f.trackId() == trackId) {
                return f;
            }
        }
        return null;
    }
}
