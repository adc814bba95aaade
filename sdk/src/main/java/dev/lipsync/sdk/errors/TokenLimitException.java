package dev.lipsync.sdk.errors;

import java.net.http.HttpHeaders;

/** The account's usage quota ("tokens") is used up (HTTP 412). */
public final class TokenLimitException extends ChamelaionServiceException {
    public TokenLimitException(String error, HttpHeaders headers, String body) {
        super(412, error, headers, body);
    }
}
