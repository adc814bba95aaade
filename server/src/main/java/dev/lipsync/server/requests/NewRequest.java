package dev.lipsync.server.requests;

import java.util.UUID;

/**
 * What a generate call asks for, validated, before it is stored. For each medium exactly one
 * of URL and storage key is set.
 */
public record NewRequest(
        UUID id,
        UUID accountId,
        String referenceId,
        String model,
        String videoUrl,
        String audioUrl,
        String videoKey,
        String audioKey,
        boolean disableActiveSpeakerDetection) {

    public static NewRequest fromUrls(UUID id, UUID accountId, String referenceId, String videoUrl,
                                      String audioUrl, boolean disableAsd) {
        return new NewRequest(id, accountId, referenceId, "lipsync-2", videoUrl, audioUrl, null, null, disableAsd);
    }

    public static NewRequest fromUploads(UUID id, UUID accountId, String referenceId, String model,
                                         String videoKey, String audioKey, boolean disableAsd) {
        return new NewRequest(id, accountId, referenceId, model, null, null, videoKey, audioKey, disableAsd);
    }
}
