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
 * Someone off screen talking while the face on screen listens, through the whole engine: a
 * man talks for 3 s (his own voice), then listens for 3 s to another man (his lips still: one
 * of his frames held, with moving grain so its landmarks jitter as a real still face's do),
 * then talks again. Dubbed, the listener must not mouth the off-screen voice's new words: his
 * lower face stays as the pass-through render shows it, while the talking parts are
 * re-rendered. With the largest face asked for, every frame is re-rendered, as the API says.
 */
class OffScreenSpeakerTest {
    static final int FPS = 30;
    static final int PART = 3 * FPS;
    /** Frames next to a part's edges where either outcome is fine (windows, fades). */
    static final int EDGE = 15;

    @TempDir
    static Path dir;
    static Path clip;
    static Path dub;

    @BeforeAll
    static void video() throws Exception {
        TestAssets.model(); // skips without the dlib model
        Path man = MediaFixtures.sharedMedia("video/man_suit_en.mp4");
        Path other = MediaFixtures.sharedMedia("audio/en_male_1.wav");
        dub = dir.resolve("dub.wav");
        MediaFixtures.ffmpeg("-i", MediaFixtures.sharedMedia("audio/zh_22s.wav").toString(), "-t", "9", dub.toString());
        clip = dir.resolve("listener.mp4");
        String mono = "aresample=16000,aformat=channel_layouts=mono";
        MediaFixtures.ffmpeg("-i", man.toString(), "-i", other.toString(), "-filter_complex",
                "[0:v]fps=" + FPS + ",setsar=1,split=3[v1][v2][v3];"
                        + "[v1]trim=0:3,setpts=PTS-STARTPTS[talk1];"
                        + "[v2]trim=start_frame=90:end_frame=91,setpts=PTS-STARTPTS,loop=loop=" + (PART - 1)
                        + ":size=1:start=0,noise=alls=8:allf=t,setpts=N/" + FPS + "/TB[listen];"
                        + "[v3]trim=3:6,setpts=PTS-STARTPTS[talk2];"
                        + "[talk1][listen][talk2]concat=n=3:v=1:a=0[v];"
                        + "[0:a]" + mono + ",asplit=2[s1][s2];[s1]atrim=0:3,asetpts=PTS-STARTPTS[own1];"
                        + "[1:a]" + mono + ",atrim=0:3,asetpts=PTS-STARTPTS[off];"
                        + "[s2]atrim=3:6,asetpts=PTS-STARTPTS[own2];[own1][off][own2]concat=n=3:v=0:a=1[a]",
                "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18",
                "-pix_fmt", "yuv420p", "-c:a", "aac", clip.toString());
    }

    @Test
    void theListenerIsLeftAloneAndTheTalkIsReRendered() throws Exception {
        Parts p = Parts.measure(Options.defaults());
        System.out.println("active speaker: " + p);
        assertTrue(p.changedShare(0) > 0.4 && p.changedShare(2) > 0.4, "talking parts should be re-rendered: " + p);
        assertTrue(p.changedShare(1) == 0 && p.minPsnr(1) > AgainstPassThrough.UNTOUCHED_PSNR, "the listener should stay untouched: " + p);
    }

    @Test
    void maxFaceReRendersTheListenerToo() throws Exception {
        Parts p = Parts.measure(new Options(true, false));
        System.out.println("max face: " + p);
        assertTrue(p.changedShare(1) > 0.4, "max-face re-renders the largest face everywhere: " + p);
    }

    /** Per frame, against a pass-through render: whether the lower face changed, and its PSNR. */
    record Parts(boolean[] changed, double[] psnr) {
        static Parts measure(Options options) throws Exception {
            boolean[] changed = new boolean[3 * PART];
            double[] psnr = new double[3 * PART];
            int t = AgainstPassThrough.compare(clip, dub, options, dir, changed.length, (f, px, py, w, h) -> {
                // the lower half of the middle: the man's lower face and neck
                int x0 = w / 5, x1 = 4 * w / 5, y0 = 2 * h / 5;
                changed[f] = AgainstPassThrough.largestBlockChange(px, py, w, x0, x1, y0, h) > AgainstPassThrough.CHANGED_BLOCK;
                psnr[f] = AgainstPassThrough.regionPsnr(px, py, w, x0, x1, y0, h);
            });
            assertTrue(t >= 3 * PART - 1, "the output has " + t + " frames");
            return new Parts(changed, psnr);
        }

        /** Part 0, 1 or 2, less {@value #EDGE} frames at each inner edge. */
        private int[] frames(int part) {
            int from = part == 0 ? 0 : part * PART + EDGE;
            int to = part == 2 ? Math.min(changed.length, 3 * PART - 1) : (part + 1) * PART - EDGE;
            return new int[] {from, to};
        }

        double changedShare(int part) {
            int[] f = frames(part);
            int n = 0;
            for (int t = f[0]; t < f[1]; t++) {
                n += changed[t] ? 1 : 0;
            }
            return n / (double) (f[1] - f[0]);
        }

        double minPsnr(int part) {
            int[] f = frames(part);
            double min = 99;
            for (int t = f[0]; t < f[1]; t++) {
                min = Math.min(min, psnr[t]);
            }
            return min;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "re-rendered: talking %.0f %%, listening %.0f %% (min PSNR %.1f dB),"
                    + " talking %.0f %%", 100 * changedShare(0), 100 * changedShare(1), minPsnr(1), 100 * changedShare(2));
        }
    }
}
