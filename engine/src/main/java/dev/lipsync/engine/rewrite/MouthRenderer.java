package dev.lipsync.engine.rewrite;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.compose.MouthCompositor;
import dev.lipsync.engine.compose.MouthReshape;
import dev.lipsync.engine.face.UnderChinPatch;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.media.I420Frames;
import dev.lipsync.engine.pipeline.FrameRenderer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Pass 2: puts the mouth of the planned bank frame onto the speaker's face in each output
 * frame. Where no bank frame shows the wanted opening closely enough, that frame's mouth is
 * stretched to it ({@link MouthReshape}). Frames without a speaker pass unchanged.
 */
final class MouthRenderer implements FrameRenderer {
    /**
     * Donor openings further than this from the target (eye distances) are reshaped to it. The
     * reshape is a small warp of the lower lip and chin (0.01 is about a pixel at typical face
     * sizes) and makes the rendered opening follow the target where the chosen frame is a little
     * off; below this a difference is within the landmarks' own jitter and is left alone. (At
     * 0.04, a third of the development clips' frames missed the target by 0.01–0.04, and a
     * frame whose miss crossed 0.04 jumped by that much between frames.)
     */
    static final double RESHAPE_ABOVE = 0.01;

    private final Speakers speakers;
    private final MouthPlan plan;
    private final MouthBank bank;
    private final DebugOverlay overlay;
    private final int frameWidth;
    private final int frameHeight;
    private long rendered;

    MouthRenderer(Speakers speakers, MouthPlan plan, MouthBank bank, DebugOverlay overlay, int frameWidth,
                  int frameHeight) {
        this.speakers = speakers;
        this.plan = plan;
        this.bank = bank;
        this.overlay = overlay;
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
    }

    /**
     * On the fetching thread: the donor crop decoded and warped into the target frame's pose,
     * with the mask and blend weights ({@link MouthCompositor#prepare}: of the target frame's
     * pixels it reads only the neck under the jaw), or null where the frame passes unchanged.
     * The render thread then only colour-matches and blends.
     */
    @Override
    public Object prepare(long outputIndex, int sourceFrameIndex, Mat frame) throws LipSyncException {
        Composite c = composite(speakers, plan, Math.toIntExact(outputIndex), sourceFrameIndex);
        MouthBank.Crop crop = c == null ? null : bank.crop(c.person(), c.donorFrame());
        if (crop == null) {
            return null;
        }
        try (Mat source = crop.image()) {
            return MouthCompositor.prepare(c.target(), frameWidth, frameHeight, source, crop.shift(c.donor()),
                    crop.shift(c.shape()), c.neckShift(), frame);
        }
    }

    /**
     * What output frame {@code i} (showing source frame {@code sourceFrame}) composites, in
     * source-frame coordinates: the person's face there, the donor frame's face, and the shape
     * to show the donor's mouth in; null where the frame passes unchanged.
     */
    static Composite composite(Speakers speakers, MouthPlan plan, int i, int sourceFrame) {
        int donorFrame = donorFrame(plan, i);
        int person = person(plan, i);
        if (person < 0 || !(plan.strength()[i] > 0)) {
            return null;
        }
        FaceLog.Face target = speakers.faceOf(person, sourceFrame);
        FaceLog.Face donor = speakers.faceOf(person, donorFrame);
        if (target == null || donor == null) {
            return null;
        }
        Landmarks targetLandmarks = target.toLandmarks(), donorLandmarks = donor.toLandmarks();
        double[] neckShift = UnderChinPatch.bodyShift(target.underChin(), UnderChinPatch.chinDepth(targetLandmarks),
                donor.underChin(), UnderChinPatch.chinDepth(donorLandmarks));
        return new Composite(person, donorFrame, targetLandmarks, donorLandmarks,
                wantedShape(donorLandmarks, plan.donorLandmarkOpening()[i], plan.openingError()[i]), neckShift);
    }

    /**
     * One output frame's composite: {@code person}'s mouth from {@code donorFrame}, see {@link
     * #composite}; {@code neckShift}: where the donor's body lies under its head, relative to the
     * target's ({@link UnderChinPatch#bodyShift}).
     */
    record Composite(int person, int donorFrame, Landmarks target, Landmarks donor, Landmarks shape,
                     double[] neckShift) {
    }

    @Override
    public Mat render(long outputIndex, int sourceFrameIndex, Mat frame, Object prepared) throws LipSyncException {
        int i = Math.toIntExact(outputIndex);
        if (prepared != null) {
            try (MouthCompositor.Prepared composite = (MouthCompositor.Prepared) prepared) {
                if (MouthCompositor.apply(frame, composite, plan.strength()[i]) != null) {
                    rendered++;
                }
            }
        }
        if (overlay != null) {
            int person = person(plan, i);
            FaceLog.Face target = person < 0 ? null : speakers.faceOf(person, sourceFrameIndex);
            int donorFrame = donorFrame(plan, i);
            if (I420Frames.isI420(frame)) {
                // debugging only: the whole frame through BGR is fine here
                try (Mat bgr = I420Frames.toBgr(frame)) {
                    overlay.draw(bgr, sourceFrameIndex, target, donorFrame);
                    try (Mat back = I420Frames.fromBgr(bgr)) {
                        back.copyTo(frame);
                    }
                }
            } else {
                overlay.draw(frame, sourceFrameIndex, target, donorFrame);
            }
        }
        return frame;
    }

    /** The source frame whose mouth output frame {@code i} shows, or -1 (the frame passes unchanged). */
    private static int donorFrame(MouthPlan plan, int i) {
        return i < plan.bankFrame().length ? plan.bankFrame()[i] : -1;
    }

    /** The person whose mouth output frame {@code i} re-renders, or -1. */
    private static int person(MouthPlan plan, int i) {
        return donorFrame(plan, i) < 0 ? -1 : plan.person()[i];
    }

    /**
     * The shape to show a donor's mouth in: its own landmarks, or, where its image misses the
     * target by more than {@link #RESHAPE_ABOVE}, those landmarks with the lower lip moved by the
     * miss.
     *
     * @param landmarkOpening the donor's opening as {@code donor} measures it
     * @param error           target minus the opening the donor's image shows
     */
    static Landmarks wantedShape(Landmarks donor, double landmarkOpening, double error) {
        return Math.abs(error) > RESHAPE_ABOVE ? MouthReshape.withOpening(donor, landmarkOpening + error) : donor;
    }

    @Override
    public long framesRendered() {
        return rendered;
    }

    @Override
    public void close() {
        bank.close();
    }
}
