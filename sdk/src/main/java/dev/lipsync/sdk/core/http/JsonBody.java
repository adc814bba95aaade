package dev.lipsync.sdk.core.http;

import java.net.http.HttpRequest;
import java.util.function.LongConsumer;

/** A small JSON body held in memory. */
public record JsonBody(byte[] json) implements RequestBody {
    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public HttpRequest.BodyPublisher publisher(LongConsumer bytesRead) {
        return HttpRequest.BodyPublishers.ofByteArray(json);
    }

    @Override
    public long contentLength() {
        return json.length;
    }

    @Override
    public boolean canResend() {
        return true;
    }
}
