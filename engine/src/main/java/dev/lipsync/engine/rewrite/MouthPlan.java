package dev.lipsync.engine.rewrite;

import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.mouth.HeadPose;
import dev.lipsync.engine.mouth.MouthShape;
import dev.lipsync.engine.mouth.MouthTargetModel.Prediction;
import dev.lipsync.engine.mouth.OpeningRange;
import dev.lipsync.engine.mouth.UnitSelection;
import dev.lipsync.engine.timing.TimingPlan;
import java.util.Arrays;

/**
 * Per output frame, which source frame lends the mouth: for each person, unit selection over
 * that person's own frames (the bank), aiming at the opening and width predicted from the new
 * audio (z-scores mapped onto the person's own range by quantiles) and at the head pose the
 * output frame shows.
 *
 * @param bankFrame     per output frame the source frame whose mouth to show, or -1 (leave as is)
 * @param person        per output frame the person re-rendered, or -1
 * @param targetOpening per output frame the wanted opening (eye distances), NaN where none
 * @param openingError  target minus the chosen frame's opening, NaN where none
 */
record MouthPlan(int[] bankFrame, int[] person, double[] targetOpening, double[] openingError) {

    static MouthPlan build(Speakers speakers, FaceLog log, TimingPlan plan, Prediction prediction) {
        int outputs = Math.toIntExact(plan.outputFrames());
        int[] bankFrame = new int[outputs];
        int[] person = new int[outputs];
        double[] target = new double[outputs];
        double[] error = new double[outputs];
        Arrays.fill(bankFrame, -1);
        Arrays.fill(target, Double.NaN);
        Arrays.fill(error, Double.NaN);
        for (int i = 0; i < outputs; i++) {
            person[i] = speakers.person(plan.sourceFrame(i));
        }
        for (int p = 0; p < speakers.persons(); p++) {
            UnitSelection.Bank bank = bankOf(speakers, log, p);
            if (Arrays.stream(bank.opening()).noneMatch(Double::isFinite)) {
                continue;
            }
            OpeningRange openings = OpeningRange.of(bank.opening());
            OpeningRange widths = OpeningRange.of(bank.width());
            UnitSelection.Targets targets = targetsFor(p, person, bank, plan, prediction, openings, widths);
            UnitSelection.Selection chosen = UnitSelection.select(bank, targets);
            for (int i = 0; i < outputs; i++) {
                if (person[i] == p && chosen.frame()[i] >= 0) {
                    bankFrame[i] = chosen.frame()[i];
                    target[i] = targets.opening()[i];
                    error[i] = chosen.openingError()[i];
                }
            }
        }
        for (int i = 0; i < outputs; i++) {
            if (bankFrame[i] < 0) {
                person[i] = -1;
            }
        }
        return new MouthPlan(bankFrame, person, target, error);
    }

    /**
     * Person p's frames: shape and pose where the person is visible, NaN elsewhere; a frame
     * continues the previous one only within a shot and the same track (a new track id means
     * the face was lost in between).
     */
    static UnitSelection.Bank bankOf(Speakers speakers, FaceLog log, int p) {
        int n = log.frameCount();
        double[] opening = nans(n), width = nans(n), yaw = nans(n), pitch = nans(n), roll = nans(n);
        boolean[] continues = new boolean[n];
        FaceLog.Face previous = null;
        for (int t = 0; t < n; t++) {
            FaceLog.Face f = speakers.faceOf(p, t);
            if (f != null) {
                Landmarks l = f.toLandmarks();
                MouthShape shape = MouthShape.measure(l);
                HeadPose pose = HeadPose.of(l);
                opening[t] = shape.opening();
                width[t] = shape.width();
                yaw[t] = pose.yaw();
                pitch[t] = pose.pitch();
                roll[t] = pose.roll();
                continues[t] = previous != null && !log.cut(t) && previous.trackId() == f.trackId();
            }
            previous = f;
        }
        return new UnitSelection.Bank(opening, width, yaw, pitch, roll, continues);
    }

    private static UnitSelection.Targets targetsFor(int p, int[] person, UnitSelection.Bank bank, TimingPlan plan,
                                                    Prediction prediction, OpeningRange openings, OpeningRange widths) {
        int outputs = person.length;
        double[] opening = nans(outputs), width = nans(outputs), yaw = nans(outputs), pitch = nans(outputs),
                roll = nans(outputs);
        int predicted = prediction.openingZ().length;
        for (int i = 0; i < outputs; i++) {
            if (person[i] != p || predicted == 0) {
                continue;
            }
            int k = Math.min(i, predicted - 1);
            int s = plan.sourceFrame(i);
            opening[i] = openings.fromZ(prediction.openingZ()[k]);
            width[i] = widths.fromZ(prediction.widthZ()[k]);
            // the head must face the way it does in the frame shown: the bank holds its pose there
            yaw[i] = bank.yaw()[s];
            pitch[i] = bank.pitch()[s];
            roll[i] = bank.roll()[s];
        }
        return new UnitSelection.Targets(opening, width, yaw, pitch, roll);
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
