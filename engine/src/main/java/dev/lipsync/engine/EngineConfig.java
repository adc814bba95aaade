package dev.lipsync.engine;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the engine finds its assets, and how much temporary disk a job may use.
 *
 * @param landmarkModel   dlib's 68-point shape predictor ({@code LIPSYNC_LANDMARK_MODEL})
 * @param faceSpoolBytes  bytes of face pixels pass 1 may keep on disk for the donor mouths
 *                        ({@code LIPSYNC_FACE_SPOOL_MB}, default 2048: about 4.5 minutes of a
 *                        720p face, 2 minutes of 1080p, kept in I420; half that where the video
 *                        is decoded to BGR); the donors of a longer video, after that part, are
 *                        decoded a third time. More disk, less CPU on long videos; 0 decodes
 *                        every donor again
 * @param frameSpoolBytes bytes of whole decoded frames pass 1 may keep on disk for pass 2
 *                        ({@code LIPSYNC_FRAME_SPOOL_MB}, default 2048: about 49 s of 720p at 30
 *                        frames a second, 22 s of 1080p; only videos decoded to I420, most of
 *                        them, and only a video that fits whole, and within half the kernel's
 *                        background writeback threshold: see {@code spool.FrameSpool}); a
 *                        longer video is decoded twice. Reading a frame back costs a fraction of
 *                        decoding it; 0 decodes every frame twice
 *
 * <p>Each spool also keeps to a share of the temporary directory's free space when the job
 * starts ({@link dev.lipsync.engine.spool.ScratchFile#withinFreeSpace}).
 */
public record EngineConfig(Path landmarkModel, long faceSpoolBytes, long frameSpoolBytes) {

    public static final Path DEBIAN_LANDMARK_MODEL =
            Path.of("/usr/share/dlib/shape_predictor_68_face_landmarks.dat");
    public static final long DEFAULT_FACE_SPOOL_BYTES = 2048L << 20;
    public static final long DEFAULT_FRAME_SPOOL_BYTES = 2048L << 20;

    public EngineConfig {
        Objects.requireNonNull(landmarkModel, "landmarkModel");
        if (faceSpoolBytes < 0) {
            throw new IllegalArgumentException("faceSpoolBytes must not be negative");
        }
        if (frameSpoolBytes < 0) {
            throw new IllegalArgumentException("frameSpoolBytes must not be negative");
        }
    }

    /** The given landmark model and the default spools. */
    public EngineConfig(Path landmarkModel) {
        this(landmarkModel, DEFAULT_FACE_SPOOL_BYTES, DEFAULT_FRAME_SPOOL_BYTES);
    }

    /**
     * Defaults: the model from Debian's {@code libdlib-data}, a 2 GB face spool and a 2 GB
     * frame spool, each overridable by its environment variable (see {@link #from}).
     *
     * @throws IllegalArgumentException for a spool size that is no size
     */
    public static EngineConfig defaults() {
        return from(System::getenv);
    }

    /**
     * From settings by name ({@code LIPSYNC_LANDMARK_MODEL}, {@code LIPSYNC_FACE_SPOOL_MB},
     * {@code LIPSYNC_FRAME_SPOOL_MB}); unset or blank ones keep their defaults.
     *
     * @throws IllegalArgumentException for a spool size that is not a whole number of megabytes ≥ 0
     */
    public static EngineConfig from(Function<String, String> settings) {
        String model = settings.apply("LIPSYNC_LANDMARK_MODEL");
        return new EngineConfig(model == null || model.isBlank() ? DEBIAN_LANDMARK_MODEL : Path.of(model),
                bytes(settings, "LIPSYNC_FACE_SPOOL_MB", DEFAULT_FACE_SPOOL_BYTES),
                bytes(settings, "LIPSYNC_FRAME_SPOOL_MB", DEFAULT_FRAME_SPOOL_BYTES));
    }

    /** The setting {@code name}, in megabytes, as bytes; {@code fallback} when unset or blank. */
    private static long bytes(Function<String, String> settings, String name, long fallback) {
        String value = settings.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long megabytes;
        try {
            megabytes = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            megabytes = -1;
        }
        if (megabytes < 0 || megabytes > Long.MAX_VALUE >> 20) {
            throw new IllegalArgumentException(
                    name + " must be a whole number of megabytes, 0 or more; got '" + value + "'");
        }
        return megabytes << 20;
    }

    /** This config with another face spool size. */
    public EngineConfig withFaceSpoolBytes(long bytes) {
        return new EngineConfig(landmarkModel, bytes, frameSpoolBytes);
    }

    /** This config with another frame spool size. */
    public EngineConfig withFrameSpoolBytes(long bytes) {
        return new EngineConfig(landmarkModel, faceSpoolBytes, bytes);
    }
}
