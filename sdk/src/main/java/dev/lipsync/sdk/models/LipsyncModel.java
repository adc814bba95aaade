package dev.lipsync.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * The model of an uploaded-media request ({@code lipsync-2}, also the server's default).
 * An open set: a value this SDK does not know yet is kept as it came ({@link #known()} is then
 * {@link Known#_UNKNOWN}), so a new server value never breaks parsing.
 */
public final class LipsyncModel {
    public static final LipsyncModel LIPSYNC_2 = new LipsyncModel("lipsync-2");

    /** The values this SDK knows, for switch statements. */
    public enum Known {
        LIPSYNC_2,
        _UNKNOWN
    }

    private final String value;

    private LipsyncModel(String value) {
        this.value = Objects.requireNonNull(value);
    }

    @JsonCreator
    public static LipsyncModel of(String value) {
        return switch (value) {
            case "lipsync-2" -> LIPSYNC_2;
            default -> new LipsyncModel(value);
        };
    }

    public Known known() {
        return switch (value) {
            case "lipsync-2" -> Known.LIPSYNC_2;
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
        return o instanceof LipsyncModel other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
