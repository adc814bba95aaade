package dev.lipsync.sdk.models;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code POST /v1/lipsync/generate}: exactly one video and one audio input by URL (any order),
 * an optional {@code reference_id} and {@code disable_active_speaker_detection}.
 *
 * <pre>{@code
 * LipsyncGenerateParams.builder()
 *     .videoUrl("https://cdn.example.com/episodes/42.mp4")
 *     .audioUrl("https://cdn.example.com/dubs/42-japanese.wav")
 *     .referenceId("dub-episode-42")
 *     .build();
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class LipsyncGenerateParams {
    @JsonProperty("inputs")
    private final List<Input> inputs;
    @JsonProperty("reference_id")
    private final String referenceId;
    @JsonProperty("disable_active_speaker_detection")
    private final Boolean disableActiveSpeakerDetection;

    private LipsyncGenerateParams(Builder b) {
        if (b.inputs.isEmpty()) {
            throw new IllegalStateException("inputs: add one video and one audio input");
        }
        this.inputs = List.copyOf(b.inputs);
        this.referenceId = b.referenceId;
        this.disableActiveSpeakerDetection = b.disableActiveSpeakerDetection;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.inputs.addAll(inputs);
        b.referenceId = referenceId;
        b.disableActiveSpeakerDetection = disableActiveSpeakerDetection;
        return b;
    }

    public List<Input> inputs() {
        return inputs;
    }

    public Optional<String> referenceId() {
        return Optional.ofNullable(referenceId);
    }

    public Optional<Boolean> disableActiveSpeakerDetection() {
        return Optional.ofNullable(disableActiveSpeakerDetection);
    }

    @Override
    public String toString() {
        return "LipsyncGenerateParams{inputs=" + inputs + ", referenceId=" + referenceId
                + ", disableActiveSpeakerDetection=" + disableActiveSpeakerDetection + "}";
    }

    /** One remote input: its type ({@code video} or {@code audio}) and URL. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    public static final class Input {
        @JsonProperty("type")
        private final InputType type;
        @JsonProperty("url")
        private final String url;

        public Input(InputType type, String url) {
            this.type = Objects.requireNonNull(type, "type");
            this.url = Objects.requireNonNull(url, "url");
        }

        public static Input video(String url) {
            return new Input(InputType.VIDEO, url);
        }

        public static Input audio(String url) {
            return new Input(InputType.AUDIO, url);
        }

        public InputType type() {
            return type;
        }

        public String url() {
            return url;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Input i && i.type.equals(type) && i.url.equals(url);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, url);
        }

        @Override
        public String toString() {
            return type + ":" + url;
        }
    }

    public static final class Builder {
        private final List<Input> inputs = new ArrayList<>();
        private String referenceId;
        private Boolean disableActiveSpeakerDetection;

        private Builder() {
        }

        public Builder inputs(List<Input> inputs) {
            this.inputs.clear();
            this.inputs.addAll(inputs);
            return this;
        }

        public Builder addInput(Input input) {
            inputs.add(Objects.requireNonNull(input));
            return this;
        }

        public Builder videoUrl(String url) {
            return addInput(Input.video(url));
        }

        public Builder audioUrl(String url) {
            return addInput(Input.audio(url));
        }

        public Builder referenceId(String referenceId) {
            this.referenceId = referenceId;
            return this;
        }

        public Builder disableActiveSpeakerDetection(boolean disable) {
            this.disableActiveSpeakerDetection = disable;
            return this;
        }

        public LipsyncGenerateParams build() {
            return new LipsyncGenerateParams(this);
        }
    }
}
