package dev.lipsync.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * The state of a lip sync request: {@code queued} → {@code processing} → {@code completed} | {@code failed}.
 * An open set: a value this SDK does not know yet is kept as it came ({@link #known()} is then
 * {@link Known#_UNKNOWN}), so a new server value never breaks parsing.
 */
public final class LipsyncRequestStatus {
    public static final LipsyncRequestStatus QUEUED = new LipsyncRequestStatus("queued");
    public static final LipsyncRequestStatus PROCESSING = new LipsyncRequestStatus("processing");
    public static final LipsyncRequestStatus COMPLETED = new LipsyncRequestStatus("completed");
    public static final LipsyncRequestStatus FAILED = new LipsyncRequestStatus("failed");

    /** The values this SDK knows, for switch statements. */
    public enum Known {
        QUEUED,
        PROCESSING,
        COMPLETED,
        FAILED,
        _UNKNOWN
    }

    private final String value;

    private LipsyncRequestStatus(String value) {
        this.value = Objects.requireNonNull(value);
    }

    @JsonCreator
    public static LipsyncRequestStatus of(String value) {
        return switch (value) {
            case "queued" -> QUEUED;
            case "processing" -> PROCESSING;
            case "completed" -> COMPLETED;
            case "failed" -> FAILED;
            default -> new LipsyncRequestStatus(value);
        };
    }

    public Known known() {
        return switch (value) {
            case "queued" -> Known.QUEUED;
            case "processing" -> Known.PROCESSING;
            case "completed" -> Known.COMPLETED;
            case "failed" -> Known.FAILED;
            default -> Known._UNKNOWN;
        };
    }

    /** The value as the API spells it. */
    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LipsyncRequestStatus other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }

    /** True for {@code completed} and {@code failed}: the request will not change any more. */
    public boolean isFinished() {
        return this.equals(COMPLETED) || this.equals(FAILED);
    }
}
