package dev.lipsync.sdk.models;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Form of {@code POST /v1/lipsync/generate-with-media}: a video file and an audio file (each from a
 * {@link Path}, an {@link java.io.InputStream} or bytes; see {@link MediaFile}), an optional model
 * ({@code lipsync-2}), {@code reference_id} and {@code disable_active_speaker_detection}.
 */
public final class LipsyncGenerateWithMediaParams {
    private final MediaFile video;
    private final MediaFile audio;
    private final LipsyncModel model;
    private final String referenceId;
    private final Boolean disableActiveSpeakerDetection;

    private LipsyncGenerateWithMediaParams(Builder b) {
        this.video = Objects.requireNonNull(b.video, "video is required");
        this.audio = Objects.requireNonNull(b.audio, "audio is required");
        this.model = b.model;
        this.referenceId = b.referenceId;
        this.disableActiveSpeakerDetection = b.disableActiveSpeakerDetection;
    }

    public static Builder builder() {
        return new Builder();
    }

    public MediaFile video() {
        return video;
    }

    public MediaFile audio() {
        return audio;
    }

    public Optional<LipsyncModel> model() {
        return Optional.ofNullable(model);
    }

    public Optional<String> referenceId() {
        return Optional.ofNullable(referenceId);
    }

    public Optional<Boolean> disableActiveSpeakerDetection() {
        return Optional.ofNullable(disableActiveSpeakerDetection);
    }

    @Override
    public String toString() {
        return "LipsyncGenerateWithMediaParams{video=" + video + ", audio=" + audio + ", model=" + model
                + ", referenceId=" + referenceId + ", disableActiveSpeakerDetection=" + disableActiveSpeakerDetection + "}";
    }

    public static final class Builder {
        private MediaFile video;
        private MediaFile audio;
        private LipsyncModel model;
        private String referenceId;
        private Boolean disableActiveSpeakerDetection;

        private Builder() {
        }

        public Builder video(MediaFile video) {
            this.video = video;
            return this;
        }

        public Builder video(Path video) {
            return video(MediaFile.of(video));
        }

        public Builder audio(MediaFile audio) {
            this.audio = audio;
            return this;
        }

        public Builder audio(Path audio) {
            return audio(MediaFile.of(audio));
        }

        public Builder model(LipsyncModel model) {
            this.model = model;
            return this;
        }

        public Builder referenceId(String referenceId) {
            this.referenceId = referenceId;
            return this;
        }

        public Builder disableActiveSpeakerDetection(boolean disable) {
            this.disableActiveSpeakerDetection = disable;
            return this;
        }

        public LipsyncGenerateWithMediaParams build() {
            return new LipsyncGenerateWithMediaParams(this);
        }
    }
}
