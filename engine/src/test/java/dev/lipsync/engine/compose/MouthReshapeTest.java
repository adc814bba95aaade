package dev.lipsync.engine.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lipsync.engine.landmarks.FaceFrame;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.mouth.MouthShape;
import org.junit.jupiter.api.Test;

class MouthReshapeTest {

    @Test
    void opensAClosedMouthToTheWantedOpening() {
        Landmarks face = SyntheticFace.landmarks(false);
        double eye = MouthShape.eyeDistance(face);
        Landmarks opened = MouthReshape.withOpening(face, 0.25);
        assertEquals(0.25, MouthShape.measure(opened).opening(), 1e-4);
        // The chin moves down the face (perpendicular to the eye line) as far as the lower lip.
        FaceFrame f = FaceFrame.of(face);
        double innerShift = opened.y(66) - face.y(66);
        double chinX = opened.x(8) - face.x(8), chinY = opened.y(8) - face.y(8);
        assertEquals(innerShift, Math.hypot(chinX, chinY), 0.05 * eye);
        assertEquals(f.downX(), chinX / Math.hypot(chinX, chinY), 1e-4);
        assertEquals(f.downY(), chinY / Math.hypot(chinX, chinY), 1e-4);
        for (int i : new int[] {0, 16, 17, 27, 30, 33, 36, 45, 50, 51, 52, 61, 62, 63}) {
            assertEquals(face.x(i), opened.x(i), 0f, "point " + i + " must not move");
            assertEquals(face.y(i), opened.y(i), 0f, "point " + i + " must not move");
        }
    }

    @Test
    void closesAnOpenMouthAndReopensIt() {
        Landmarks open = SyntheticFace.landmarks(true);
        double before = MouthShape.measure(open).opening();
        assertEquals(0.0, MouthShape.measure(MouthReshape.withOpening(open, 0)).opening(), 1e-4);
        assertEquals(before * 0.5, MouthShape.measure(MouthReshape.withOpening(open, before * 0.5)).opening(), 1e-4);
        // A wider opening moves the chin down, a narrower one up.
        assertEquals(1, Math.signum(MouthReshape.withOpening(open, before * 2).y(8) - open.y(8)));
        assertEquals(-1, Math.signum(MouthReshape.withOpening(open, before * 0.5).y(8) - open.y(8)));
    }

    @Test
    void followsTheFacesDirectionWhenTheHeadIsRolled() {
        Landmarks upright = SyntheticFace.landmarks(false);
        Landmarks rolled = SyntheticFace.rotated(upright, 0.4, 128, 128);
        Landmarks opened = MouthReshape.withOpening(rolled, 0.2);
        assertEquals(0.2, MouthShape.measure(opened).opening(), 1e-4);
        double dx = opened.x(8) - rolled.x(8), dy = opened.y(8) - rolled.y(8);
        // Down the rolled face is the upright face's down direction turned by θ.
        FaceFrame upFrame = FaceFrame.of(upright);
        double c = Math.cos(0.4), s = Math.sin(0.4);
        assertEquals(c * upFrame.downX() - s * upFrame.downY(), dx / Math.hypot(dx, dy), 1e-4);
        assertEquals(s * upFrame.downX() + c * upFrame.downY(), dy / Math.hypot(dx, dy), 1e-4);
    }
}
