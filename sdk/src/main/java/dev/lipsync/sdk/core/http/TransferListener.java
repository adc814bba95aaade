package dev.lipsync.sdk.core.http;

/** Told how many bytes have moved so far, e.g. to draw an upload progress bar. */
@FunctionalInterface
public interface TransferListener {
    /**
     * @param bytesSoFar bytes transferred so far in this attempt (starts again from 0 on a retry)
     * @param totalBytes the whole size, or -1 when unknown (an upload from a stream of unknown length)
     */
    void onProgress(long bytesSoFar, long totalBytes);

    TransferListener NONE = (bytesSoFar, totalBytes) -> { };
}
