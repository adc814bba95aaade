package dev.lipsync.sdk.cli;

import dev.lipsync.sdk.core.http.TransferListener;
import dev.lipsync.sdk.models.LipsyncRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress on stderr while uploading, waiting and downloading; silent when not wanted (scripts, pipes). */
interface Progress {
    /** A byte counter, e.g. "Uploading"; close it when the transfer ends. */
    Bytes bytes(String task);

    /** A display of a request's state while waiting for it. */
    Waiting waiting(String task);

    interface Bytes extends TransferListener, AutoCloseable {
        @Override
        void close();
    }

    interface Waiting extends Consumer<LipsyncRequest>, AutoCloseable {
        @Override
        void close();
    }

    static Progress silent() {
        return new Progress() {
            @Override
            public Bytes bytes(String task) {
                return new Bytes() {
                    @Override
                    public void onProgress(long bytesSoFar, long totalBytes) {
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public Waiting waiting(String task) {
                return new Waiting() {
                    @Override
                    public void accept(LipsyncRequest r) {
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    /** Progress bars drawn on {@code err} (redrawn in place with carriage returns). */
    static Progress bars(PrintStream err) {
        return new Progress() {
            private ProgressBarBuilder builder(String task) {
                return new ProgressBarBuilder().setTaskName(task).setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(200).continuousUpdate()
                        .setConsumer(new ConsoleProgressBarConsumer(err, 100));
            }

            @Override
            public Bytes bytes(String task) {
                ProgressBar bar = builder(task).setUnit("MiB", 1 << 20).setInitialMax(-1).showSpeed().build();
                return new Bytes() {
                    @Override
                    public void onProgress(long bytesSoFar, long totalBytes) {
                        if (totalBytes > 0 && bar.getMax() != totalBytes) {
                            bar.maxHint(totalBytes);
                        }
                        bar.stepTo(bytesSoFar);
                    }

                    @Override
                    public void close() {
                        bar.close();
                    }
                };
            }

            /** One status line redrawn in place: the state and how long it has been waited for. */
            @Override
            public Waiting waiting(String task) {
                long start = System.nanoTime();
                return new Waiting() {
                    private int width;

                    @Override
                    public void accept(LipsyncRequest r) {
                        long s = Duration.ofNanos(System.nanoTime() - start).toSeconds();
                        String line = task + ": " + r.status().value() + " after " + s + " s";
                        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
                        err.flush();
                        width = line.length();
                    }

                    @Override
                    public void close() {
                        if (width > 0) {
                            err.println();
                        }
                    }
                };
            }
        };
    }
}
