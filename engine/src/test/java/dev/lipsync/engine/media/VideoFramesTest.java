package dev.lipsync.engine.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.LipSyncException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoFramesTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void makeFixtures() {
        MediaFixtures.testVideo(dir, "clip.mp4", 1, true, "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-c:a", "aac");
        MediaFixtures.testVideo(dir, "clip.mov", 1, true, "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-c:a", "aac");
        MediaFixtures.testVideo(dir, "clip.webm", 1, true, "-c:v", "libvpx", "-deadline", "realtime", "-b:v",
                "200k", "-c:a", "libopus");
        MediaFixtures.testVideo(dir, "clip.mkv", 1, true, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "flac");
        MediaFixtures.testVideo(dir, "clip.avi", 1, true, "-c:v", "mpeg4", "-c:a", "libmp3lame");
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip.mp4", "clip.mov", "clip.webm", "clip.mkv", "clip.avi"})
    void decodesEveryCommonContainerAtItsRate(String name) throws Exception {
        try (VideoFrames frames = VideoFrames.open(dir.resolve(name))) {
            VideoInfo info = frames.info();
            assertEquals(160, info.width());
            assertEquals(120, info.height());
            assertEquals(25, info.frameRate(), 1e-9);
            assertEquals(1, info.durationSeconds(), 0.1);
            assertEquals(25, info.frameCountEstimate(), 2);
            assertTrue(info.hasAudio());
            int count = 0;
            for (Mat frame = frames.next(); frame != null; frame = frames.next()) {
                assertEquals(160, frame.cols());
                assertEquals(120, frame.rows());
                assertEquals(org.bytedeco.opencv.global.opencv_core.CV_8UC3, frame.type());
                count++;
            }
            assertEquals(25, count, 1, "1 s at 25 fps (AVI's mpeg4 puts its second frame at 0.08 s: 26 slots)");
            assertNull(frames.next(), "stays at the end");
        }
    }

    @Test
    void deliversConstantRateFramesInOrder() throws Exception {
        Path video = MediaFixtures.indexedVideo(dir, "indexed.mp4", 30, null, "-c:v", "libx264", "-qp", "0");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
                24, 25, 26, 27, 28, 29), indices(video));
    }

    @Test
    void mapsVariableRateFramesByTimestampDuplicatingGapsAndDroppingCollisions() throws Exception {
        // Frames 0-9 every 40 ms, then a 200 ms gap, then a collision near frame 20.
        String setpts = "(N+if(gte(N,10),5,0)-if(gte(N,20),1,0))/25/TB";
        Path video = MediaFixtures.indexedVideo(dir, "vfr.mkv", 30, setpts, "-c:v", "libx264", "-bf", "0", "-qp",
                "0");
        // Expected from the timestamps FFmpeg actually wrote: slot s shows the last frame
        // whose round(t × 25) ≤ s.
        double[] times = MediaFixtures.frameTimes(video);
        long[] slots = java.util.Arrays.stream(times).mapToLong(t -> Math.round(t * 25)).toArray();
        List<Integer> expected = new ArrayList<>();
        for (long slot = 0; slot <= slots[slots.length - 1]; slot++) {
            int frame = 0;
            for (int k = 0; k < slots.length; k++) {
                if (slots[k] <= slot) {
                    frame = k;
                }
            }
            expected.add(frame);
        }
        assertTrue(expected.size() > times.length, "the fixture has a gap");
        assertTrue(java.util.stream.IntStream.range(1, slots.length).anyMatch(k -> slots[k] == slots[k - 1]),
                "the fixture has two frames in one slot");
        try (VideoFrames frames = VideoFrames.open(video)) {
            assertEquals(25, frames.info().frameRate(), 1e-9, "the grid rate, not the lower average");
        }
        assertEquals(expected, indices(video));
    }

    /**
     * Frames lie on the file's timeline: a video whose pictures start 0.4 s after its audio
     * (MPEG-TS recordings, streams cut without re-encoding) holds its first picture for those
     * 10 frames, as a player shows it, so frame k stays timed with the soundtrack the dub follows.
     */
    @ParameterizedTest
    @ValueSource(strings = {"late.mp4", "late.ts"})
    void aVideoStartingAfterItsAudioHoldsItsFirstPictureUntilThen(String name) throws Exception {
        Path pictures = MediaFixtures.indexedVideo(dir, "pictures_" + name.replace('.', '_') + ".mp4", 20, null,
                "-c:v", "libx264", "-qp", "0");
        Path late = dir.resolve(name);
        // 0.38 s: 9.5 frames, and 10.03 in MPEG-TS, whose muxer counts the AAC encoder's 21 ms priming too
        MediaFixtures.ffmpeg("-itsoffset", "0.38", "-i", pictures.toString(), "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000:duration=1.2", "-map", "0:v", "-map", "1:a", "-c:v", "copy",
                "-c:a", "aac", late.toString());
        List<Integer> expected = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            expected.add(0);
        }
        for (int k = 0; k < 20; k++) {
            expected.add(k);
        }
        assertEquals(expected, indices(late));
        assertEquals(List.of(0, 1, 2), indices(pictures).subList(0, 3), "a video starting with its file: as it is");
    }

    /**
     * A stream whose pictures change size midway (recordings joined as they are, adaptive
     * streams) is handed out at its first size, the later pictures scaled to it as FFmpeg's own
     * command line does: such a video failed with an internal error.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void picturesOfAnotherSizeMidwayAreScaledToTheFirst(boolean i420) throws Exception {
        Path first = MediaFixtures.indexedVideo(dir, "size_a.ts", 10, null, "-c:v", "libx264", "-qp", "0");
        Path second = dir.resolve("size_b.ts");
        MediaFixtures.ffmpeg("-i", first.toString(), "-vf", "scale=96:72", "-c:v", "libx264", "-qp", "0",
                second.toString());
        Path joined = dir.resolve("joined_" + i420 + ".ts");
        Files.write(joined, Files.readAllBytes(first));
        Files.write(joined, Files.readAllBytes(second), java.nio.file.StandardOpenOption.APPEND);
        List<Integer> seen = new ArrayList<>();
        try (VideoFrames frames = VideoFrames.open(joined, i420)) {
            for (Mat frame = frames.next(); frame != null; frame = frames.next()) {
                assertEquals(64, frame.cols());
                assertEquals(i420 ? 72 : 48, frame.rows(), "the first size (I420: 3/2 of the rows)");
                seen.add(MediaFixtures.indexOf(i420 ? I420Frames.toBgr(frame) : frame));
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), seen);
    }

    @Test
    void framesAreCountedFromTheFilesStartUnlessItIsUnknownOrFarOff() {
        assertEquals(1_400_000, VideoFrames.timelineStart(2_420_000, 1_400_000, true), "MPEG-TS: both offset");
        assertEquals(0, VideoFrames.timelineStart(33_000, 0, true), "a frame's lead: held once");
        assertEquals(2_420_000, VideoFrames.timelineStart(2_420_000, 0, false), "no start known");
        assertEquals(-20_000, VideoFrames.timelineStart(-20_000, 0, true), "a picture before the start: its own");
        assertEquals(90_000_000, VideoFrames.timelineStart(90_000_000, 0, true), "a start 90 s before: broken");
    }

    @Test
    void skippingAndReadingIntoABufferGiveTheFramesNextGives() throws Exception {
        // variable rate: repeated and dropped frames as well as plain ones
        String setpts = "(N+if(gte(N,10),5,0)-if(gte(N,20),1,0))/25/TB";
        Path video = MediaFixtures.indexedVideo(dir, "vfr_skip.mkv", 30, setpts, "-c:v", "libx264", "-bf", "0", "-qp",
                "0");
        List<Integer> all = indices(video);
        List<Integer> everyThird = new ArrayList<>();
        try (VideoFrames frames = VideoFrames.open(video); Mat buffer = new Mat()) {
            for (int i = 0; ; i++) {
                if (i % 3 != 0) {
                    if (!frames.skip()) {
                        break;
                    }
                    continue;
                }
                Mat frame = frames.nextInto(buffer);
                if (frame == null) {
                    break;
                }
                assertTrue(frame == buffer, "written into the buffer given");
                everyThird.add(MediaFixtures.indexOf(frame));
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 3) {
            expected.add(all.get(i));
        }
        assertEquals(expected, everyThird);
    }

    @Test
    void rowsAreLaidOutAsJavaCvLaysThemOut() {
        assertEquals(1280, VideoFrames.grabberRowPixels(1280), "3840 bytes: a multiple of 64 already");
        assertEquals(1920, VideoFrames.grabberRowPixels(1920));
        assertEquals(704, VideoFrames.grabberRowPixels(700), "2112 bytes = 33 x 64");
        assertEquals(192, VideoFrames.grabberRowPixels(161));
        assertEquals(192, VideoFrames.grabberRowPixels(162));
        assertEquals(896, VideoFrames.grabberRowPixels(844), "padded to 64 pixels at most");
    }

    @ParameterizedTest
    @ValueSource(strings = {"162x122", "161x121", "700x100", "64x48"})
    void framesHaveThePixelsJavaCvsOwnConversionGives(String size) throws Exception {
        Path video = MediaFixtures.testVideo(dir, "size_" + size + ".mkv", 0.2, false, "-vf",
                "scale=" + size.replace('x', ':'), "-c:v", "ffv1", "-pix_fmt", "yuv420p");
        try (org.bytedeco.javacv.FFmpegFrameGrabber grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(video.toFile());
             org.bytedeco.javacv.OpenCVFrameConverter.ToMat converter = new org.bytedeco.javacv.OpenCVFrameConverter.ToMat();
             VideoFrames direct = VideoFrames.open(video); VideoFrames into = VideoFrames.open(video);
             Mat buffer = new Mat()) {
            grabber.start();
            int frames = 0;
            for (org.bytedeco.javacv.Frame f = grabber.grabImage(); f != null; f = grabber.grabImage()) {
                Mat javacv = converter.convert(f);
                assertEquals(0, differingValues(javacv, direct.next()), size + " frame " + frames + ", next");
                assertEquals(0, differingValues(javacv, into.nextInto(buffer)), size + " frame " + frames + ", nextInto");
                frames++;
            }
            assertEquals(5, frames);
            assertNull(direct.next());
            assertNull(into.nextInto(buffer));
        }
    }

    private static int differingValues(Mat a, Mat b) {
        assertEquals(a.cols(), b.cols());
        assertEquals(a.rows(), b.rows());
        try (Mat difference = new Mat()) {
            org.bytedeco.opencv.global.opencv_core.absdiff(a, b, difference);
            return org.bytedeco.opencv.global.opencv_core.countNonZero(difference.reshape(1, 0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"seek.mp4", "seek.webm", "seek.avi", "seek.mkv", "seek.ts"})
    void seeksToAnyFrameExactly(String name) throws Exception {
        String[] codec = name.endsWith(".webm") ? new String[] {"-c:v", "libvpx", "-g", "8", "-crf", "4", "-b:v", "1M"}
                : name.endsWith(".avi") ? new String[] {"-c:v", "mpeg4", "-g", "8", "-q:v", "1"}
                : name.endsWith(".ts") ? new String[] {"-c:v", "mpeg2video", "-g", "8", "-q:v", "1"} // starts at 1.4 s
                : new String[] {"-c:v", "libx264", "-qp", "0", "-g", "8"};
        Path video = MediaFixtures.indexedVideo(dir, name, 30, null, codec);
        try (VideoFrames frames = VideoFrames.open(video)) {
            for (int target : new int[] {17, 3, 29, 0, 8, 9, 23}) {
                frames.seek(target);
                assertEquals(target, frames.nextIndex());
                Mat frame = frames.next();
                assertNotNull(frame, "frame " + target);
                assertEquals(target, MediaFixtures.indexOf(frame), "after seek to " + target);
                assertEquals(Math.min(29, target + 1), MediaFixtures.indexOf(nextOrLast(frames, frame)),
                        "decoding on after " + target);
            }
            frames.seek(40);
            assertNull(frames.next(), "past the end");
        }
        for (int target : new int[] {1, 2, 3, 9}) { // a fresh reader, and a seek right after a read
            try (VideoFrames frames = VideoFrames.open(video)) {
                frames.seek(target);
                assertEquals(target, MediaFixtures.indexOf(frames.next()), "fresh seek to " + target);
                frames.seek(target - 1);
                assertEquals(target - 1, MediaFixtures.indexOf(frames.next()), "seek back one from " + target);
            }
        }
    }

    /**
     * A field-coded video (a moving pattern at 50 frames/s woven into 25 interlaced frames/s, as
     * broadcast masters are) comes out progressive: no comb between its rows, its 25 frames a second
     * kept, and a frame reached by a seek the same bytes as read in order.
     */
    @Test
    void deinterlacesAFieldCodedVideo() throws Exception {
        Path interlaced = dir.resolve("interlaced.mp4");
        MediaFixtures.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=50:duration=1.2", "-vf",
                "interlace=scan=tff", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-g", "8", "-flags",
                "+ildct+ilme", interlaced.toString());
        Path woven = dir.resolve("interlaced_luma.raw"); // what a decoder without deinterlacing shows
        MediaFixtures.ffmpeg("-i", interlaced.toString(), "-f", "rawvideo", "-pix_fmt", "gray", woven.toString());
        byte[] raw = Files.readAllBytes(woven);
        int w = 320, h = 240, n = raw.length / (w * h);
        List<byte[]> ours = new ArrayList<>();
        try (VideoFrames frames = VideoFrames.openI420(interlaced)) {
            assertEquals(25, frames.info().frameRate(), 1e-9);
            for (Mat frame = frames.next(); frame != null; frame = frames.next()) {
                ours.add(MediaFixtures.bytes(frame));
            }
            frames.seek(17);
            assertArrayEquals(ours.get(17), MediaFixtures.bytes(frames.next()), "frame 17 after a seek");
        }
        assertEquals(n, ours.size(), "one progressive frame for each interlaced one");
        double wovenComb = 0, ourComb = 0;
        for (int f = 0; f < n; f++) {
            wovenComb += comb(raw, f * w * h, w, h);
            ourComb += comb(ours.get(f), 0, w, h); // an I420 frame starts with its luma plane
        }
        assertTrue(ourComb < wovenComb / 10, "comb " + ourComb / n + " against the woven fields' " + wovenComb / n);
    }

    /** Mean zig-zag between each row and both its neighbours (luma rows of a w × h plane at {@code at}). */
    private static double comb(byte[] plane, int at, int w, int h) {
        double sum = 0;
        for (int y = 1; y + 1 < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = at + y * w + x;
                int c = plane[p] & 0xff, up = plane[p - w] & 0xff, down = plane[p + w] & 0xff;
                sum += Math.max(0, (c - up) * (c - down));
            }
        }
        return sum / (w * (h - 2));
    }

    @Test
    void givesI420FramesThatShowWhatTheBgrOnesShow() throws Exception {
        assertI420ShowsWhatBgrShows(dir.resolve("clip.mp4"));
        // seeking works the same
        Path indexed = MediaFixtures.indexedVideo(dir, "seek_i420.mp4", 30, null, "-c:v", "libx264", "-qp", "0", "-g", "8");
        try (VideoFrames frames = VideoFrames.openI420(indexed)) {
            for (int target : new int[] {17, 3, 29, 0, 9}) {
                frames.seek(target);
                Mat frame = frames.next();
                double luma = org.bytedeco.opencv.global.opencv_core.mean(frame.rowRange(0, 48)).get(0);
                double level = (luma - 16) * 255 / 219; // the grey level drawn, seen in limited-range luma
                assertEquals(target, (int) Math.round((level - 16) / 6), "after seek to " + target);
            }
        }
    }

    /** Pictures the decoder does not give as yuv420p (full-range JPEG YUV, 4:4:4) come out in I420 too. */
    @ParameterizedTest
    @ValueSource(strings = {"yuvj420p", "yuv444p"})
    void givesI420FramesOfOtherPixelLayouts(String layout) throws Exception {
        Path clip = MediaFixtures.testVideo(dir, layout + ".mkv", 0.4, false, "-c:v", "libx264", "-preset",
                "ultrafast", "-pix_fmt", layout);
        assertI420ShowsWhatBgrShows(clip);
    }

    private static void assertI420ShowsWhatBgrShows(Path clip) throws Exception {
        try (VideoFrames bgr = VideoFrames.open(clip); VideoFrames i420 = VideoFrames.openI420(clip)) {
            assertTrue(VideoFrames.canGiveI420(i420.info()));
            int count = 0;
            for (Mat a = bgr.next(), b = i420.next(); a != null; a = bgr.next(), b = i420.next(), count++) {
                assertNotNull(b, "as many frames");
                assertEquals(org.bytedeco.opencv.global.opencv_core.CV_8UC1, b.type());
                assertEquals(160, b.cols());
                assertEquals(180, b.rows(), "Y plane, then U and V at a quarter of its size each");
                try (Mat converted = I420Frames.toBgr(b); Mat diff = new Mat()) {
                    org.bytedeco.opencv.global.opencv_core.absdiff(a, converted, diff);
                    org.bytedeco.opencv.opencv_core.Scalar perChannel = org.bytedeco.opencv.global.opencv_core.mean(diff);
                    for (int c = 0; c < 3; c++) {
                        assertTrue(perChannel.get(c) < 1.5, "frame " + count + ", channel " + c + ": mean difference "
                                + perChannel.get(c));
                    }
                }
            }
            assertTrue(count > 0, "frames decoded");
        }
    }

    @Test
    void givesI420OnlyForEvenUnrotatedPictures() throws Exception {
        Path odd = MediaFixtures.testVideo(dir, "odd.mp4", 0.2, false, "-vf", "scale=161:121", "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv444p");
        assertFalse(VideoFrames.canGiveI420(VideoFrames.probe(odd)));
        assertThrows(IllegalArgumentException.class, () -> VideoFrames.openI420(odd));
    }

    @Test
    void appliesTheRotationTag() throws Exception {
        Path plain = MediaFixtures.testVideo(dir, "landscape.mp4", 0.2, false, "-c:v", "libx264", "-preset",
                "ultrafast");
        Path rotated = dir.resolve("portrait.mp4");
        MediaFixtures.ffmpeg("-display_rotation", "90", "-i", plain.toString(), "-c", "copy", rotated.toString());
        try (VideoFrames frames = VideoFrames.open(rotated)) {
            VideoInfo info = frames.info();
            assertEquals(270, info.rotationDegrees(), "90° counter-clockwise display = turn 270° clockwise");
            assertEquals(120, info.width());
            assertEquals(160, info.height());
            Mat frame = frames.next();
            assertEquals(120, frame.cols());
            assertEquals(160, frame.rows());
        }
    }

    @Test
    void readsPixelShapeAndColourTagsTurnedWithThePicture() throws Exception {
        Path pal = MediaFixtures.testVideo(dir, "pal_16x9.mp4", 0.2, false, "-vf",
                "setsar=64/45,setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709", "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p");
        try (VideoFrames frames = VideoFrames.open(pal)) {
            assertEquals(new DisplayTags(64, 45, 1, 1, 1), frames.info().display());
        }
        Path turned = dir.resolve("pal_16x9_portrait.mp4");
        MediaFixtures.ffmpeg("-display_rotation", "90", "-i", pal.toString(), "-c", "copy", turned.toString());
        try (VideoFrames frames = VideoFrames.open(turned)) {
            assertEquals(new DisplayTags(45, 64, 1, 1, 1), frames.info().display());
        }
        try (VideoFrames frames = VideoFrames.open(dir.resolve("clip.mp4"))) {
            assertEquals(DisplayTags.NONE, frames.info().display(), "an untagged video");
        }
    }

    /**
     * A full-range yuv420p video (VP9 and HEVC say full range with a flag, not with a JPEG pixel
     * format) comes out as limited-range I420 and as the BGR it shows, not clipped.
     */
    @Test
    void convertsFullRangeVideoThatSaysSoByItsFlag() throws Exception {
        // RGB 40 grey: full-range luma 40, limited 16 + 40 · 219/255 = 50.4
        Path full = dir.resolve("full_range.webm");
        MediaFixtures.ffmpeg("-f", "lavfi", "-i", "color=c=0x282828:size=160x120:rate=25:duration=0.2", "-vf",
                "scale=out_range=full,format=yuv420p", "-color_range", "pc", "-c:v", "libvpx-vp9", "-lossless", "1",
                full.toString());
        assertEquals("pc", MediaFixtures.stream(MediaFixtures.probe(full), "video").path("color_range").asText());
        try (VideoFrames frames = VideoFrames.open(full)) {
            Mat bgr = frames.next();
            assertEquals(40, bgr.ptr(60, 80).get() & 0xFF, 1, "the grey as shown (read as limited: 27)");
        }
        try (VideoFrames frames = VideoFrames.openI420(full)) {
            Mat i420 = frames.next();
            assertEquals(50, i420.ptr(60, 80).get() & 0xFF, 1, "limited-range luma (copied as it was: 40)");
        }
    }

    @Test
    void clockwiseRotationUndoesTheDisplayMatrix() {
        assertEquals(0, VideoFrames.clockwiseRotation(0));
        assertEquals(90, VideoFrames.clockwiseRotation(-90));
        assertEquals(270, VideoFrames.clockwiseRotation(90));
        assertEquals(180, VideoFrames.clockwiseRotation(180));
        assertEquals(180, VideoFrames.clockwiseRotation(-180));
        assertEquals(0, VideoFrames.clockwiseRotation(Double.NaN));
    }

    @Test
    void reportsAVideoWithoutSoundtrack() throws Exception {
        Path silent = MediaFixtures.testVideo(dir, "silent.mp4", 0.2, false, "-c:v", "libx264", "-preset",
                "ultrafast");
        assertFalse(VideoFrames.probe(silent).hasAudio());
    }

    @Test
    void rejectsFilesThatAreNotVideos() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n".repeat(100));
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        Path missing = dir.resolve("missing.mp4");
        for (Path bad : List.of(text, empty, missing)) {
            LipSyncException e = assertThrows(LipSyncException.class, () -> VideoFrames.open(bad), bad.toString());
            assertEquals(Reason.VIDEO_UNREADABLE, e.reason());
            assertEquals("video file is not a valid video", e.getMessage());
        }
    }

    @Test
    void rejectsATruncatedFileWhoseIndexIsLost() throws IOException {
        Path whole = MediaFixtures.testVideo(dir, "whole.mp4", 1, true, "-c:v", "libx264", "-preset",
                "ultrafast", "-c:a", "aac"); // moov at the end: cutting it loses the index
        Path cut = dir.resolve("cut.mp4");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        LipSyncException e = assertThrows(LipSyncException.class, () -> VideoFrames.open(cut));
        assertEquals(Reason.VIDEO_UNREADABLE, e.reason());
        assertEquals("video file is truncated (an incomplete upload or copy)", e.getMessage());
    }

    @Test
    void keepsWhatDecodesOfAFileCutAfterItsIndex() throws Exception {
        Path whole = MediaFixtures.testVideo(dir, "faststart.mp4", 1, true, "-c:v", "libx264", "-preset",
                "ultrafast", "-c:a", "aac", "-movflags", "+faststart");
        Path cut = dir.resolve("faststart_cut.mp4");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        int count = 0;
        try (VideoFrames frames = VideoFrames.open(cut)) {
            while (frames.next() != null) {
                count++;
            }
        }
        assertTrue(count > 0 && count <= 25, "decoded " + count);
    }

    @Test
    void namesAnUnknownCodec() throws IOException {
        Path avi = MediaFixtures.testVideo(dir, "known.avi", 0.2, false, "-c:v", "mpeg4");
        // rewrite the stream's fourcc to one no decoder claims
        String bytes = new String(Files.readAllBytes(avi), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains("FMP4"));
        Path unknown = Files.write(dir.resolve("unknown.avi"),
                bytes.replace("FMP4", "ZZZ9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        LipSyncException e = assertThrows(LipSyncException.class, () -> VideoFrames.open(unknown));
        assertEquals(Reason.VIDEO_UNREADABLE, e.reason());
        assertEquals("video file uses a codec we cannot decode", e.getMessage());
    }

    @Test
    void rejectsAnAudioFileGivenAsVideo() {
        Path wav = MediaFixtures.sine(dir, "speech.wav", 0.5, 440, 16000, 1);
        LipSyncException e = assertThrows(LipSyncException.class, () -> VideoFrames.open(wav));
        assertEquals(Reason.NO_VIDEO_STREAM, e.reason());
        assertEquals("video file has no video track", e.getMessage());
    }

    @Test
    void treatsCoverArtAsNoVideo() {
        Path cover = MediaFixtures.testVideo(dir, "cover.png", 0.04, false, "-frames:v", "1");
        Path wav = MediaFixtures.sine(dir, "song.wav", 0.5, 440, 44100, 1);
        Path mp3 = dir.resolve("song.mp3");
        MediaFixtures.ffmpeg("-i", wav.toString(), "-i", cover.toString(), "-map", "0:a", "-map", "1:v",
                "-c:a", "libmp3lame", "-c:v", "png", "-disposition:v", "attached_pic", mp3.toString());
        LipSyncException e = assertThrows(LipSyncException.class, () -> VideoFrames.open(mp3));
        assertEquals(Reason.NO_VIDEO_STREAM, e.reason());
    }

    @Test
    void readsTheSharedVariableRateClipOnItsGrid() throws Exception {
        Path clip = MediaFixtures.sharedMedia("video/man_suit_en.mp4"); // 135 frames on a 30 fps grid over 6.1 s
        int count = 0;
        try (VideoFrames frames = VideoFrames.open(clip)) {
            assertEquals(30, frames.info().frameRate(), 1e-9);
            assertEquals(700, frames.info().width());
            while (frames.next() != null) {
                count++;
            }
            assertEquals(135, frames.decodedFrames());
        }
        assertEquals(183, count, 1, "6.1 s at 30 fps");
    }

    @Test
    void opensEverySharedClip() throws Exception {
        Path dir = MediaFixtures.sharedMedia("av/MANIFEST.tsv").getParent().getParent();
        List<Path> clips;
        try (var files = Files.walk(dir)) {
            clips = files.filter(p -> p.toString().matches(".*\\.(mp4|mkv|mpg|mov|webm|avi)$")).sorted().toList();
        }
        assertTrue(clips.size() >= 10, "clips found: " + clips.size());
        for (Path clip : clips) {
            try (VideoFrames frames = VideoFrames.open(clip)) {
                VideoInfo info = frames.info();
                assertTrue(info.width() >= 100 && info.height() >= 100, clip + " " + info);
                assertTrue(info.frameRate() >= 23 && info.frameRate() <= 31, clip + " " + info);
                assertTrue(info.durationSeconds() > 1, clip + " " + info);
                Mat first = frames.next();
                assertEquals(info.width(), first.cols(), clip.toString());
                assertEquals(info.height(), first.rows(), clip.toString());
            }
        }
    }

    private static Mat nextOrLast(VideoFrames frames, Mat last) throws LipSyncException {
        Mat copy = last.clone();
        Mat next = frames.next();
        return next == null ? copy : next;
    }

    private static List<Integer> indices(Path video) throws LipSyncException {
        List<Integer> out = new ArrayList<>();
        try (VideoFrames frames = VideoFrames.open(video)) {
            for (Mat frame = frames.next(); frame != null; frame = frames.next()) {
                out.add(MediaFixtures.indexOf(frame));
            }
        }
        return out;
    }
}
