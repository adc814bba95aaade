package dev.lipsync.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.Options;
import dev.lipsync.engine.landmarks.TestAssets;
import dev.lipsync.engine.media.MediaFixtures;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Active speaker detection through the whole engine, on real footage: two talking clips side
 * by side, the soundtrack being one clip's own audio for the first half and the other's for
 * the second. The clip not heard in a half plays backwards there, so its lips do not match
 * the soundtrack (played forwards, both clips would talk in sync with their own audio at once
 * and nothing could tell them apart). Per half, the heard face's lower face must be
 * re-rendered in most frames and the other face must stay as the pass-through render of the
 * same input shows it, in every frame beyond {@value #SWITCH_MARGIN} frames of the switch.
 */
class SideBySideSpeakerTest {
    static final double HALF_SECONDS = 4.6; // both clips last at least this long
    static final int FPS = 25;
    static final int HALF_FRAMES = (int) Math.round(HALF_SECONDS * FPS);
    static final int SIDE = 400;
    /**
     * The soundtrack switches mid-sentence: the choice may move up to this many frames early or
     * late (a 1.2 s correlation window, pauses near the switch, the 4-frame fade), and the face
     * left behind is only required untouched beyond them.
     */
    static final int SWITCH_MARGIN = 20;

    @TempDir
    static Path dir;
    static Path man;
    static Path woman;
    static Path dub;

    @BeforeAll
    static void sharedMedia() throws Exception {
        TestAssets.model(); // skips without the dlib model
        man = MediaFixtures.sharedMedia("video/man_en.mp4");
        woman = MediaFixtures.sharedMedia("video/woman_glasses_en.mp4");
        dub = dir.resolve("dub.wav");
        MediaFixtures.ffmpeg("-i", MediaFixtures.sharedMedia("audio/de.wav").toString(), "-t",
                Double.toString(2 * HALF_SECONDS), dub.toString());
    }

    @Test
    void theLeftFaceThenTheRightFollowTheSoundtrack() throws Exception {
        Path clip = sideBySide("left_first.mp4", man, woman, true, SIDE);
        Sides s = Sides.measure(clip, Options.defaults());
        System.out.println("left then right: " + s);
        s.assertReRendered(0, 0);
        s.assertUntouched(0, 1);
        s.assertReRendered(1, 1);
        s.assertUntouched(1, 0);
    }

    @Test
    void theRightFaceThenTheLeftFollowTheSoundtrack() throws Exception {
        Path clip = sideBySide("right_first.mp4", man, woman, false, SIDE);
        Sides s = Sides.measure(clip, Options.defaults());
        System.out.println("right then left: " + s);
        s.assertReRendered(0, 1);
        s.assertUntouched(0, 0);
        s.assertReRendered(1, 0);
        s.assertUntouched(1, 1);
    }

    @Test
    void maxFaceKeepsTheLargerFaceWhateverTheSoundtrack() throws Exception {
        // the left clip is heard first, but the right face is the larger one all through
        Path clip = sideBySide("max_face.mp4", man, woman, true, 260);
        Sides s = Sides.measure(clip, new Options(true, false));
        System.out.println("max face: " + s);
        for (int half = 0; half < 2; half++) {
            s.assertReRendered(half, 1);
            s.assertUntouched(half, 0);
        }
    }

    /**
     * {@code left} (scaled to {@code leftSide}, centred in a 400×400 black square) beside
     * {@code right} (400×400), 2 × {@value #HALF_SECONDS} s at 25 fps; the soundtrack is the
     * first {@value #HALF_SECONDS} s of one clip's own audio, then of the other's. Each clip
     * shows its first {@value #HALF_SECONDS} s forwards while heard and backwards otherwise.
     */
    static Path sideBySide(String name, Path left, Path right, boolean leftFirst, int leftSide) {
        String cut = "trim=0:" + HALF_SECONDS + ",setpts=PTS-STARTPTS,fps=" + FPS + ",setsar=1";
        String l = "[0:v]" + cut + ",scale=" + leftSide + ":" + leftSide + ",pad=" + SIDE + ":" + SIDE
                + ":(ow-iw)/2:(oh-ih)/2,split[lf][lr0];[lr0]reverse[lr];";
        String r = "[1:v]" + cut + ",scale=" + SIDE + ":" + SIDE + ",split[rf][rr0];[rr0]reverse[rr];";
        String order = leftFirst
                ? "[lf][lr]concat=n=2:v=1:a=0[L];[rr][rf]concat=n=2:v=1:a=0[R];"
                : "[lr][lf]concat=n=2:v=1:a=0[L];[rf][rr]concat=n=2:v=1:a=0[R];";
        String audio = "aresample=16000,aformat=channel_layouts=mono,atrim=0:" + HALF_SECONDS + ",asetpts=PTS-STARTPTS";
        String sound = "[0:a]" + audio + "[la];[1:a]" + audio + "[ra];"
                + (leftFirst ? "[la][ra]" : "[ra][la]") + "concat=n=2:v=0:a=1[a]";
        Path out = dir.resolve(name);
        MediaFixtures.ffmpeg("-i", left.toString(), "-i", right.toString(), "-filter_complex",
                l + r + order + "[L][R]hstack=inputs=2[v];" + sound, "-map", "[v]", "-map", "[a]",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p",
                "-c:a", "aac", out.toString());
        return out;
    }

    /**
     * The engine's output against a pass-through render of the same input, per frame and per
     * side: whether the side's lower face was re-rendered, and that lower face's PSNR.
     */
    record Sides(boolean[][] changed, double[][] psnr) {
        static Sides measure(Path clip, Options options) throws Exception {
            boolean[][] changed = new boolean[2 * HALF_FRAMES][2];
            double[][] psnr = new double[2 * HALF_FRAMES][2];
            int t = AgainstPassThrough.compare(clip, dub, options, dir, changed.length, (f, px, py, w, h) -> {
                for (int side = 0; side < 2; side++) {
                    int x0 = side * w / 2, x1 = (side + 1) * w / 2;
                    changed[f][side] = AgainstPassThrough.largestBlockChange(px, py, w, x0, x1, 2 * h / 5, h)
                            > AgainstPassThrough.CHANGED_BLOCK;
                    psnr[f][side] = AgainstPassThrough.regionPsnr(px, py, w, x0, x1, 2 * h / 5, h);
                }
            });
            assertTrue(t == changed.length, "the output has " + t + " frames, not " + changed.length);
            return new Sides(changed, psnr);
        }

        /** The frames of a half, less those within {@code margin} frames of the other half. */
        private static int[] frames(int half, int margin) {
            return half == 0 ? new int[] {0, HALF_FRAMES - margin} : new int[] {HALF_FRAMES + margin, 2 * HALF_FRAMES};
        }

        double changedShare(int half, int side, int margin) {
            int[] f = frames(half, margin);
            int n = 0;
            for (int t = f[0]; t < f[1]; t++) {
                n += changed[t][side] ? 1 : 0;
            }
            return n / (double) (f[1] - f[0]);
        }

        double minPsnr(int half, int side, int margin) {
            int[] f = frames(half, margin);
            double min = 99;
            for (int t = f[0]; t < f[1]; t++) {
                min = Math.min(min, psnr[t][side]);
            }
            return min;
        }

        void assertReRendered(int half, int side) {
            assertTrue(changedShare(half, side, 0) > 0.6, "half " + half + ": the " + name(side)
                    + " face should be re-rendered in most frames: " + this);
        }

        void assertUntouched(int half, int side) {
            assertTrue(changedShare(half, side, SWITCH_MARGIN) == 0 && minPsnr(half, side, SWITCH_MARGIN) > AgainstPassThrough.UNTOUCHED_PSNR,
                    "half " + half + ": the " + name(side) + " face should stay untouched: " + this);
        }

        private static String name(int side) {
            return side == 0 ? "left" : "right";
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            for (int half = 0; half < 2; half++) {
                s.append(String.format(Locale.ROOT, "[half %d: re-rendered left %.0f %%, right %.0f %%"
                                + " (beyond %d frames of the switch: %.0f %%, %.0f %%); min PSNR beyond them"
                                + " left %.1f dB, right %.1f dB] ", half, 100 * changedShare(half, 0, 0),
                        100 * changedShare(half, 1, 0), SWITCH_MARGIN, 100 * changedShare(half, 0, SWITCH_MARGIN),
                        100 * changedShare(half, 1, SWITCH_MARGIN), minPsnr(half, 0, SWITCH_MARGIN),
                        minPsnr(half, 1, SWITCH_MARGIN)));
            }
            return s.toString().trim();
        }
    }
}
