package dev.lipsync.engine;

/** Receives progress; called from the engine's thread, so keep it cheap. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (stage, fraction) -> { };

    /** @param fraction of the given stage done, 0..1 */
    void update(Stage stage, double fraction);

    enum Stage { ANALYSE, RENDER }
}
