package dev.lipsync.engine;

/** A flag the caller sets to stop a run; the engine checks it between frames. */
public final class Cancellation {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** @throws CancelledException if cancelled */
    public void check() throws CancelledException {
        if (cancelled) {
            throw new CancelledException();
        }
    }
}
