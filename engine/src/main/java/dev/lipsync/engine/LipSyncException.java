package dev.lipsync.engine;

/**
 * Why a run could not produce output. {@link #getMessage()} is a short sentence a customer
 * can act on (it becomes the API's {@code error_message}); never internal detail.
 */
public class LipSyncException extends Exception {

    public enum Reason {
        VIDEO_UNREADABLE, NO_VIDEO_STREAM, AUDIO_UNREADABLE, NO_AUDIO_STREAM, VIDEO_TOO_LONG,
        NO_FACE, MODEL_MISSING, ENGINE_UNAVAILABLE, CANCELLED, INTERNAL
    }

    private final Reason reason;

    public LipSyncException(Reason reason, String customerMessage) {
        super(customerMessage);
        this.reason = reason;
    }

    public LipSyncException(Reason reason, String customerMessage, Throwable cause) {
        super(customerMessage, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
