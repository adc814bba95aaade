package dev.lipsync.engine;

import java.nio.file.Path;

/**
 * What a run produced.
 *
 * @param output          the MP4 written
 * @param durationSeconds length of the output (= the audio's length)
 * @param framesRendered  frames whose mouth was re-rendered
 * @param framesTotal     frames written
 */
public record Result(Path output, double durationSeconds, long framesRendered, long framesTotal) { }
