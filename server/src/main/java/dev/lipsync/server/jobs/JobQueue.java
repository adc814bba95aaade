package dev.lipsync.server.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.lipsync.engine.Cancellation;
import dev.lipsync.server.requests.QueueHook;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable job queue, on db-scheduler over the server's own database: one one-time task
 * per request (instance id = request id), written in the same transaction as the request
 * ({@link #enqueue}). Workers claim jobs with a lease that a heartbeat renews; a worker that
 * dies (kill -9) stops renewing, and after {@link JobSettings#leaseTimeout()} another
 * instance revives the job. Each start counts as an attempt ({@link RequestProcessor}), so a
 * request that keeps killing its worker ends {@code failed}. A sweeper enqueues queued
 * requests that lack a job (rows written by other tools).
 *
 * <p>Shutdown ({@link #stop}): no new jobs are claimed; running ones get
 * {@link JobSettings#shutdownGrace()} to finish, then are cancelled and handed back (request
 * queued again, job due at once) for another instance.
 */
public final class JobQueue implements QueueHook, AutoCloseable {

    static final String TASK_NAME = "lipsync-request";
    static final String SWEEPER_NAME = "lipsync-sweeper";
    private static final int SWEEP_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);

    private final JobSettings settings;
    private volatile DataSource dataSource;
    private volatile JdbcCustomization jdbc;
    private final OneTimeTask<Void> task;
    private final RecurringTask<Void> sweeper;
    private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
    private volatile MeterRegistry meters = new SimpleMeterRegistry();
    private volatile RequestProcessor processor;
    private volatile Scheduler scheduler;

    public JobQueue(JobSettings settings) {
        this.settings = settings;
        this.task = Tasks.oneTime(TASK_NAME)
                .onFailure(this::onFailure)
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .execute((instance, context) -> runJob(instance.getId()));
        this.sweeper = Tasks.recurring(SWEEPER_NAME, FixedDelay.of(settings.sweepInterval()))
                .execute((instance, context) -> sweep());
    }

    /** Writes request {@code requestId}'s job inside the caller's open transaction. */
    @Override
    public void enqueue(Connection tx, UUID requestId) throws SQLException {
        DataSource inTransaction = new TransactionBoundDataSource(tx);
        SchedulerClient client = SchedulerClient.Builder.create(inTransaction, task)
                .jdbcCustomization(jdbc(inTransaction))
                .build();
        client.scheduleIfNotExists(task.instance(requestId.toString()), Instant.now());
    }

    /** db-scheduler's SQL dialect, detected once from the first database seen. */
    private JdbcCustomization jdbc(DataSource source) {
        JdbcCustomization j = jdbc;
        if (j == null) {
            // columns are TIMESTAMP WITH TIME ZONE; writing instants as UTC is right for both databases
            j = new AutodetectJdbcCustomization(source, true);
            jdbc = j;
        }
        return j;
    }

    /**
     * Starts claiming jobs from {@code database} with {@link JobSettings#workers()} threads
     * (none when 0: requests are then only queued here, for other instances to run).
     */
    public synchronized void start(DataSource database, RequestProcessor requestProcessor) {
        this.dataSource = database;
        this.processor = requestProcessor;
        if (settings.workers() == 0 || scheduler != null) {
            return;
        }
        scheduler = Scheduler.create(database, task)
                .startTasks(sweeper)
                .jdbcCustomization(jdbc(database))
                .threads(settings.workers())
                .pollingInterval(settings.pollInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                // the grace period, then time for cancelled jobs to hand themselves back
                .shutdownMaxWait(settings.shutdownGrace().plusSeconds(30))
                .enableImmediateExecution()
                .build();
        scheduler.start();
        LOG.info("job queue started: {} worker(s), lease {} s", settings.workers(), settings.leaseTimeout().toSeconds());
    }

    /**
     * Publishes job metrics on {@code registry}: {@code lipsync_job_duration} (timer, tagged
     * with the outcome: completed, failed, skipped, handed_back, error) and
     * {@code lipsync_jobs_running} (gauge). Call before {@link #start}.
     */
    public void bindMetrics(MeterRegistry registry) {
        this.meters = registry;
        Gauge.builder("lipsync_jobs_running", running, Map::size)
                .description("lip-sync jobs running in this process")
                .register(registry);
    }

    /** Jobs running in this process now. */
    public int runningCount() {
        return running.size();
    }

    /**
     * Stops claiming jobs, lets running ones finish within the grace period, then cancels the
     * rest, which hand their requests back. Returns when all are done or handed back.
     */
    public synchronized void stop() {
        Scheduler s = scheduler;
        if (s == null) {
            return;
        }
        scheduler = null;
        Thread canceller = Thread.ofPlatform().daemon().name("lipsync-shutdown-canceller").start(() -> {
            try {
                Thread.sleep(settings.shutdownGrace().toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (!running.isEmpty()) {
                LOG.info("shutdown: cancelling {} running job(s) to hand them back", running.size());
                running.values().forEach(Cancellation::cancel);
            }
        });
        s.stop();
        canceller.interrupt();
    }

    @Override
    public void close() {
        stop();
    }

    private void runJob(String instanceId) {
        Cancellation cancel = new Cancellation();
        running.put(instanceId, cancel);
        long start = System.nanoTime();
        String outcomeTag = "error";
        try {
            RequestProcessor.Outcome outcome = processor.process(UUID.fromString(instanceId), cancel);
            outcomeTag = outcome.name().toLowerCase(java.util.Locale.ROOT);
            if (outcome == RequestProcessor.Outcome.HANDED_BACK) {
                throw new HandBack();
            }
        } catch (HandBack e) {
            throw e;
        } catch (Exception e) {
            throw new JobError(e);
        } finally {
            running.remove(instanceId);
            Timer.builder("lipsync_job_duration")
                    .description("lip-sync jobs by outcome, from claim to result")
                    .tag("outcome", outcomeTag)
                    .register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void onFailure(ExecutionComplete complete, ExecutionOperations<Void> ops) {
        Throwable cause = complete.getCause().orElse(null);
        Instant now = Instant.now();
        if (cause instanceof HandBack) {
            ops.reschedule(complete, now); // due at once, for whichever instance is still up
            return;
        }
        String id = complete.getExecution().taskInstance.getId();
        try {
            Throwable real = cause instanceof JobError ? cause.getCause() : cause;
            if (processor.afterUnexpectedError(UUID.fromString(id), real)) {
                ops.reschedule(complete, now.plus(settings.retryDelay()));
            } else {
                ops.remove();
            }
        } catch (Exception e) {
            LOG.error("request {}: could not record a failure, retrying later", id, e);
            ops.reschedule(complete, now.plus(settings.retryDelay()));
        }
    }

    /** Enqueues queued or processing requests that have no job (a safety net; normally none). */
    int sweep() {
        List<UUID> orphans = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT r.id FROM lipsync_requests r "
                     + "WHERE r.status IN ('queued', 'processing') AND NOT EXISTS (SELECT 1 FROM scheduled_tasks t "
                     + "WHERE t.task_name = ? AND t.task_instance = CAST(r.id AS VARCHAR(100))) "
                     + "ORDER BY r.created_at LIMIT " + SWEEP_BATCH)) {
            ps.setString(1, TASK_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orphans.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            LOG.warn("sweep failed", e);
            return 0;
        }
        SchedulerClient client = SchedulerClient.Builder.create(dataSource, task)
                .jdbcCustomization(jdbc(dataSource)).build();
        int scheduled = 0;
        for (UUID id : orphans) {
            if (client.scheduleIfNotExists(task.instance(id.toString()), Instant.now())) {
                scheduled++;
            }
        }
        if (scheduled > 0) {
            LOG.info("sweep: enqueued {} request(s) that had no job", scheduled);
        }
        return scheduled;
    }

    /** Thrown by a job that was cancelled for shutdown and put its request back. */
    private static final class HandBack extends RuntimeException {
        HandBack() {
            super("handed back for shutdown", null, false, false);
        }
    }

    /** Carries an unexpected error out of db-scheduler's handler signature. */
    private static final class JobError extends RuntimeException {
        JobError(Throwable cause) {
            super(cause);
        }
    }
}
