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
 * audio (z-scores mapped back onto the person's own mean and spread, {@link OpeningRange}; the
 * opening weighed against that spread, {@link UnitSelection.Params#forOpeningSpread}) and at the
 * head pose the output frame shows.
 *
 * @param bankFrame     per output frame the source frame whose mouth to show, or -1 (leave as is)
 * @param person        per output frame the person re-rendered, or -1
 * @param targetOpening per output frame the wanted opening (eye distances), NaN where none
 * @param openingError  target minus the chosen frame's opening (as its image shows it: the raw
 *                      landmarks' measure), NaN where none
 * @param donorLandmarkOpening per output frame the chosen frame's opening as its smoothed
 *                      landmarks (the ones the renderer warps) measure it, NaN where none: a
 *                      reshape aims these at {@code donorLandmarkOpening + openingError}, so
 *                      that the image, not the smoothed landmarks, gets the target opening
 * @param strength      per output frame how fully the new mouth replaces the old (0..1): ramps
 *                      at the edges of each re-rendered stretch, so a mouth does not snap
 *                      between the original and the new one within a shot
 */
record MouthPlan(int[] bankFrame, int[] person, double[] targetOpening, double[] openingError,
                 double[] donorLandmarkOpening, double[] strength) {
    /** Frames over which the new mouth fades in or out where a re-rendered stretch starts or ends. */
    static final int FADE_FRAMES = 4;

    static MouthPlan build(Speakers speakers, FaceLog log, TimingPlan plan, Prediction prediction) {
        int outputs = Math.toIntExact(plan.outputFrames());
        int[] bankFrame = new int[outputs];
        int[] person = new int[outputs];
        double[] target = new double[outputs];
        double[] error = nans(outputs);
        double[] landmarkOpening = nans(outputs);
        Arrays.fill(bankFrame, -1);
        Arrays.fill(target, Double.NaN);
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
            UnitSelection.Selection chosen = UnitSelection.select(bank, targets,
                    UnitSelection.Params.forOpeningSpread(openings.spread()));
            for (int i = 0; i < outputs; i++) {
                if (person[i] == p && chosen.frame()[i] >= 0) {
                    bankFrame[i] = chosen.frame()[i];
                    target[i] = targets.opening()[i];
                    error[i] = chosen.openingError()[i];
                    landmarkOpening[i] = MouthShape.measure(speakers.faceOf(p, bankFrame[i]).toLandmarks()).opening();
                }
            }
        }
        for (int i = 0; i < outputs; i++) {
            if (bankFrame[i] < 0) {
                person[i] = -1;
            }
        }
        return new MouthPlan(bankFrame, person, target, error, landmarkOpening, fades(person, cutsInOutput(log, plan), FADE_FRAMES));
    }

    /** Per output frame, whether it shows a different shot from the output frame before it. */
    private static boolean[] cutsInOutput(FaceLog log, TimingPlan plan) {
        boolean[] out = new boolean[Math.toIntExact(plan.outputFrames())];
        for (int i = 1; i < out.length; i++) {
            int a = plan.sourceFrame(i - 1), b = plan.sourceFrame(i);
            // a bounce turns round inside a shot; a cut between a and b is a cut either way
            for (int t = Math.min(a, b) + 1; t <= Math.max(a, b) && !out[i]; t++) {
                out[i] = log.cut(t);
            }
        }
        return out;
    }

    /**
     * Strength per output frame: 1 inside a stretch re-rendering one person, ramping linearly
     * over {@code fade} frames where the stretch starts or ends inside a shot. Stretch edges at
     * the video's ends or at a cut need no ramp: nothing before or after shows that mouth.
     *
     * @param person per output frame the person re-rendered, -1 where none
     * @param cut    per output frame whether a new shot starts there
     */
    static double[] fades(int[] person, boolean[] cut, int fade) {
        int n = person.length;
        double[] out = new double[n];
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && person[end + 1] == person[start] && !cut[end + 1]) {
                end++;
            }
            if (person[start] >= 0) {
                boolean rampIn = start > 0 && !cut[start];
                boolean rampOut = end < n - 1 && !cut[end + 1];
                for (int i = start; i <= end; i++) {
                    double s = 1;
                    if (rampIn) {
                        s = Math.min(s, (i - start + 1) / (double) (fade + 1));
                    }
                    if (rampOut) {
                        s = Math.min(s, (end - i + 1) / (double) (fade + 1));
                    }
                    out[i] = s;
                }
            }
            start = end + 1;
        }
        return out;
    }

    /**
     * Person p's frames: shape and pose where the person is visible, NaN elsewhere. The opening
     * is the raw landmarks' (what the frame's image shows): the smoothed landmarks trail a
     * fast-moving lip by a frame or two and blunt it (a mouth snapping shut measured 0.01 raw
     * and 0.08 smoothed), so labels from them made unit selection pick frames whose mouth was
     * not the wanted one (on the development clips the donors' shown opening followed the
     * target at r ≈ 0.7 while their smoothed labels did at 0.9). A frame
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
                opening[t] = Float.isFinite(f.rawOpening()) ? f.rawOpening() : shape.opening();
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
