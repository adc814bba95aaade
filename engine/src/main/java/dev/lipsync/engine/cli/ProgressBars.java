package dev.lipsync.engine.cli;

import dev.lipsync.engine.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** One progress bar per engine stage on stderr ("Analysing", then "Rendering"). */
final class ProgressBars implements ProgressListener, AutoCloseable {
    private static final int STEPS = 1000;
    private final boolean enabled;
    private Stage stage;
    private ProgressBar bar;

    ProgressBars(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void update(Stage stage, double fraction) {
        if (!enabled) {
            return;
        }
        if (stage != this.stage) {
            close();
            this.stage = stage;
            bar = new ProgressBarBuilder()
                    .setTaskName(stage == Stage.ANALYSE ? "Analysing" : "Rendering")
                    .setInitialMax(STEPS)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setUnit("%", STEPS / 100)
                    .build();
        }
        bar.stepTo(Math.round(Math.max(0, Math.min(1, fraction)) * STEPS));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
