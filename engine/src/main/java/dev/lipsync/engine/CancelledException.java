package dev.lipsync.engine;

/** The run was cancelled by its caller. */
public final class CancelledException extends LipSyncException {
    public CancelledException() {
        super(Reason.CANCELLED, "the job was cancelled");
    }
}
