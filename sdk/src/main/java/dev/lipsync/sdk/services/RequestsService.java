package dev.lipsync.sdk.services;

import dev.lipsync.sdk.core.Json;
import dev.lipsync.sdk.core.RequestOptions;
import dev.lipsync.sdk.core.http.ApiRequest;
import dev.lipsync.sdk.core.http.Download;
import dev.lipsync.sdk.core.http.TransferListener;
import dev.lipsync.sdk.core.http.HttpRequester;
import dev.lipsync.sdk.core.http.PathSegments;
import dev.lipsync.sdk.errors.ChamelaionIoException;
import dev.lipsync.sdk.errors.WaitTimeoutException;
import dev.lipsync.sdk.models.LipsyncRequest;
import dev.lipsync.sdk.models.LipsyncRequestListPage;
import dev.lipsync.sdk.models.LipsyncRequestListParams;
import dev.lipsync.sdk.models.LipsyncRequestListResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** {@code GET /v1/lipsync/requests/{id}}, {@code GET /v1/lipsync/requests}, and waiting for a request to finish. */
public final class RequestsService {
    private final HttpRequester requester;

    public RequestsService(HttpRequester requester) {
        this.requester = requester;
    }

    /** The request with this UUID, or the latest one with this {@code reference_id}. */
    public LipsyncRequest get(String idOrReferenceId) {
        return get(idOrReferenceId, RequestOptions.none());
    }

    public LipsyncRequest get(String idOrReferenceId, RequestOptions options) {
        Objects.requireNonNull(idOrReferenceId, "id");
        if (idOrReferenceId.isEmpty()) {
            throw new IllegalArgumentException("id must not be empty");
        }
        ApiRequest request = ApiRequest.get("/v1/lipsync/requests/" + PathSegments.encode(idOrReferenceId), Map.of());
        return Json.read(requester.execute(request, options).body(), LipsyncRequest.class);
    }

    /** The first page with the server's defaults (20 per page). */
    public LipsyncRequestListPage list() {
        return list(LipsyncRequestListParams.none());
    }

    public LipsyncRequestListPage list(LipsyncRequestListParams params) {
        return list(params, RequestOptions.none());
    }

    public LipsyncRequestListPage list(LipsyncRequestListParams params, RequestOptions options) {
        ApiRequest request = ApiRequest.get("/v1/lipsync/requests", params.toQuery());
        LipsyncRequestListResponse response = Json.read(requester.execute(request, options).body(),
                LipsyncRequestListResponse.class);
        return new LipsyncRequestListPage(params, response, next -> list(next, options));
    }

    /** Polls until the request is {@code completed} or {@code failed} (both returned, not thrown). */
    public LipsyncRequest waitForCompletion(String idOrReferenceId, Duration timeout) {
        return waitForCompletion(idOrReferenceId, timeout, r -> { });
    }

    /**
     * Polls with a growing pause (from the client's {@code pollInitialInterval}, half again each time,
     * up to {@code pollMaxInterval}) until the request is {@code completed} or {@code failed}, and returns it.
     * {@code onPoll} sees every state polled, e.g. to show progress.
     *
     * @throws WaitTimeoutException when {@code timeout} passes first
     */
    public LipsyncRequest waitForCompletion(String idOrReferenceId, Duration timeout, Consumer<LipsyncRequest> onPoll) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = requester.options().pollInitialInterval();
        Duration maxPause = requester.options().pollMaxInterval();
        String id = idOrReferenceId;
        LipsyncRequest last = null;
        while (true) {
            last = get(id);
            id = last.id(); // a reference_id may later name a newer request; follow this one
            onPoll.accept(last);
            if (last.status().isFinished()) {
                return last;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new WaitTimeoutException("request " + id + " is still " + last.status() + " after "
                        + timeout.toSeconds() + " s", last);
            }
            sleep(Duration.ofNanos(Math.min(pause.toNanos(), left)));
            pause = Duration.ofNanos(Math.min((long) (pause.toNanos() * 1.5), maxPause.toNanos()));
        }
    }

    /**
     * Downloads a completed request's MP4 to {@code target} (streamed; written to a temporary file and
     * moved into place when complete).
     *
     * @throws IllegalStateException when the request has no {@code output_url} (not completed)
     */
    public Path downloadOutput(LipsyncRequest request, Path target, TransferListener listener) {
        String url = request.outputUrl().orElseThrow(() -> new IllegalStateException(
                "request " + request.id() + " is " + request.status() + " and has no output to download"));
        return Download.toFile(requester.httpClient(), requester.options(), url, target, listener);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChamelaionIoException("interrupted while waiting for the request to finish", e);
        }
    }
}
