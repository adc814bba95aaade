package dev.lipsync.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * The kind of a remote input of a URL request.
 * An open set: a value this SDK does not know yet is kept as it came ({@link #known()} is then
 * {@link Known#_UNKNOWN}), so a new server value never breaks parsing.
 */
public final class InputType {
    public static final InputType VIDEO = new InputType("video");
    public static final InputType AUDIO = new InputType("audio");

    /** The values this SDK knows, for switch statements. */
    public enum Known {
        VIDEO,
        AUDIO,
        _UNKNOWN
    }

    private final String value;

    private InputType(String value) {
        this.value = Objects.requireNonNull(value);
    }

    @JsonCreator
    public static InputType of(String value) {
        return switch (value) {
            case "video" -> VIDEO;
            case "audio" -> AUDIO;
            default -> new InputType(value);
        };
    }

    public Known known() {
        return switch (value) {
            case "video" -> Known.VIDEO;
            case "audio" -> Known.AUDIO;
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
        return o instanceof InputType other && other.value.equals(value);
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
