package dev.lipsync.sdk.errors;

import java.net.http.HttpHeaders;

/** The request was malformed or not of the schema (HTTP 400). */
public final class BadRequestException extends ChamelaionServiceException {
    public BadRequestException(String error, HttpHeaders headers, String body) {
        super(400, error, headers, body);
    }
}
