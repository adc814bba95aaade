package dev.lipsync.server.media.fetch;

/** Which input a fetch is for; names the input in customer-facing messages. */
public enum MediaKind {
    VIDEO("video"), AUDIO("audio");

    private final String label;

    MediaKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
