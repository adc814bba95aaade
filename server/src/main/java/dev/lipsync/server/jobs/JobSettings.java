package dev.lipsync.server.jobs;

import dev.lipsync.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the job queue runs.
 *
 * @param workers           concurrent jobs in this process (LIPSYNC_WORKERS); 0 = accept and
 *                          queue requests but process none here
 * @param pollInterval      how often an idle worker looks for due jobs (LIPSYNC_JOB_POLL_MILLIS, 1000)
 * @param heartbeatInterval how often a running job renews its lease (LIPSYNC_JOB_HEARTBEAT_SECONDS, 30)
 * @param missedHeartbeats  a job whose lease was not renewed this many times is taken to be dead
 *                          and run again elsewhere (LIPSYNC_JOB_MISSED_HEARTBEATS, 4)
 * @param maxAttempts       starts of one request before it fails (LIPSYNC_JOB_MAX_ATTEMPTS, 3)
 * @param retryDelay        wait before retrying after an unexpected error (LIPSYNC_JOB_RETRY_SECONDS, 30)
 * @param shutdownGrace     on shutdown, how long running jobs may go on before they are
 *                          cancelled and handed back (LIPSYNC_SHUTDOWN_GRACE_SECONDS, 30)
 * @param sweepInterval     how often queued requests without a job are looked for (LIPSYNC_JOB_SWEEP_SECONDS, 60)
 * @param scratchDir        where inputs and outputs live while a job runs ({data}/work)
 */
public record JobSettings(int workers, Duration pollInterval, Duration heartbeatInterval, int missedHeartbeats,
                          int maxAttempts, Duration retryDelay, Duration shutdownGrace, Duration sweepInterval,
                          Path scratchDir) {

    public JobSettings {
        if (workers < 0 || missedHeartbeats < 4 || maxAttempts < 1) {
            // db-scheduler refuses fewer than 4 missed heartbeats
            throw new IllegalArgumentException("workers >= 0, missed heartbeats >= 4 and max attempts >= 1 required");
        }
    }

    public static JobSettings from(ServerConfig config) {
        return new JobSettings(
                config.workers(),
                Duration.ofMillis(config.nonNegativeSetting("LIPSYNC_JOB_POLL_MILLIS", 1000)),
                Duration.ofSeconds(config.nonNegativeSetting("LIPSYNC_JOB_HEARTBEAT_SECONDS", 30)),
                (int) config.nonNegativeSetting("LIPSYNC_JOB_MISSED_HEARTBEATS", 4),
                (int) config.nonNegativeSetting("LIPSYNC_JOB_MAX_ATTEMPTS", 3),
                Duration.ofSeconds(config.nonNegativeSetting("LIPSYNC_JOB_RETRY_SECONDS", 30)),
                Duration.ofSeconds(config.nonNegativeSetting("LIPSYNC_SHUTDOWN_GRACE_SECONDS", 30)),
                Duration.ofSeconds(config.nonNegativeSetting("LIPSYNC_JOB_SWEEP_SECONDS", 60)),
                config.dataDir().resolve("work"));
    }

    /** How long a lease lasts without a heartbeat before the job is run again. */
    public Duration leaseTimeout() {
        return heartbeatInterval.multipliedBy(missedHeartbeats);
    }
}
