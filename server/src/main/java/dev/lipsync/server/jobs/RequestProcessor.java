package dev.lipsync.server.jobs;

import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.LipSync;
import dev.lipsync.engine.CancelledException;
import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.Options;
import dev.lipsync.engine.ProgressListener;
import dev.lipsync.engine.Result;
import dev.lipsync.server.config.ServerConfig;
import dev.lipsync.server.media.fetch.FetchOutcome;
import dev.lipsync.server.media.fetch.FetchSettings;
import dev.lipsync.server.media.fetch.MediaKind;
import dev.lipsync.server.media.fetch.RemoteMediaFetcher;
import dev.lipsync.server.media.storage.MediaStorage;
import dev.lipsync.server.requests.LipsyncRequest;
import dev.lipsync.server.requests.RequestStatus;
import dev.lipsync.server.requests.RequestStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's trip through a worker: queued → processing → completed | failed. Gets the
 * inputs (fetched from their URLs or opened from storage), runs the renderer (the engine),
 * stores the output and records the result. Every failure a customer can act on ends the
 * request {@code failed} with a readable message; only unexpected errors escape, for the
 * queue to retry. Uploaded inputs are deleted once the request is completed or failed.
 */
public final class RequestProcessor {

    static final String ATTEMPTS_EXHAUSTED = "the request could not be processed after %d attempts; please submit it again";
    static final String INTERNAL_ERROR = "internal error while processing the request; please submit it again";
    static final String NOTHING_RENDERED = "no face found in the video";
    /** Where the HTTP API stores uploaded inputs; only these are ever deleted here. */
    static final String UPLOADS_PREFIX = "uploads/";

    private static final Logger LOG = LoggerFactory.getLogger(RequestProcessor.class);

    /** What became of a run. */
    public enum Outcome {
        /** The output is stored and the request completed. */
        COMPLETED,
        /** The request failed with a customer-readable message. */
        FAILED,
        /** Already finished or gone: nothing to do. */
        SKIPPED,
        /** Cancelled for shutdown: the request is queued again for another worker. */
        HANDED_BACK
    }

    private final RequestStore store;
    private final MediaStorage storage;
    private final RemoteMediaFetcher fetcher;
    private final Renderer renderer;
    private final JobSettings settings;
    private final Clock clock;

    public RequestProcessor(RequestStore store, MediaStorage storage, RemoteMediaFetcher fetcher, Renderer renderer,
                            JobSettings settings, Clock clock) {
        this.store = store;
        this.storage = storage;
        this.fetcher = fetcher;
        this.renderer = renderer;
        this.settings = settings;
        this.clock = clock;
    }

    /** The production set-up: fetcher, job and engine settings from the config, the engine as renderer. */
    public static RequestProcessor forServer(ServerConfig config, RequestStore store, MediaStorage storage) {
        return new RequestProcessor(store, storage, FetchSettings.fetcher(config),
                Renderer.engine(LipSync.create(config.engineConfig())),
                JobSettings.from(config), Clock.systemUTC());
    }

    /** The object key a request's output is stored under. */
    public static String outputKey(UUID requestId) {
        return "outputs/" + requestId + ".mp4";
    }

