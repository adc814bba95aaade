package dev.lipsync.sdk.errors;

/** The server answered 2xx, but the body is not the JSON the API documents. */
public final class InvalidResponseException extends ChamelaionException {
    public InvalidResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
