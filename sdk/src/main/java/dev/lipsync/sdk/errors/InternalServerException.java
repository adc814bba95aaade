package dev.lipsync.sdk.errors;

import java.net.http.HttpHeaders;

/** The server failed (any HTTP 5xx); thrown once the SDK's retries are used up. */
public final class InternalServerException extends ChamelaionServiceException {
    public InternalServerException(int statusCode, String error, HttpHeaders headers, String body) {
        super(statusCode, error, headers, body);
    }
}
