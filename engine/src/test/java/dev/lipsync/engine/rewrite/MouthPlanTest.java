package dev.lipsync.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.mouth.MouthShape;
import dev.lipsync.engine.mouth.MouthTargetModel.Prediction;
import dev.lipsync.engine.mouth.UnitSelection;
import dev.lipsync.engine.timing.TimingPlan;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MouthPlanTest {

    @Test
    void newMouthFadesInAndOutInsideAShotButNotAtCutsOrTheEnds() {
        int[] person = {0, 0, 0, 0, -1, -1, 0, 0, 0, 0, 0, 0};
        boolean[] cut = new boolean[12];
        cut[9] = true;
        double[] s = MouthPlan.fades(person, cut, 2);
        // frames 0-3: video start needs no ramp, the end at 3 ramps out: 1, 1, 2/3, 1/3
        // frames 6-8: ramp in after the gap, ended by the cut at 9 (no ramp out); 9-11 a fresh shot
        assertArrayEquals(new double[] {1, 1, 2 / 3.0, 1 / 3.0, 0, 0, 1 / 3.0, 2 / 3.0, 1, 1, 1, 1}, s, 1e-12);
    }

    @Test
    void bankRunsBreakAtCutsAndWhereTheTrackChanges() {
        FaceLog log = new FaceLog();
        int[] track = {0, 0, 0, 1, 1, 1, -1, 1};
        boolean[] cut = {true, false, false, false, false, true, false, false};
        for (int t = 0; t < track.length; t++) {
            if (track[t] < 0) {
                log.add(cut[t]);
            } else {
                log.add(cut[t], face(track[t], 0.05 + 0.01 * t));
            }
        }
        float[] look = PersonsTest.look(1);
        for (int k = 0; k < Persons.MIN_PATCHES; k++) {
            log.addIdentity(0, look);
            log.addIdentity(1, look);
        }
        Speakers speakers = Speakers.choose(log, null, null, 25, false);
        assertEquals(1, speakers.persons(), "never two faces at once and alike: one person throughout");
        UnitSelection.Bank bank = MouthPlan.bankOf(speakers, log, 0);
        assertArrayEquals(new boolean[] {false, true, true, false, true, false, false, false}, bank.continuesPrevious());
        assertTrue(Double.isNaN(bank.opening()[6]), "no face in frame 6");
        assertEquals(0.05 + 0.01 * 2, bank.opening()[2], 1e-4);
    }

    @Test
    void eachOutputFrameGetsAFrameOfTheSamePersonCloseToTheTargetOpening() {
        // two people side by side; the left one is the larger face, so max-face picks it throughout
        FaceLog log = new FaceLog();
        for (int t = 0; t < 50; t++) {
            log.add(t == 0, face(0, 0.02 + 0.004 * t, 0, 1.0), face(1, 0.3, 400, 0.8));
        }
        Speakers speakers = Speakers.choose(log, null, null, 25, true);
        assertEquals(2, speakers.persons());
        TimingPlan plan = TimingPlan.forAudio(50, 1.0, 25);
        double[] z = new double[25];
        Arrays.fill(z, 3.0); // wide open: the person's widest mouth
        Prediction prediction = new Prediction(z, new double[25], new boolean[25], new double[25]);
        MouthPlan mouths = MouthPlan.build(speakers, log, plan, prediction);
        for (int i = 0; i < 25; i++) {
            assertEquals(0, mouths.person()[i]);
            assertTrue(mouths.bankFrame()[i] >= 44, "frame " + i + " took " + mouths.bankFrame()[i]);
            assertEquals(0.02 + 0.004 * 49, mouths.targetOpening()[i], 0.01);
        }
    }

    @Test
    void bankOpeningIsWhatTheImageShowsNotTheSmoothedLandmarks() {
        // smoothed landmarks say 0.08 (trailing a mouth that has just shut); the raw ones 0.01
        FaceLog log = new FaceLog();
        log.add(true, withRaw(face(0, 0.08), 0.01));
        log.add(false, face(0, 0.05));
        Speakers speakers = Speakers.choose(log, null, null, 25, false);
        UnitSelection.Bank bank = MouthPlan.bankOf(speakers, log, 0);
        assertEquals(0.01, bank.opening()[0], 1e-6);
        assertEquals(0.05, bank.opening()[1], 1e-6);
    }

    @Test
    void reshapeAimsTheDonorsLandmarksSoThatItsImageGetsTheTarget() {
        // every frame's smoothed landmarks read 0.02 more than its image shows
        FaceLog log = new FaceLog();
        for (int t = 0; t < 40; t++) {
            double shown = 0.01 + 0.002 * t;
            log.add(t == 0, withRaw(face(0, shown + 0.02), shown));
        }
        Speakers speakers = Speakers.choose(log, null, null, 25, false);
        TimingPlan plan = TimingPlan.forAudio(40, 1.0, 25);
        double[] z = new double[25];
        Arrays.fill(z, 4.0);
        MouthPlan mouths = MouthPlan.build(speakers, log, plan, new Prediction(z, new double[25], new boolean[25],
                new double[25]));
        for (int i = 0; i < 25; i++) {
            int d = mouths.bankFrame()[i];
            double shown = 0.01 + 0.002 * d;
            assertEquals(mouths.targetOpening()[i] - shown, mouths.openingError()[i], 1e-6);
            assertEquals(shown + 0.02, mouths.donorLandmarkOpening()[i], 1e-4);
        }
    }

    private static FaceLog.Face withRaw(FaceLog.Face f, double rawOpening) {
        return new FaceLog.Face(f.trackId(), f.box(), f.landmarks(), (float) rawOpening);
    }

    private static FaceLog.Face face(int trackId, double opening) {
        return face(trackId, opening, 0, 1.0);
    }

    /** A frontal face with the given inner-lip opening (in eye distances), shifted by dx, scaled. */
    static FaceLog.Face face(int trackId, double opening, float dx, double scale) {
        float[] xy = new float[136];
        float eye = 40;
        // jaw 0-16: a half ellipse under the eyes
        for (int k = 0; k <= 16; k++) {
            double a = Math.PI * k / 16;
            set(xy, k, 60 - 45 * Math.cos(a), 50 + 70 * Math.sin(a));
        }
        for (int k = 17; k <= 26; k++) {
            set(xy, k, 25 + 7 * (k - 17), 35);
        }
        for (int k = 27; k <= 35; k++) {
            set(xy, k, 60 + (k > 30 ? 3 * (k - 33) : 0), 50 + 5 * Math.min(k - 27, 4));
        }
        for (int k = 0; k < 6; k++) {
            double a = 2 * Math.PI * k / 6;
            set(xy, 36 + k, 40 + 6 * Math.cos(a), 50 + 2 * Math.sin(a));
            set(xy, 42 + k, 40 + eye + 6 * Math.cos(a), 50 + 2 * Math.sin(a));
        }
        double mouthY = 90;
        for (int k = 0; k < 12; k++) {
            double a = Math.PI - 2 * Math.PI * k / 12;
            set(xy, 48 + k, 60 + 18 * Math.cos(a), mouthY - 6 * Math.sin(a));
        }
        double gap = opening * eye;
        set(xy, 60, 44, mouthY);
        set(xy, 64, 76, mouthY);
        for (int k = 0; k < 3; k++) {
            set(xy, 61 + k, 52 + 8 * k, mouthY - gap / 2);
            set(xy, 67 - k, 52 + 8 * k, mouthY + gap / 2);
        }
        for (int k = 0; k < 68; k++) {
            xy[2 * k] = (float) (xy[2 * k] * scale + dx);
            xy[2 * k + 1] = (float) (xy[2 * k + 1] * scale);
        }
        FaceLog.Face f = new FaceLog.Face(trackId, new int[] {(int) dx, 30, (int) (dx + 120 * scale), 150},
                xy, (float) opening);
        assertEquals(opening, MouthShape.measure(f.toLandmarks()).opening(), 1e-4);
        return f;
    }

    private static void set(float[] xy, int k, double x, double y) {
        xy[2 * k] = (float) x;
        xy[2 * k + 1] = (float) y;
    }
}
