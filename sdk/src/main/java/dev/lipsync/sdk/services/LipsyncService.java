package dev.lipsync.sdk.services;

import dev.lipsync.sdk.core.Json;
import dev.lipsync.sdk.core.RequestOptions;
import dev.lipsync.sdk.core.http.ApiRequest;
import dev.lipsync.sdk.core.http.HttpRequester;
import dev.lipsync.sdk.core.http.JsonBody;
import dev.lipsync.sdk.core.http.MultipartBody;
import dev.lipsync.sdk.errors.ChamelaionIoException;
import dev.lipsync.sdk.models.LipsyncGenerate;
import dev.lipsync.sdk.models.LipsyncGenerateParams;
import dev.lipsync.sdk.models.LipsyncGenerateWithMediaParams;
import java.io.UncheckedIOException;

/** {@code POST /v1/lipsync/generate}, {@code POST /v1/lipsync/generate-with-media}, and {@link #requests()}. */
public final class LipsyncService {
    private final HttpRequester requester;
    private final RequestsService requests;

    public LipsyncService(HttpRequester requester) {
        this.requester = requester;
        this.requests = new RequestsService(requester);
    }

    public RequestsService requests() {
        return requests;
    }

    /** Starts a job from one remote video URL and one remote audio URL. */
    public LipsyncGenerate generate(LipsyncGenerateParams params) {
        return generate(params, RequestOptions.none());
    }

    public LipsyncGenerate generate(LipsyncGenerateParams params, RequestOptions options) {
        ApiRequest request = ApiRequest.post("/v1/lipsync/generate", new JsonBody(Json.write(params)));
        return Json.read(requester.execute(request, options).body(), LipsyncGenerate.class);
    }

    /** Starts a job by uploading a video file and an audio file (streamed as multipart/form-data). */
    public LipsyncGenerate generateWithMedia(LipsyncGenerateWithMediaParams params) {
        return generateWithMedia(params, RequestOptions.none());
    }

    public LipsyncGenerate generateWithMedia(LipsyncGenerateWithMediaParams params, RequestOptions options) {
        MultipartBody body;
        try {
            // Small fields first, so the server can reject a bad form before the files arrive.
            MultipartBody.Builder form = MultipartBody.builder();
            params.model().ifPresent(m -> form.field("model", m.value()));
            params.referenceId().ifPresent(r -> form.field("reference_id", r));
            params.disableActiveSpeakerDetection().ifPresent(d -> form.field("disable_active_speaker_detection", d.toString()));
            form.file("video", params.video()).file("audio", params.audio());
            body = form.build();
        } catch (UncheckedIOException e) {
            throw new ChamelaionIoException(e.getMessage(), e.getCause());
        }
        ApiRequest request = ApiRequest.post("/v1/lipsync/generate-with-media", body);
        return Json.read(requester.execute(request, options).body(), LipsyncGenerate.class);
    }
}
