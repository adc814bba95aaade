package dev.lipsync.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * The state reported when a request is accepted ({@code success}).
 * An open set: a value this SDK does not know yet is kept as it came ({@link #known()} is then
 * {@link Known#_UNKNOWN}), so a new server value never breaks parsing.
 */
public final class LipsyncGenerateStatus {
    public static final LipsyncGenerateStatus SUCCESS = new LipsyncGenerateStatus("success");

    /** The values this SDK knows, for switch statements. */
    public enum Known {
        SUCCESS,
        _UNKNOWN
    }

    private final String value;

    private LipsyncGenerateStatus(String value) {
        this.value = Objects.requireNonNull(value);
    }

    @JsonCreator
    public static LipsyncGenerateStatus of(String value) {
        return switch (value) {
            case "success" -> SUCCESS;
            default -> new LipsyncGenerateStatus(value);
        };
    }

    public Known known() {
        return switch (value) {
            case "success" -> Known.SUCCESS;
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
        return o instanceof LipsyncGenerateStatus other && other.value.equals(value);
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
