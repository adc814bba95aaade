package dev.lipsync.engine;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the engine finds its assets, and how much temporary disk a job may use.
 *
 * @param landmarkModel  dlib's 68-point shape predictor ({@code LIPSYNC_LANDMARK_MODEL})
 * @param faceSpoolBytes bytes of face pixels pass 1 may keep on disk for the donor mouths
 *                       ({@code LIPSYNC_FACE_SPOOL_MB}, default 512: about 70 s of a 720p face,
 *                       30 s of 1080p, kept in I420; half that where the video is decoded to
 *                       BGR); the donors of a longer video, after that part, are
 *                       decoded a third time. More disk, less CPU on long videos; 0 decodes
 *                       every donor again
 */
public record EngineConfig(Path landmarkModel, long faceSpoolBytes) {

    public static final Path DEBIAN_LANDMARK_MODEL =
            Path.of("/usr/share/dlib/shape_predictor_68_face_landmarks.dat");
    public static final long DEFAULT_FACE_SPOOL_BYTES = 512L << 20;

    public EngineConfig {
        Objects.requireNonNull(landmarkModel, "landmarkModel");
        if (faceSpoolBytes < 0) {
            throw new IllegalArgumentException("faceSpoolBytes must not be negative");
        }
    }

    /** The given landmark model and the default face spool. */
    public EngineConfig(Path landmarkModel) {
        this(landmarkModel, DEFAULT_FACE_SPOOL_BYTES);
    }

    /**
     * Defaults: the model from Debian's {@code libdlib-data} and a 512 MB face spool, each
     * overridable by its environment variable (see {@link #from}).
     *
     * @throws IllegalArgumentException for a {@code LIPSYNC_FACE_SPOOL_MB} that is no size
     */
    public static EngineConfig defaults() {
        return from(System::getenv);
    }

    /**
     * From settings by name ({@code LIPSYNC_LANDMARK_MODEL}, {@code LIPSYNC_FACE_SPOOL_MB});
     * unset or blank ones keep their defaults.
     *
     * @throws IllegalArgumentException for a spool size that is not a whole number of megabytes ≥ 0
     */
    public static EngineConfig from(Function<String, String> settings) {
        String model = settings.apply("LIPSYNC_LANDMARK_MODEL");
        String spool = settings.apply("LIPSYNC_FACE_SPOOL_MB");
        long spoolBytes = DEFAULT_FACE_SPOOL_BYTES;
        if (spool != null && !spool.isBlank()) {
            long megabytes;
            try {
                megabytes = Long.parseLong(spool.trim());
            } catch (NumberFormatException e) {
                megabytes = -1;
            }
            if (megabytes < 0 || megabytes > Long.MAX_VALUE >> 20) {
                throw new IllegalArgumentException(
                        "LIPSYNC_FACE_SPOOL_MB must be a whole number of megabytes, 0 or more; got '" + spool + "'");
            }
            spoolBytes = megabytes << 20;
        }
        return new EngineConfig(model == null || model.isBlank() ? DEBIAN_LANDMARK_MODEL : Path.of(model), spoolBytes);
    }

    /** This config with another face spool size. */
    public EngineConfig withFaceSpoolBytes(long bytes) {
        return new EngineConfig(landmarkModel, bytes);
    }
}
