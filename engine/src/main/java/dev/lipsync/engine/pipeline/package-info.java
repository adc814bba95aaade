/**
 * The video loop the lip-sync stages plug into ({@link dev.lipsync.engine.pipeline.LipSyncStages}).
 *
 * <ol>
 *   <li>check: probe the video, decode the new audio to 16 kHz, enforce the length limit
 *       (10 minutes by default, on the video and on the output);</li>
 *   <li>pass 1, analyse: decode every frame once, in order, into a
 *       {@link dev.lipsync.engine.pipeline.FrameAnalyzer} (a few frames in memory), and keep
 *       the decoded frames in a {@link dev.lipsync.engine.spool.FrameSpool} on disk while its
 *       budget lasts;</li>
 *   <li>plan: {@link dev.lipsync.engine.timing.TimingPlan} from the real frame count and the
 *       audio length; the stages build a {@link dev.lipsync.engine.pipeline.FrameRenderer};</li>
 *   <li>pass 2, render: read the frames in plan order, render, encode with the new audio.
 *       Spooled frames are read back from the spool in any order; the others are decoded
 *       again, backward play through a bounded window of decoded frames filled by
 *       seek-and-decode-forward chunks (48 MB by default; forward-only runs keep one frame),
 *       so memory does not grow with the video's length.</li>
 * </ol>
 *
 * Threads, so that two cores both work: in pass 1 a decoding thread runs a few frames ahead
 * of the analysis and makes each frame's grey image (the analysis thread spools the frame);
 * in pass 2 a fetching thread reads the planned source frames (from the spool, or decoded,
 * seeks included) and runs the renderer's
 * {@link dev.lipsync.engine.pipeline.FrameRenderer#prepare} (the donor crop, warped) ahead of
 * it, the caller's thread renders, and the writer's thread converts and encodes
 * ({@link dev.lipsync.engine.media.DecodeAhead}, {@link dev.lipsync.engine.media.Mp4Writer}).
 *
 * Progress is reported per stage (ANALYSE, RENDER); cancellation is checked between frames
 * and removes the partial output.
 */
package dev.lipsync.engine.pipeline;
