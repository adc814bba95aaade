package dev.lipsync.sdk.errors;

/** Base of every exception the SDK throws; catch this to catch them all. */
public class ChamelaionException extends RuntimeException {
    public ChamelaionException(String message) {
        super(message);
    }

    public ChamelaionException(String message, Throwable cause) {
        super(message, cause);
    }
}
