package dev.lipsync.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.CancelledException;
import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.LipSyncException.Reason;
import dev.lipsync.engine.ProgressListener;
import dev.lipsync.engine.Result;
import dev.lipsync.engine.media.MediaFixtures;
import dev.lipsync.engine.media.VideoFrames;
import dev.lipsync.engine.media.VideoInfo;
import dev.lipsync.engine.timing.TimingPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoPassPipelineTest {
    @TempDir
    static Path dir;
    static Path indexed10;
    static Path indexed30;
    static Path clip;
    static Path oneSecondWav;
    static Path stereoM4a;

    @BeforeAll
    static void makeFixtures() {
        // keyframe every 4 frames: backward chunks must seek into the middle of the file
        indexed10 = MediaFixtures.indexedVideo(dir, "ten.mp4", 10, null, "-c:v", "libx264", "-qp", "0", "-g", "4");
        indexed30 = MediaFixtures.indexedVideo(dir, "thirty.webm", 30, null, "-c:v", "libvpx", "-crf", "4",
                "-b:v", "1M", "-g", "8");
        clip = MediaFixtures.testVideo(dir, "clip.mov", 1, true, "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-c:a", "aac");
        oneSecondWav = MediaFixtures.sine(dir, "one.wav", 1.0, 300, 16000, 1);
        stereoM4a = MediaFixtures.sine(dir, "dub.m4a", 1.32, 500, 44100, 2, "-c:a", "aac");
    }

    /** Pass 1's decode-ahead queue: deeper for small frames, within its memory, never under 3 frames. */
    @Test
    void analysisDecodesAheadWithinItsMemory() {
        assertEquals(8, TwoPassPipeline.analysisDecodeAhead(640, 360, 3));
        assertEquals(8, TwoPassPipeline.analysisDecodeAhead(1280, 720, 3));
        assertEquals(4, TwoPassPipeline.analysisDecodeAhead(1920, 1080, 3));
        assertEquals(3, TwoPassPipeline.analysisDecodeAhead(2560, 1440, 3), "the minimum, over the memory");
        assertEquals(3, TwoPassPipeline.analysisDecodeAhead(3840, 2160, 3));
        assertEquals(8, TwoPassPipeline.analysisDecodeAhead(1280, 720, 1.5), "I420: half the bytes");
        assertEquals(8, TwoPassPipeline.analysisDecodeAhead(1920, 1080, 1.5));
        assertEquals(4, TwoPassPipeline.analysisDecodeAhead(2560, 1440, 1.5));
        assertEquals(3, TwoPassPipeline.analysisDecodeAhead(3840, 2160, 1.5));
        for (double bytesPerPixel : new double[] {3, 1.5}) {
            for (int[] size : new int[][] {{640, 360}, {1280, 720}, {1920, 1080}}) {
                long bytes = (long) (bytesPerPixel * size[0] * size[1]
                        * TwoPassPipeline.analysisDecodeAhead(size[0], size[1], bytesPerPixel));
                assertTrue(bytes <= TwoPassPipeline.ANALYSIS_AHEAD_BYTES, size[0] + "x" + size[1] + ": " + bytes);
            }
        }
    }

    @Test
    void aShortVideoBouncesWithBoundedMemory() throws Exception {
        Path out = dir.resolve("bounce.mp4");
        // no frame spool: pass 2 decodes again, through a 4-frame window
        TwoPassPipeline pipeline = new TwoPassPipeline(new PassThrough()).windowBytes(1).frameSpoolBytes(0);
        Result result = pipeline.run(indexed10, oneSecondWav, out, ProgressListener.NONE, new Cancellation());
        assertEquals(25, result.framesTotal());
        assertEquals(0, result.framesRendered(), "pass-through renders no mouth");
        assertEquals(1.0, result.durationSeconds(), 1e-3);
        TimingPlan plan = new TimingPlan(10, 25);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(plan.sourceFrame(i));
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6), expected);
        assertEquals(expected, decodedIndices(out));
        assertTrue(pipeline.lastSeeks() >= 2, "backward play went through chunks: " + pipeline.lastSeeks());
    }

    @Test
    void framesKeptByPassOneArePlayedWithoutDecodingAgainAndGiveTheSameBytes() throws Exception {
        // 25 output frames from 10 source frames: forward, backward, forward
        List<Integer> expected = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6);
        Path decoded = dir.resolve("spool-none.mp4");
        TwoPassPipeline none = new TwoPassPipeline(new PassThrough()).windowBytes(1).frameSpoolBytes(0);
        none.run(indexed10, oneSecondWav, decoded, ProgressListener.NONE, new Cancellation());
        Path partly = dir.resolve("spool-part.mp4");
        long frameBytes = 64 * 48 * 3 / 2; // the indexed clip's I420 pictures
        TwoPassPipeline some = new TwoPassPipeline(new PassThrough()).windowBytes(1).frameSpoolBytes(4 * frameBytes);
        some.run(indexed10, oneSecondWav, partly, ProgressListener.NONE, new Cancellation());
        Path whole = dir.resolve("spool-all.mp4");
        TwoPassPipeline all = new TwoPassPipeline(new PassThrough()).windowBytes(1);
        all.run(indexed10, oneSecondWav, whole, ProgressListener.NONE, new Cancellation());

        assertEquals(expected, decodedIndices(partly));
        assertEquals(expected, decodedIndices(whole));
        assertEquals(-1, Files.mismatch(decoded, partly), "frames 0-3 from the spool, the rest decoded: the same bytes");
        assertEquals(-1, Files.mismatch(decoded, whole), "every frame from the spool: the same bytes");
        assertEquals(0, all.lastSeeks(), "backward play from the spool needs no seek");
        assertTrue(some.lastSeeks() >= 1 && some.lastSeeks() <= none.lastSeeks(),
                "only the frames after the spooled ones are decoded again: " + some.lastSeeks() + " seeks against "
                        + none.lastSeeks());
    }

    @Test
    void aLongVideoIsCutAtTheAudiosEnd() throws Exception {
        Path out = dir.resolve("cut.mp4");
        Path halfSecond = MediaFixtures.sine(dir, "half.flac", 0.52, 300, 16000, 1, "-c:a", "flac");
        Result result = new TwoPassPipeline(new PassThrough()).run(indexed30, halfSecond, out,
                ProgressListener.NONE, new Cancellation());
        assertEquals(13, result.framesTotal());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), decodedIndices(out));
    }

    @Test
    void writesAStreamableH264AacMp4OfTheAudiosLength() throws Exception {
        Path out = dir.resolve("props.mp4");
        new TwoPassPipeline(new PassThrough()).run(clip, stereoM4a, out, ProgressListener.NONE, new Cancellation());
        JsonNode probe = MediaFixtures.probe(out);
        JsonNode video = MediaFixtures.stream(probe, "video");
        JsonNode audio = MediaFixtures.stream(probe, "audio");
        assertEquals("h264", video.path("codec_name").asText());
        assertEquals("yuv420p", video.path("pix_fmt").asText());
        assertEquals(160, video.path("width").asInt());
        assertEquals(120, video.path("height").asInt());
        assertEquals("25/1", video.path("r_frame_rate").asText());
        assertEquals("25/1", video.path("avg_frame_rate").asText());
        assertEquals("aac", audio.path("codec_name").asText());
        assertEquals(44100, audio.path("sample_rate").asInt(), "the new audio's own rate, not 16 kHz");
        assertEquals(2, audio.path("channels").asInt());
        assertEquals(1.32, video.path("duration").asDouble(), 1 / 25.0, "video lasts as long as the audio");
        assertEquals(1.32, audio.path("duration").asDouble(), 0.03);
        assertEquals(33, MediaFixtures.countFrames(out)); // round(1.32 × 25)
        List<String> boxes = MediaFixtures.topLevelBoxes(out);
        assertTrue(boxes.indexOf("moov") >= 0 && boxes.indexOf("moov") < boxes.indexOf("mdat"),
                "faststart: moov before mdat in " + boxes);
    }

    @Test
    void theOutputShowsAsTheInputDoes() throws Exception {
        // a 16:9 PAL picture (720x576 stored, non-square pixels), BT.709 colours: played squeezed to
        // 5:4, its colours guessed, when the output did not say so
        Path pal = MediaFixtures.testVideo(dir, "pal.mp4", 0.4, false, "-vf",
                "setsar=64/45,setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709", "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p");
        Path out = dir.resolve("pal_out.mp4");
        new TwoPassPipeline(new PassThrough()).run(pal, oneSecondWav, out, ProgressListener.NONE, new Cancellation());
        JsonNode video = MediaFixtures.stream(MediaFixtures.probe(out), "video");
        assertEquals("64:45", video.path("sample_aspect_ratio").asText());
        assertEquals("bt709", video.path("color_primaries").asText());
        assertEquals("bt709", video.path("color_transfer").asText());
        assertEquals("bt709", video.path("color_space").asText());
        assertEquals("tv", video.path("color_range").asText());
    }

    @Test
    void anOutputThatIsAnInputIsRefusedBeforeItIsTouched() throws Exception {
        long size = Files.size(clip);
        assertThrows(IllegalArgumentException.class, () -> new TwoPassPipeline(new PassThrough()).run(clip,
                oneSecondWav, clip, ProgressListener.NONE, new Cancellation()));
        assertThrows(IllegalArgumentException.class, () -> new TwoPassPipeline(new PassThrough()).run(clip,
                oneSecondWav, oneSecondWav, ProgressListener.NONE, new Cancellation()));
        assertEquals(size, Files.size(clip));
        assertTrue(Files.size(oneSecondWav) > 0);
    }

    @Test
    void padsOddSizesByRepeatingTheLastRowAndColumn() throws Exception {
        // grey content, so the comparison measures placement, not 4:2:0 colour loss
        Path odd = MediaFixtures.testVideo(dir, "odd.mkv", 0.4, false, "-vf", "scale=161:121,format=gray", "-c:v", "ffv1");
        Path out = dir.resolve("odd.mp4");
        new TwoPassPipeline(new PassThrough()).run(odd, oneSecondWav, out, ProgressListener.NONE, new Cancellation());
        try (VideoFrames input = VideoFrames.open(odd); VideoFrames output = VideoFrames.open(out)) {
            assertEquals(162, output.info().width());
            assertEquals(122, output.info().height());
            Mat in = input.next().clone();
            Mat encoded = output.next();
            Mat kept = encoded.apply(new org.bytedeco.opencv.opencv_core.Rect(0, 0, 161, 121));
            assertTrue(psnr(in, kept) > 30, "input pixels stay in place, psnr " + psnr(in, kept));
            Mat lastColumn = encoded.col(161);
            Mat repeated = encoded.col(160);
            assertTrue(psnr(lastColumn, repeated) > 30, "the added column repeats its neighbour");
        }
    }

    @Test
    void rotatedVideosComeOutUpright() throws Exception {
        // I420 frames cannot be turned: such a video goes through pass 2 in BGR
        Path plain = MediaFixtures.testVideo(dir, "landscape.mp4", 0.4, false, "-c:v", "libx264", "-preset",
                "ultrafast", "-pix_fmt", "yuv420p");
        Path rotated = dir.resolve("portrait.mp4");
        MediaFixtures.ffmpeg("-display_rotation", "90", "-i", plain.toString(), "-c", "copy", rotated.toString());
        Path out = dir.resolve("upright.mp4");
        new TwoPassPipeline(new PassThrough()).run(rotated, oneSecondWav, out, ProgressListener.NONE, new Cancellation());
        try (VideoFrames input = VideoFrames.open(rotated); VideoFrames output = VideoFrames.open(out)) {
            assertEquals(120, output.info().width());
            assertEquals(160, output.info().height());
            assertEquals(0, output.info().rotationDegrees());
            Mat in = input.next().clone();
            assertTrue(psnr(in, output.next()) > 30, "the picture as the input shows it");
        }
    }

    /**
     * A faststart MP4 cut off after its index (an upload 70 % complete) fails as truncated rather
     * than playing its first 70 % forward and then backwards; the whole file runs.
     */
    @Test
    void aVideoCutShortAfterItsIndexIsTruncated() throws Exception {
        Path whole = MediaFixtures.testVideo(dir, "faststart.mp4", 4, false, "-c:v", "libx264", "-preset",
                "ultrafast", "-g", "10", "-movflags", "+faststart");
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("faststart_cut.mp4");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 7 / 10));
        Path fourSeconds = MediaFixtures.sine(dir, "four.wav", 4, 300, 16000, 1);
        LipSyncException e = assertThrows(LipSyncException.class, () -> new TwoPassPipeline(new PassThrough())
                .run(cut, fourSeconds, dir.resolve("cut_out.mp4"), ProgressListener.NONE, new Cancellation()));
        assertEquals(Reason.VIDEO_UNREADABLE, e.reason());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals(100, new TwoPassPipeline(new PassThrough()).run(whole, fourSeconds, dir.resolve("whole_out.mp4"),
                ProgressListener.NONE, new Cancellation()).framesTotal());

        VideoInfo info = VideoFrames.probe(whole);
        assertEquals(4.0, info.indexedEndSeconds(), 0.05, "the MP4 index's end of the video track");
        assertFalse(TwoPassPipeline.cutAfterItsIndex(98, info), "a frame or two short: the last frame's length");
        assertTrue(TwoPassPipeline.cutAfterItsIndex(70, info));
        assertEquals(0, VideoFrames.probe(indexed30).indexedEndSeconds(), "WebM: no index to trust");
    }

    @Test
    void aShortDubOfALongVideoReadsOnlyWhatItShowsAndThirtySecondsMore() throws Exception {
        assertEquals(5 + 750, TwoPassPipeline.framesToAnalyse(5, 25));
        assertEquals(250 * 25 + 30 * 25, TwoPassPipeline.framesToAnalyse(250 * 25, 25));

        List<Integer> analysed = new ArrayList<>();
        int[] finished = {-1};
        LipSyncStages counting = new LipSyncStages() {
            @Override
            public FrameAnalyzer analyzer(VideoInfo video, Supplier<float[]> soundtrack, float[] newAudio) {
                return recording(analysed, finished);
            }

            @Override
            public FrameRenderer renderer(VideoInfo video, TimingPlan plan, float[] newAudio, SourceFrames sources) {
                assertEquals(875, sources.count(), "donors from the frames read");
                return (outputIndex, sourceFrameIndex, frame, prepared) -> frame;
            }
        };
        // 40 s at 25 fps, a 5 s dub: 35 s read
        Path forty = MediaFixtures.testVideo(dir, "forty.mp4", 40, false, "-c:v", "libx264", "-preset",
                "ultrafast", "-vf", "scale=64:48");
        Path fiveSeconds = MediaFixtures.sine(dir, "five.wav", 5, 300, 16000, 1);
        Path out = dir.resolve("short_dub.mp4");
        Result result = new TwoPassPipeline(counting).run(forty, fiveSeconds, out, ProgressListener.NONE,
                new Cancellation());
        assertEquals(875, analysed.size(), "35 of the video's 40 seconds");
        assertEquals(874, analysed.get(analysed.size() - 1));
        assertEquals(875, finished[0]);
        assertEquals(125, result.framesTotal());
    }

    /** An analyser that notes each frame index it is given, and the count {@code finish} gets. */
    private static FrameAnalyzer recording(List<Integer> analysed, int[] finished) {
        return new FrameAnalyzer() {
            @Override
            public void analyse(int frameIndex, Mat frame, Object prepared) {
                analysed.add(frameIndex);
            }

            @Override
            public void finish(int frameCount) {
                finished[0] = frameCount;
            }
        };
    }

    @Test
    void stagesSeeEveryFrameThenRenderThePlannedOnes() throws Exception {
        List<Integer> analysed = new ArrayList<>();
        List<long[]> rendered = new ArrayList<>();
        int[] finished = {-1};
        float[][] audioSeen = new float[2][];
        LipSyncStages recording = new LipSyncStages() {
            @Override
            public FrameAnalyzer analyzer(VideoInfo video, Supplier<float[]> soundtrack, float[] newAudio) {
                audioSeen[0] = soundtrack.get();
                return recording(analysed, finished);
            }

            @Override
            public FrameRenderer renderer(VideoInfo video, TimingPlan plan, float[] newAudio,
                                          SourceFrames sources) {
                audioSeen[1] = newAudio;
                assertEquals(10, sources.count());
                return (outputIndex, sourceFrameIndex, frame, prepared) -> {
                    rendered.add(new long[] {outputIndex, sourceFrameIndex});
                    // another frame of the same video on demand: here the mirror frame
                    int other = 9 - sourceFrameIndex;
                    assertEquals(other, MediaFixtures.indexOf(sources.frame(other)));
                    frame.setTo(new Mat(1, 1, opencv_core.CV_8UC3, new org.bytedeco.opencv.opencv_core.Scalar(
                            0, 0, 0, 0))); // drawing into the copy must not leak into later frames
                    return frame;
                };
            }
        };
        new TwoPassPipeline(recording).windowBytes(1).run(indexed10, oneSecondWav, dir.resolve("stages.mp4"),
                ProgressListener.NONE, new Cancellation());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), analysed);
        assertEquals(10, finished[0]);
        assertEquals(0, audioSeen[0].length, "the indexed clip has no soundtrack");
        assertEquals(16000, audioSeen[1].length, 40);
        assertEquals(25, rendered.size());
        TimingPlan plan = new TimingPlan(10, 25);
        for (int i = 0; i < 25; i++) {
            assertEquals(i, rendered.get(i)[0]);
            assertEquals(plan.sourceFrame(i), rendered.get(i)[1]);
        }
    }

    @Test
    void whatTheRendererPreparesAheadArrivesWithItsOwnFrame() throws Exception {
        List<String> prepareThreads = new ArrayList<>();
        List<Long> prepared = new ArrayList<>();
        LipSyncStages stages = new LipSyncStages() {
            @Override
            public FrameAnalyzer analyzer(VideoInfo video, Supplier<float[]> soundtrack, float[] newAudio) {
                return (frameIndex, frame, grey) -> { };
            }

            @Override
            public FrameRenderer renderer(VideoInfo video, TimingPlan plan, float[] newAudio, SourceFrames sources) {
                return new FrameRenderer() {
                    @Override
                    public Object prepare(long outputIndex, int sourceFrameIndex, Mat frame) {
                        prepareThreads.add(Thread.currentThread().getName());
                        assertEquals(sourceFrameIndex, MediaFixtures.indexOf(frame), "prepare sees the frame it renders");
                        return new long[] {outputIndex, sourceFrameIndex};
                    }

                    @Override
                    public Mat render(long outputIndex, int sourceFrameIndex, Mat frame, Object ahead) {
                        long[] p = (long[]) ahead;
                        assertEquals(outputIndex, p[0]);
                        assertEquals(sourceFrameIndex, p[1]);
                        assertEquals(sourceFrameIndex, MediaFixtures.indexOf(frame), "the frame fetched with it");
                        prepared.add(p[0]);
                        return frame;
                    }
                };
            }
        };
        // 25 output frames from 10 source frames: forward, backward, forward (seeks on the fetching thread)
        new TwoPassPipeline(stages).windowBytes(1).run(indexed10, oneSecondWav, dir.resolve("prepared.mp4"),
                ProgressListener.NONE, new Cancellation());
        assertEquals(25, prepared.size());
        for (int i = 0; i < 25; i++) {
            assertEquals(i, prepared.get(i));
        }
        assertTrue(prepareThreads.stream().noneMatch(Thread.currentThread().getName()::equals),
                "prepared off the render thread");
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() {
        Cancellation cancel = new Cancellation();
        List<String> seen = new ArrayList<>();
        ProgressListener progress = (stage, fraction) -> {
            seen.add(stage + " " + fraction);
            if (stage == ProgressListener.Stage.RENDER && fraction >= 0.5) {
                cancel.cancel();
            }
        };
        Path out = dir.resolve("cancelled.mp4");
        assertThrows(CancelledException.class,
                () -> new TwoPassPipeline(new PassThrough()).run(indexed10, oneSecondWav, out, progress, cancel));
        assertTrue(seen.contains("ANALYSE 1.0"), "analysis finished: " + seen);
        assertFalse(seen.contains("RENDER 1.0"));
        assertFalse(Files.exists(out), "no partial output left behind");
        assertFalse(Files.exists(TwoPassPipeline.partialOf(out)));
    }

    /**
     * The output's name only ever holds a whole video: written beside it and moved into place at
     * the end, so a run that fails midway leaves an earlier file of that name as it was (it was
     * cut, then removed), and a finished run replaces it.
     */
    @Test
    void aFailedRunLeavesTheFileItWouldReplaceAndAFinishedOneReplacesIt() throws Exception {
        Path out = Files.writeString(dir.resolve("earlier.mp4"), "last week's output");
        Cancellation cancel = new Cancellation();
        ProgressListener cancelHalfway = (stage, fraction) -> {
            if (stage == ProgressListener.Stage.RENDER && fraction >= 0.5) {
                cancel.cancel();
            }
        };
        assertThrows(CancelledException.class, () -> new TwoPassPipeline(new PassThrough())
                .run(indexed10, oneSecondWav, out, cancelHalfway, cancel));
        assertEquals("last week's output", Files.readString(out));
        assertEquals(List.of("earlier.mp4"), listing(out.getParent(), "earlier"), "no partial file left");
        new TwoPassPipeline(new PassThrough()).run(indexed10, oneSecondWav, out, ProgressListener.NONE,
                new Cancellation());
        assertEquals(25, MediaFixtures.countFrames(out));
    }

    private static List<String> listing(Path folder, String containing) throws Exception {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains(containing)).sorted().toList();
        }
    }

    @Test
    void enforcesTheLengthLimitOnVideoAndAudio() throws Exception {
        Path out = dir.resolve("long.mp4");
        LipSyncException video = assertThrows(LipSyncException.class, () -> new TwoPassPipeline(new PassThrough())
                .maxSeconds(0.5).run(clip, oneSecondWav, out, ProgressListener.NONE, new Cancellation()));
        assertEquals(Reason.VIDEO_TOO_LONG, video.reason());
        assertTrue(video.getMessage().startsWith("video is longer than"), video.getMessage());
        LipSyncException audio = assertThrows(LipSyncException.class, () -> new TwoPassPipeline(new PassThrough())
                .maxSeconds(1.2).run(clip, stereoM4a, out, ProgressListener.NONE, new Cancellation()));
        assertEquals(Reason.VIDEO_TOO_LONG, audio.reason());
        assertTrue(audio.getMessage().startsWith("audio is longer than"), audio.getMessage());
        LipSyncException tenMinutes = assertThrows(LipSyncException.class, () -> new TwoPassPipeline(
                new PassThrough()).maxSeconds(0.5).check(clip, oneSecondWav));
        assertEquals("video is longer than the 1 second limit", tenMinutes.getMessage());
    }

    @Test
    void rejectsBadInputsBeforeAnyWork() throws Exception {
        Path text = Files.writeString(dir.resolve("readme.mp4"), "not a video");
        TwoPassPipeline pipeline = new TwoPassPipeline(new PassThrough());
        assertEquals(Reason.VIDEO_UNREADABLE, assertThrows(LipSyncException.class,
                () -> pipeline.check(text, oneSecondWav)).reason());
        assertEquals(Reason.NO_VIDEO_STREAM, assertThrows(LipSyncException.class,
                () -> pipeline.check(oneSecondWav, oneSecondWav)).reason());
        assertEquals(Reason.AUDIO_UNREADABLE, assertThrows(LipSyncException.class,
                () -> pipeline.check(clip, text)).reason());
        assertEquals(Reason.NO_AUDIO_STREAM, assertThrows(LipSyncException.class,
                () -> pipeline.check(clip, indexed10)).reason());
    }

    /** A photo given as the video is refused with a message that says so, and writes nothing. */
    @Test
    void refusesASinglePicture() {
        for (String name : new String[] {"photo.png", "photo.jpg", "one_frame.mp4"}) {
            Path picture = MediaFixtures.testVideo(dir, name, 0.04, false, "-frames:v", "1");
            Path out = dir.resolve("from_" + name + ".mp4");
            LipSyncException e = assertThrows(LipSyncException.class, () -> new TwoPassPipeline(new PassThrough())
                    .run(picture, oneSecondWav, out, ProgressListener.NONE, new Cancellation()), name);
            assertEquals(Reason.NO_VIDEO_STREAM, e.reason(), name);
            assertEquals(TwoPassPipeline.SINGLE_PICTURE, e.getMessage(), name);
            assertFalse(Files.exists(out), name);
        }
    }

    @Test
    void refusesAVideoCutFarShortOfItsHeader() throws Exception {
        Path whole = MediaFixtures.testVideo(dir, "whole.mp4", 2, true, "-c:v", "libx264", "-preset", "ultrafast",
                "-c:a", "aac", "-movflags", "+faststart");
        Path cut = dir.resolve("cut_short.mp4");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        LipSyncException e = assertThrows(LipSyncException.class, () -> new TwoPassPipeline(new PassThrough())
                .run(cut, oneSecondWav, dir.resolve("never.mp4"), ProgressListener.NONE, new Cancellation()));
        assertEquals(Reason.VIDEO_UNREADABLE, e.reason());
        assertEquals("video file is truncated or damaged", e.getMessage());
    }

    @Test
    void reTimesASharedVariableRateClipToTheDub() throws Exception {
        Path video = MediaFixtures.sharedMedia("video/man_suit_en.mp4");
        Path dub = MediaFixtures.sharedMedia("audio/en_male_2.wav");
        Path out = dir.resolve("shared.mp4");
        Result result = new TwoPassPipeline(new PassThrough()).run(video, dub, out, ProgressListener.NONE,
                new Cancellation());
        JsonNode probe = MediaFixtures.probe(out);
        JsonNode v = MediaFixtures.stream(probe, "video");
        assertEquals("30/1", v.path("r_frame_rate").asText());
        assertEquals(700, v.path("width").asInt());
        assertEquals(result.durationSeconds(), v.path("duration").asDouble(), 1 / 30.0);
        assertEquals(result.framesTotal(), MediaFixtures.countFrames(out));
    }

    private static List<Integer> decodedIndices(Path video) throws LipSyncException {
        List<Integer> out = new ArrayList<>();
        try (VideoFrames frames = VideoFrames.open(video)) {
            for (Mat frame = frames.next(); frame != null; frame = frames.next()) {
                out.add(MediaFixtures.indexOf(frame));
            }
        }
        return out;
    }

    private static double psnr(Mat a, Mat b) {
        return opencv_core.PSNR(a, b);
    }
}
