/**
 * Temporary files that spare the engine decoding a video again: {@link
 * dev.lipsync.engine.spool.ScratchFile} (records appended and read back at their offsets, gone
 * when closed) and {@link dev.lipsync.engine.spool.FrameSpool} (pass 1's decoded frames, read
 * back by pass 2 in any order). Each is bounded by a byte budget and gives up quietly when the
 * disk fails it: what it would have spared is then decoded, the job does not fail.
 */
package dev.lipsync.engine.spool;
