package dev.lipsync.sdk.errors;

import dev.lipsync.sdk.models.LipsyncRequest;

/** {@code waitForCompletion} ran out of time before the request was completed or failed. */
public final class WaitTimeoutException extends ChamelaionException {
    private final transient LipsyncRequest lastSeen;

    public WaitTimeoutException(String message, LipsyncRequest lastSeen) {
        super(message);
        this.lastSeen = lastSeen;
    }

    /** The request as last polled (status {@code queued} or {@code processing}), or null if never seen. */
    public LipsyncRequest lastSeen() {
        return lastSeen;
    }
}
