/**
 * Output timing as pure functions: the output lasts as long as the new audio; a longer
 * video is cut, a shorter one plays forward and backward (no jump cut). See
 * {@link dev.lipsync.engine.timing.TimingPlan}.
 */
package dev.lipsync.engine.timing;
