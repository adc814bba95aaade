/**
 * The lip-sync stages wired together ({@link dev.lipsync.engine.rewrite.MouthRewrite}, plugged
 * into {@link dev.lipsync.engine.pipeline.TwoPassPipeline} by {@code LipSync.run}):
 * <ol>
 *   <li>pass 1: shot cuts and tracked faces of every frame, kept compactly ({@code FaceLog});
 *       a video without any usable face stops here (NO_FACE);</li>
 *   <li>between the passes: the speaker per source frame (active speaker on the video's own
 *       soundtrack, or the largest face), the mouth target per output frame from the new audio
 *       (adapted to the person's own soundtrack when there is enough of it), mapped to the
 *       person's own openings, and unit selection of a bank frame of the same person
 *       ({@code Speakers}, {@code MouthPlan});</li>
 *   <li>pass 2: the bank frame's lower face composited onto the speaker, reshaped when its
 *       opening misses the target ({@code MouthRenderer}); optional debug overlay.</li>
 * </ol>
 */
package dev.lipsync.engine.rewrite;
