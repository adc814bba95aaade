package dev.lipsync.server.media.storage;

import java.io.IOException;

/** More bytes arrived than the limit allows; nothing was stored. */
public final class MediaTooLargeException extends IOException {

    public MediaTooLargeException(long maxBytes) {
        super("object larger than " + maxBytes + " bytes");
    }
}
