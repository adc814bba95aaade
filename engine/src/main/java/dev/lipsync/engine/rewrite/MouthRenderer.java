package dev.lipsync.engine.rewrite;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.compose.MouthCompositor;
import dev.lipsync.engine.compose.MouthReshape;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.pipeline.FrameRenderer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Pass 2: puts the mouth of the planned bank frame onto the speaker's face in each output
 * frame. Where no bank frame shows the wanted opening closely enough, that frame's mouth is
 * stretched to it ({@link MouthReshape}). Frames without a speaker pass unchanged.
 */
final class MouthRenderer implements FrameRenderer {
    /**
     * Openings further than this from the target (eye distances) are reshaped: about the
     * difference between a closed and a slightly parted mouth, a step the eye notices.
     */
    static final double RESHAPE_ABOVE = 0.04;

    private final Speakers speakers;
    private final MouthPlan plan;
    private final MouthBank bank;
    private final DebugOverlay overlay;
    private long rendered;

    MouthRenderer(Speakers speakers, MouthPlan plan, MouthBank bank, DebugOverlay overlay) {
        this.speakers = speakers;
        this.plan = plan;
        this.bank = bank;
        this.overlay = overlay;
    }

    @Override
    public Mat render(long outputIndex, int sourceFrameIndex, Mat frame) throws LipSyncException {
        int i = Math.toIntExact(outputIndex);
        int donorFrame = i < plan.bankFrame().length ? plan.bankFrame()[i] : -1;
        int person = donorFrame < 0 ? -1 : plan.person()[i];
        FaceLog.Face target = person < 0 ? null : speakers.faceOf(person, sourceFrameIndex);
        FaceLog.Face donor = person < 0 ? null : speakers.faceOf(person, donorFrame);
        MouthBank.Crop crop = target == null || donor == null ? null : bank.crop(person, donorFrame);
        if (crop != null) {
            try (Mat source = crop.image()) {
                Landmarks donorLandmarks = crop.shift(donor.toLandmarks());
                Landmarks shape = Math.abs(plan.openingError()[i]) > RESHAPE_ABOVE
                        ? MouthReshape.withOpening(donorLandmarks,
                                plan.donorLandmarkOpening()[i] + plan.openingError()[i])
                        : donorLandmarks;
                if (MouthCompositor.composeInPlace(frame, target.toLandmarks(), source, donorLandmarks, shape,
                        plan.strength()[i]) != null) {
                    rendered++;
                }
            }
        }
        if (overlay != null) {
            overlay.draw(frame, sourceFrameIndex, target, donorFrame);
        }
        return frame;
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
