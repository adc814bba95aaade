package dev.lipsync.sdk.errors;

import java.net.http.HttpHeaders;

/** No such lip sync request for this account (HTTP 404). */
public final class NotFoundException extends ChamelaionServiceException {
    public NotFoundException(String error, HttpHeaders headers, String body) {
        super(404, error, headers, body);
    }
}
