package dev.lipsync.server.requests;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored lip-sync request: what the customer asked for and where it stands. Media come
 * either as a remote URL (to be fetched by the worker) or as an object key in media storage
 * (uploaded); for each medium exactly one of the two is set.
 */
public record LipsyncRequest(
        UUID id,
        UUID accountId,
        String referenceId,
        RequestStatus status,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String errorMessage,
        String model,
        String videoUrl,
        String audioUrl,
        String videoKey,
        String audioKey,
        boolean disableActiveSpeakerDetection,
        String outputKey,
        Double outputSeconds,
        int attempts) {
}
