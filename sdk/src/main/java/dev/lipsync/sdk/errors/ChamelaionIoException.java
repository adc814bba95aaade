package dev.lipsync.sdk.errors;

/**
 * The request did not get an HTTP answer: the connection was refused or broke, DNS failed,
 * or a local file could not be read while uploading. Thrown once the SDK's retries are used up.
 */
public class ChamelaionIoException extends ChamelaionException {
    public ChamelaionIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
