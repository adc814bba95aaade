package dev.lipsync.engine;

import java.nio.file.Path;

/** Where the engine finds its assets. */
public record EngineConfig(Path landmarkModel) {

    public static final Path DEBIAN_LANDMARK_MODEL =
            Path.of("/usr/share/dlib/shape_predictor_68_face_landmarks.dat");

    /** Defaults: the model from Debian's {@code libdlib-data}, overridable by {@code LIPSYNC_LANDMARK_MODEL}. */
    public static EngineConfig defaults() {
        String fromEnv = System.getenv("LIPSYNC_LANDMARK_MODEL");
        return new EngineConfig(fromEnv == null || fromEnv.isBlank() ? DEBIAN_LANDMARK_MODEL : Path.of(fromEnv));
    }
}
