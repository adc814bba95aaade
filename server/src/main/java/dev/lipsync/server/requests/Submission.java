package dev.lipsync.server.requests;

import java.util.UUID;

/**
 * The result of storing a generate call: the request id to answer with, and whether it is a
 * replay of an earlier call with the same Idempotency-Key (then nothing new was stored).
 */
public record Submission(UUID requestId, boolean replayed) {
}
