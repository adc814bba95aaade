package dev.lipsync.sdk.errors;

/** Connecting, or waiting for the server's answer, took longer than the configured timeout. */
public final class ChamelaionTimeoutException extends ChamelaionIoException {
    public ChamelaionTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
