package dev.lipsync.sdk.errors;

import java.net.http.HttpHeaders;

/** The API key or bearer token is missing, malformed or unknown (HTTP 401). */
public final class AuthenticationException extends ChamelaionServiceException {
    public AuthenticationException(String error, HttpHeaders headers, String body) {
        super(401, error, headers, body);
    }
}
