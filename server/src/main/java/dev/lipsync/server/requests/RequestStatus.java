package dev.lipsync.server.requests;

/** A request's lifecycle: queued → processing → completed | failed. */
public enum RequestStatus {
    QUEUED, PROCESSING, COMPLETED, FAILED;

    /** The wire and database spelling ("queued", ...). */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static RequestStatus fromWire(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
