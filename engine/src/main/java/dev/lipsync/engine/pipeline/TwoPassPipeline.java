package dev.lipsync.engine.pipeline;

import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.EngineConfig;
import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.LipSyncException.Reason;
import dev.lipsync.engine.ProgressListener;
import dev.lipsync.engine.ProgressListener.Stage;
import dev.lipsync.engine.Result;
import dev.lipsync.engine.media.AudioSamples;
import dev.lipsync.engine.media.DeclaredLength;
import dev.lipsync.engine.media.DecodeAhead;
import dev.lipsync.engine.media.Mp4Writer;
import dev.lipsync.engine.media.VideoFrames;
import dev.lipsync.engine.media.VideoInfo;
import dev.lipsync.engine.spool.FrameSpool;
import dev.lipsync.engine.timing.TimingPlan;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The video loop: checks the inputs, streams the video once for analysis, then reads its frames
 * again in the order the timing plan asks for, renders and encodes with the new audio. Pass 2
 * reads the frames pass 1 kept in its {@link FrameSpool} (the whole video where it fits, see
 * {@link FrameSpool#forVideo}) and decodes any it did not keep. Memory stays flat in the video's length: a
 * few frames per pass plus a bounded window for backward play ({@link FrameWindow}); only the
 * 16 kHz audio is held whole.
 *
 * <pre>{@code
 * Result r = new TwoPassPipeline(stages).run(video, audio, output, progress, cancel);
 * }</pre>
 */
public final class TwoPassPipeline {
    /** The longest video, and the longest output, we accept by default: 10 minutes. */
    public static final double DEFAULT_MAX_SECONDS = 600;
    /** The customer's message for a video of one picture. */
    static final String SINGLE_PICTURE = "video file holds a single picture, not a video of the person talking";
    /** Memory for decoded frames kept for backward play (≈ 8 frames of 1080p, 17 of 720p). */
    public static final long DEFAULT_WINDOW_BYTES = 48L << 20;
    /** Frames decoded ahead of the analysis, on another thread (pass 1 then costs the slower of the two), at least. */
    static final int ANALYSIS_DECODE_AHEAD = 3;
    /**
     * Memory for frames decoded ahead of the analysis, up to {@link #MAX_ANALYSIS_DECODE_AHEAD}
     * frames: the analysis is bursty (a frame with a face search costs several plain ones), and a
     * deeper queue keeps the decoder busy through a burst. At 720p, 8 frames instead of 3 made
     * pass 1 about 4 % shorter for the same CPU (alternate runs, one process each).
     */
    static final long ANALYSIS_AHEAD_BYTES = 24L << 20;
    static final int MAX_ANALYSIS_DECODE_AHEAD = 8;
    /** Source frames fetched ahead of the renderer, in plan order (seeks for backward play included). */
    static final int RENDER_DECODE_AHEAD = 2;

    private final LipSyncStages stages;
    private double maxSeconds = DEFAULT_MAX_SECONDS;
    private long windowBytes = DEFAULT_WINDOW_BYTES;
    private long frameSpoolBytes = EngineConfig.DEFAULT_FRAME_SPOOL_BYTES;
    private int lastSeeks;

    public TwoPassPipeline(LipSyncStages stages) {
        this.stages = stages;
    }

    /** Longest accepted video and output, in seconds. */
    public TwoPassPipeline maxSeconds(double seconds) {
        this.maxSeconds = seconds;
        return this;
    }

    /** Memory allowed for the backward-play window (at least 4 frames are kept whatever this says). */
    public TwoPassPipeline windowBytes(long bytes) {
        this.windowBytes = bytes;
        return this;
    }

    /** Temporary disk for pass 1's decoded frames, which pass 2 then need not decode (0: none). */
    public TwoPassPipeline frameSpoolBytes(long bytes) {
        this.frameSpoolBytes = bytes;
        return this;
    }

    /**
     * Checks both inputs without decoding frames: the errors a customer should get before
     * any work starts (unreadable files, missing tracks, over the length limit).
     *
     * @return the video's description and the new audio at 16 kHz mono
     */
    public Inputs check(Path video, Path audio) throws LipSyncException {
        return checkInputs(video, audio, maxSeconds);
    }

    /** {@link #check} without a pipeline: what {@code LipSync.run} validates first. */
    public static Inputs checkInputs(Path video, Path audio, double maxSeconds) throws LipSyncException {
        VideoInfo info = VideoFrames.probe(video);
        if (info.durationSeconds() > maxSeconds) {
            throw tooLong("video", maxSeconds);
        }
        float[] newAudio = AudioSamples.readNewAudio(audio, maxSeconds + 1);
        if (AudioSamples.seconds(newAudio) > maxSeconds) {
            throw tooLong("audio", maxSeconds);
        }
        return new Inputs(info, newAudio);
    }

    /** A checked video and new audio. */
    public record Inputs(VideoInfo video, float[] newAudio) {
    }

    public Result run(Path video, Path audio, Path output, ProgressListener progress, Cancellation cancel)
            throws LipSyncException {
        requireNotAnInput(output, video, audio);
        Inputs inputs = check(video, audio);
        VideoInfo info = inputs.video();
        cancel.check();

        double audioSeconds = AudioSamples.seconds(inputs.newAudio());
        long needed = framesToAnalyse(TimingPlan.outputFrameCount(audioSeconds, info.frameRate()), info.frameRate());
        // BGR frames are laid out with padded rows (media.VideoFrames): only I420 is spooled
        try (FrameSpool spool = FrameSpool.forVideo(takesI420(info) ? frameSpoolBytes : 0,
                Math.min(info.frameCountEstimate(), needed), (long) info.width() * info.height() * 3 / 2);
             FrameAnalyzer analyzer = stages.analyzer(info, () -> AudioSamples.readSoundtrack(video, maxSeconds + 1),
                     inputs.newAudio())) {
            int sourceFrames = analyse(video, info, needed, analyzer, spool, progress, cancel);
            analyzer.finish(sourceFrames);

            TimingPlan plan = TimingPlan.forAudio(sourceFrames, audioSeconds, info.frameRate());
            try (DecodedSourceFrames sources = new DecodedSourceFrames(video, sourceFrames, cancel, takesI420(info));
                 FrameRenderer renderer = stages.renderer(info, plan, inputs.newAudio(), sources)) {
                inputs = null; // pass 2 encodes the audio from its file: 38 MB of samples (10 minutes) can go
                render(video, audio, output, info, plan, renderer, spool, progress, cancel);
                return new Result(output, audioSeconds, renderer.framesRendered(), plan.outputFrames());
            }
        }
    }

    /** The finished output replaces the file of its name: were it one of the inputs, that input would be lost. */
    private static void requireNotAnInput(Path output, Path video, Path audio) {
        if (isAnInput(output, video, audio)) {
            throw new IllegalArgumentException("the output " + output + " is an input file");
        }
    }

    /** Whether {@code output} is the same file as {@code video} or {@code audio} (false where it cannot tell). */
    public static boolean isAnInput(Path output, Path video, Path audio) {
        for (Path input : new Path[] {video, audio}) {
            try {
                if (Files.exists(output) && Files.exists(input) && Files.isSameFile(output, input)) {
                    return true;
                }
            } catch (IOException e) {
                // cannot tell: the inputs' own checks report what is wrong with them
            }
        }
        return false;
    }

    /**
     * Whether the frames that decoded ({@code frames}, all there were) end well short of where
     * the file's own index puts the video track's end ({@link VideoInfo#indexedEndSeconds}): a
     * faststart MP4 cut off after its index. Such an upload 70 % complete played its first 70 %
     * and then backwards instead of failing.
     */
    static boolean cutAfterItsIndex(int frames, VideoInfo info) {
        return DeclaredLength.fallsShort(frames / info.frameRate(), info.indexedEndSeconds());
    }

    /** Beyond the frames an output shows, pass 1 reads this much more video for donor mouths. */
    static final double DONOR_SECONDS_BEYOND = 30;

    /**
     * How much of the video pass 1 reads for an output of {@code outputFrames}: the frames it
     * shows, and {@value #DONOR_SECONDS_BEYOND} s more for more of the person's mouths to choose
     * from. A 5-second dub of a 10-minute video read all 10 minutes (36 s at 720p) for 5 seconds
     * of output; a longer video is cut at the output's end anyway.
     */
    static long framesToAnalyse(long outputFrames, double frameRate) {
        return outputFrames + (long) Math.ceil(DONOR_SECONDS_BEYOND * frameRate);
    }

    private int analyse(Path video, VideoInfo info, long needed, FrameAnalyzer analyzer, FrameSpool spool,
                        ProgressListener progress, Cancellation cancel) throws LipSyncException {
        // The container's duration can be missing or wrong: enforce the limit on frames too.
        long maxFrames = (long) Math.ceil(maxSeconds * info.frameRate()) + 1;
        double expected = Math.max(1, Math.min(info.frameCountEstimate(), needed));
        int count = 0;
        progress.update(Stage.ANALYSE, 0);
        boolean i420 = takesI420(info);
        try (DecodeAhead<Object> frames = new DecodeAhead<>(VideoFrames.open(video, i420),
                analysisDecodeAhead(info.width(), info.height(), i420 ? 1.5 : 3), analyzer::prepare)) {
            for (Mat frame = frames.next(); frame != null && count < needed; frame = frames.next()) {
                cancel.check();
                if (count >= maxFrames) {
                    throw tooLong("video", maxSeconds);
                }
                analyzer.analyse(count, frame, frames.alongside());
                // here, not on the decoding thread: decoding and preparing are pass 1's slower half,
                // and there the writes left the analysis waiting (1.76 → 1.89 cores busy at 720p)
                spool.append(frame);
                count++;
                progress.update(Stage.ANALYSE, Math.min(1, count / expected));
            }
        }
        if (info.frameCountEstimate() >= 10 && count < Math.min(info.frameCountEstimate(), needed) / 2
                || count < needed && cutAfterItsIndex(count, info)) {
            // the header promised far more: an upload cut short, not a short video
            throw new LipSyncException(Reason.VIDEO_UNREADABLE, "video file is truncated or damaged");
        }
        if (count == 1 && needed > 1) {
            // a photo (PNG, JPEG) or a one-frame file: rendered, it came out as a still picture whose
            // mouth barely moved, since no frame shows another mouth to take
            throw new LipSyncException(Reason.NO_VIDEO_STREAM, SINGLE_PICTURE);
        }
        progress.update(Stage.ANALYSE, 1);
        return count;
    }

    private void render(Path video, Path audio, Path output, VideoInfo info, TimingPlan plan,
                        FrameRenderer renderer, FrameSpool spool, ProgressListener progress, Cancellation cancel)
            throws LipSyncException {
        progress.update(Stage.RENDER, 0);
        boolean done = false;
        Path partial = partialOf(output);
        Mp4Writer writer = Mp4Writer.open(partial, info.width(), info.height(), info.frameRate(), audio,
                info.display());
        boolean i420 = takesI420(info);
        // Forward-only plans (the video is at least as long as the audio) need one frame.
        int capacity = plan.bounces() ? FrameWindow.capacityFor(info.width(), info.height(), i420 ? 1.5 : 3, windowBytes)
                : 1;
        boolean allSpooled = spool.frames() >= plan.sourceFrames();
        try (FrameWindow window = allSpooled ? null : new FrameWindow(VideoFrames.open(video, i420), capacity);
             DecodeAhead<Object> planned = inPlanOrder(spool, window, plan, renderer)) {
            for (long i = 0; i < plan.outputFrames(); i++) {
                cancel.check();
                Mat work = planned.next(); // ours until the next call: rendered in place
                if (work == null) {
                    throw new LipSyncException(Reason.VIDEO_UNREADABLE, "video file is truncated or damaged");
                }
                Mat rendered = renderer.render(i, plan.sourceFrame(i), work, planned.alongside());
                if (rendered == work) {
                    planned.exchange(writer.writeInExchange(work)); // the encoder takes the buffer, not a copy
                } else {
                    writer.write(rendered);
                }
                progress.update(Stage.RENDER, (i + 1) / (double) plan.outputFrames());
            }
            writer.finish();
            lastSeeks = window == null ? 0 : window.seeks();
            moveInPlace(partial, output);
            done = true;
        } finally {
            if (!done) {
                writer.abort();
                deleteQuietly(partial);
            }
        }
        progress.update(Stage.RENDER, 1);
    }

    /**
     * Where the output is written until it is whole: beside it, so that moving it into place is
     * a rename. The output's name holds a whole video or nothing new: a run killed or failing
     * midway left a cut file under it (or removed the one it replaced).
     */
    static Path partialOf(Path output) {
        return output.resolveSibling("." + output.getFileName() + ".part");
    }

    private static void moveInPlace(Path partial, Path output) throws LipSyncException {
        try {
            try {
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new LipSyncException(Reason.INTERNAL, "could not write the output video", e);
        }
    }

    /**
     * Frames pass 1 decodes ahead of the analysis for frames of this size and bytes a pixel: BGR
     * (3) 8 at 720p, 4 at 1080p, 3 at 4K; I420 (1.5) 8 at 1080p, 4 at 1440p, 3 at 4K.
     */
    static int analysisDecodeAhead(int width, int height, double bytesPerPixel) {
        return FrameWindow.framesWithin(width, height, bytesPerPixel, ANALYSIS_AHEAD_BYTES, ANALYSIS_DECODE_AHEAD,
                MAX_ANALYSIS_DECODE_AHEAD);
    }

    /** Whether both passes take this video's frames in I420. */
    private boolean takesI420(VideoInfo info) {
        return stages.takesI420() && VideoFrames.canGiveI420(info);
    }

    /**
     * The source frames of the plan's output frames, in output order, each with what the
     * renderer prepares for it; both on the fetching thread. Spooled frames are read from the
     * spool, the others decoded through {@code window} (null when the spool holds every frame).
     */
    private static DecodeAhead<Object> inPlanOrder(FrameSpool spool, FrameWindow window, TimingPlan plan,
                                                   FrameRenderer renderer) {
        long[] next = {0}; // the output frame whose source the fetching thread reads next
        // spooled frames and forward-only plans go straight into the fetching thread's buffer
        DecodeAhead.Source source = buffer -> {
            if (next[0] >= plan.outputFrames()) {
                return null;
            }
            int frame = plan.sourceFrame(next[0]++);
            return frame < spool.frames() ? spool.read(frame, buffer) : window.get(frame, buffer);
        };
        DecodeAhead.Alongside<Object> prepare = (frame, recycled) -> {
            long output = next[0] - 1; // the frame just read
            return renderer.prepare(output, plan.sourceFrame(output), frame);
        };
        return new DecodeAhead<>(source, null, RENDER_DECODE_AHEAD, prepare);
    }

    /** Seeks the last run's pass 2 needed (backward chunks); for tests and the bench. */
    int lastSeeks() {
        return lastSeeks;
    }

    private static LipSyncException tooLong(String what, double maxSeconds) {
        long minutes = Math.round(maxSeconds / 60);
        String limit = maxSeconds % 60 == 0 ? minutes + " minute" : Math.round(maxSeconds) + " second";
        return new LipSyncException(Reason.VIDEO_TOO_LONG, what + " is longer than the " + limit + " limit");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a partial output is useless but harmless
        }
    }
}
