package dev.lipsync.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.LipSyncException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeAheadTest {
    @TempDir
    static Path dir;
    static Path video;

    @BeforeAll
    static void makeFixture() {
        video = MediaFixtures.indexedVideo(dir, "indexed.mp4", 30, null, "-c:v", "libx264", "-preset", "ultrafast",
                "-qp", "0", "-pix_fmt", "yuv420p", "-movflags", "+faststart");
    }

    @Test
    void yieldsTheSameFramesInTheSameOrderAsReadingDirectly() throws Exception {
        List<Integer> direct = new ArrayList<>();
        try (VideoFrames frames = VideoFrames.open(video)) {
            for (Mat f = frames.next(); f != null; f = frames.next()) {
                direct.add(MediaFixtures.indexOf(f));
            }
        }
        List<Integer> ahead = new ArrayList<>();
        try (DecodeAhead<Void> frames = new DecodeAhead<>(VideoFrames.open(video), 2)) {
            for (Mat f = frames.next(); f != null; f = frames.next()) {
                ahead.add(MediaFixtures.indexOf(f));
            }
            assertNull(frames.next(), "stays at the end");
        }
        assertEquals(30, direct.size());
        assertEquals(direct, ahead);
    }

    @Test
    void whatIsMadeAlongsideBelongsToTheFrameJustReturned() throws Exception {
        int n = 0;
        try (DecodeAhead<Integer> frames = new DecodeAhead<>(VideoFrames.open(video), 3, (frame, recycled) -> MediaFixtures.indexOf(frame))) {
            assertNull(frames.alongside(), "nothing before the first frame");
            for (Mat f = frames.next(); f != null; f = frames.next()) {
                assertEquals(MediaFixtures.indexOf(f), frames.alongside());
                assertEquals(n++, frames.alongside());
            }
        }
        assertEquals(30, n);
    }

    @Test
    void whatIsRecycledIsNoLongerInUseAndFewAreMade() throws Exception {
        java.util.Set<int[]> made = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        try (DecodeAhead<int[]> frames = new DecodeAhead<>(VideoFrames.open(video), 2, (frame, recycled) -> {
            int[] box = recycled != null ? recycled : new int[1];
            made.add(box);
            box[0] = MediaFixtures.indexOf(frame);
            return box;
        })) {
            for (Mat f = frames.next(); f != null; f = frames.next()) {
                Thread.sleep(5); // the decoder runs ahead and recycles meanwhile
                assertEquals(MediaFixtures.indexOf(f), frames.alongside()[0]);
            }
        }
        assertTrue(made.size() <= 3, "one per buffer (depth + 1), made " + made.size());
    }

    @Test
    void aFailureOnTheDecodingThreadReachesTheCallerInsteadOfHangingIt() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Mat one = new Mat(2, 2, org.bytedeco.opencv.global.opencv_core.CV_8UC3);
            int[] calls = {0};
            DecodeAhead.Source failing = buffer -> {
                if (calls[0]++ == 0) {
                    return one;
                }
                throw new IllegalStateException("decoder broke");
            };
            try (DecodeAhead<Void> frames = new DecodeAhead<>(failing, null, 2, null)) {
                frames.next();
                IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                        frames::next);
                assertEquals("decoder broke", e.getMessage());
            }
            DecodeAhead.Source erring = buffer -> {
                throw new StackOverflowError("deep");
            };
            try (DecodeAhead<Void> frames = new DecodeAhead<>(erring, null, 2, null)) {
                org.junit.jupiter.api.Assertions.assertThrows(StackOverflowError.class, frames::next);
            }
        });
    }

    @Test
    void aFrameStaysIntactUntilTheNextCallWhileTheDecoderRunsAhead() throws Exception {
        try (DecodeAhead<Void> frames = new DecodeAhead<>(VideoFrames.open(video), 1)) {
            Mat first = frames.next();
            Thread.sleep(200); // the decoder fills every free buffer meanwhile
            assertEquals(0, MediaFixtures.indexOf(first));
            assertEquals(1, MediaFixtures.indexOf(frames.next()));
        }
    }

    @Test
    void anExchangedFrameIsTheCallersAndTheReplacementIsDecodedInto() throws Exception {
        List<Mat> kept = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        try (DecodeAhead<Void> frames = new DecodeAhead<>(VideoFrames.open(video), 2)) {
            for (Mat f = frames.next(); f != null; f = frames.next()) {
                seen.add(MediaFixtures.indexOf(f));
                if (seen.size() % 5 == 1) {
                    kept.add(f);
                    frames.exchange(new Mat());
                }
            }
        }
        assertEquals(java.util.stream.IntStream.range(0, 30).boxed().toList(), seen);
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(5 * i, MediaFixtures.indexOf(kept.get(i)), "kept frame " + i + " untouched by later decoding");
            kept.get(i).close();
        }
    }

    @Test
    void closingHalfWayStopsTheDecoderWithoutHanging() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 20; i++) {
                try (DecodeAhead<Void> frames = new DecodeAhead<>(VideoFrames.open(video), 3)) {
                    frames.next();
                }
            }
        });
    }

    @Test
    void aDamagedFileEndsOrFailsExactlyAsReadingDirectlyDoes() throws Exception {
        byte[] bytes = Files.readAllBytes(video);
        int mdat = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("mdat") + 4;
        // zeroed from the first frame's data (nothing decodes), then from the middle (ends early)
        int[] damageFrom = {mdat, bytes.length * 6 / 10};
        List<String> outcomes = new ArrayList<>();
        for (int from : damageFrom) {
            Path damaged = dir.resolve("damaged_" + from + ".mp4");
            byte[] copy = bytes.clone();
            java.util.Arrays.fill(copy, from, copy.length, (byte) 0);
            Files.write(damaged, copy);
            String direct;
            try (VideoFrames frames = VideoFrames.open(damaged)) {
                direct = outcome(frames::next);
            }
            try (DecodeAhead<Void> frames = new DecodeAhead<>(VideoFrames.open(damaged), 2)) {
                assertEquals(direct, outcome(frames::next), "damaged from byte " + from);
            }
            outcomes.add(direct);
        }
        assertTrue(outcomes.get(0).startsWith("error VIDEO_UNREADABLE"), outcomes.get(0));
        assertTrue(outcomes.get(1).startsWith("frames "), outcomes.get(1));
    }

    private interface Reader {
        Mat next() throws LipSyncException;
    }

    /** "frames N" or "error REASON: message". */
    private static String outcome(Reader reader) {
        int n = 0;
        try {
            while (reader.next() != null) {
                n++;
            }
            return "frames " + n;
        } catch (LipSyncException e) {
            return "error " + e.reason() + ": " + e.getMessage();
        }
    }
}