    /**
     * Runs request {@code id}. Safe to call again for the same request (after a crash or a lost
     * lease): a finished request is left alone, and each start counts as an attempt.
     *
     * @throws Exception only for unexpected errors (database or storage down, bugs)
     */
    public Outcome process(UUID id, Cancellation cancel) throws Exception {
        Optional<LipsyncRequest> found = store.get(id);
        if (found.isEmpty()) {
            return Outcome.SKIPPED;
        }
        LipsyncRequest request = found.get();
        if (isFinished(request.status())) {
            deleteUploads(request); // a crash may have come between finishing and deleting
            return Outcome.SKIPPED;
        }
        if (request.attempts() >= settings.maxAttempts()) {
            LOG.warn("request {} failed: {} attempts used", id, request.attempts());
            return fail(request, ATTEMPTS_EXHAUSTED.formatted(request.attempts()));
        }
        if (!store.markProcessing(id, clock.instant())) {
            return Outcome.SKIPPED;
        }
        LOG.info("request {} processing (attempt {})", id, request.attempts() + 1);
        long started = System.nanoTime();
        Path work = Files.createDirectories(settings.scratchDir().resolve(id.toString()));
        try {
            Input video = input(request.videoUrl(), request.videoKey(), MediaKind.VIDEO, work, cancel);
            if (video.failure() != null) {
                return fail(request, video.failure());
            }
            Input audio = input(request.audioUrl(), request.audioKey(), MediaKind.AUDIO, work, cancel);
            if (audio.failure() != null) {
                return fail(request, audio.failure());
            }
            Path output = work.resolve("output.mp4");
            Result result = renderer.render(video.file(), audio.file(), output,
                    new Options(request.disableActiveSpeakerDetection(), false), ProgressListener.NONE, cancel);
            if (result.framesRendered() <= 0) {
                // never claim success for a video whose mouth was not re-rendered anywhere
                return fail(request, NOTHING_RENDERED);
            }
            String key = outputKey(id);
            try (InputStream in = Files.newInputStream(output)) {
                storage.put(key, in, Long.MAX_VALUE);
            }
            store.markCompleted(id, key, result.durationSeconds(), clock.instant());
            // the operator's view of a job: how long it took against how much video it made
            LOG.info("request {} completed in {} s ({} s of output, {} frames, {} re-rendered)", id,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9),
                    String.format(Locale.ROOT, "%.2f", result.durationSeconds()), result.framesTotal(),
                    result.framesRendered());
            deleteUploads(request);
            return Outcome.COMPLETED;
        } catch (CancelledException e) {
            store.handBack(id);
            LOG.info("request {} handed back to the queue", id);
            return Outcome.HANDED_BACK;
        } catch (LipSyncException e) {
            return fail(request, e.getMessage());
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * After an unexpected error: queue the request for another try while attempts remain
     * (returns true), else fail it with a generic message (returns false).
     */
    public boolean afterUnexpectedError(UUID id, Throwable cause) throws Exception {
        LOG.error("request {}: unexpected error", id, cause);
        Optional<LipsyncRequest> found = store.get(id);
        if (found.isEmpty() || isFinished(found.get().status())) {
            return false;
        }
        if (found.get().attempts() >= settings.maxAttempts()) {
            store.markFailed(id, INTERNAL_ERROR, clock.instant());
            deleteUploads(found.get());
            return false;
        }
        store.requeue(id);
        return true;
    }

    private Outcome fail(LipsyncRequest request, String message) throws Exception {
        LOG.info("request {} failed: {}", request.id(), message);
        store.markFailed(request.id(), message, clock.instant());
        deleteUploads(request);
        return Outcome.FAILED;
    }

    /**
     * Deletes the request's uploaded inputs ({@code uploads/<id>/...}) once it is completed or
     * failed: nothing reads them again (a retry or hand-back still needs them, so those keep
     * them). After the status is recorded, so a crash in between leaves files, never a request
     * without its inputs; a failed delete is only logged.
     */
    private void deleteUploads(LipsyncRequest request) {
        for (String key : new String[] {request.videoKey(), request.audioKey()}) {
            if (key == null || !key.startsWith(UPLOADS_PREFIX)) {
                continue;
            }
            try {
                storage.delete(key);
            } catch (IOException | RuntimeException e) {
                LOG.warn("request {}: could not delete uploaded input {}: {}", request.id(), key, e.toString());
            }
        }
    }

    /** A local file for one input, or the customer-readable reason there is none. */
    private record Input(Path file, String failure) { }

    private Input input(String url, String key, MediaKind kind, Path work, Cancellation cancel)
            throws IOException, CancelledException {
        if (url != null) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                return new Input(null, kind.label() + " URL must be an http or https URL");
            }
            FetchOutcome outcome = fetcher.fetch(uri, kind, work.resolve(kind.label()), cancel);
            return switch (outcome) {
                case FetchOutcome.Fetched f -> new Input(f.file(), null);
                case FetchOutcome.Failed f -> new Input(null, f.message());
            };
        }
        if (key != null) {
            try {
                return new Input(storage.materialise(key, work), null);
            } catch (NoSuchFileException e) {
                return new Input(null, kind.label() + " file is no longer available; please submit the request again");
            }
        }
        return new Input(null, kind.label() + " input is missing");
    }

    private static boolean isFinished(RequestStatus status) {
        return status == RequestStatus.COMPLETED || status == RequestStatus.FAILED;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // left for the operator; scratch space only
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
