package dev.lipsync.sdk.core.http;

import java.net.http.HttpRequest;
import java.util.function.LongConsumer;

/** A body the requester can send, possibly several times (retries). */
public interface RequestBody {
    String contentType();

    /** A fresh publisher for one attempt; {@code bytesRead} hears the running count of bytes handed to the wire. */
    HttpRequest.BodyPublisher publisher(LongConsumer bytesRead);

    /** -1 when unknown (then it goes out chunked). */
    long contentLength();

    /** False once a one-shot source (an {@code InputStream}) has been read from: such a body cannot be retried. */
    boolean canResend();
}
