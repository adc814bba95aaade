package dev.lipsync.sdk.errors;

import java.net.http.HttpHeaders;

/** A status the API does not document for this call (e.g. 403, 408, 409, 413), or a non-2xx redirect. */
public final class UnexpectedStatusException extends ChamelaionServiceException {
    public UnexpectedStatusException(int statusCode, String error, HttpHeaders headers, String body) {
        super(statusCode, error, headers, body);
    }
}
