package io.jenkins.plugins.vertexai.core.logs;

import com.google.cloud.logging.v2.LoggingClient;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.async.AsyncRetry;
import io.jenkins.plugins.vertexai.core.async.RequestBudget;
import io.jenkins.plugins.vertexai.core.async.RetryPolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Task logs from one Cloud Logging endpoint (an engine has one per connection): a shared {@link ProjectLogReader} per
 * project for the runs that stream all lines, and a {@link TaskLogFollower} per run.
 */
public final class TaskLogService {
    private final Supplier<LoggingClient> client;
    private final ScheduledExecutorService scheduler;
    private final RetryPolicy retryPolicy;
    private final Map<String, ProjectLogReader> readers = new ConcurrentHashMap<>();
    private final Map<String, RequestBudget> budgets = new ConcurrentHashMap<>();
    private final int readsPerMinute;

    /** Cloud Logging's documented read quota: one entries.list call per second per project. */
    public static final int READS_PER_MINUTE = 60;

    /** Within Cloud Logging's read quota, {@link #READS_PER_MINUTE} per project (pages and retries included). */
    public TaskLogService(Supplier<LoggingClient> client, ScheduledExecutorService scheduler, RetryPolicy retryPolicy) {
        this(client, scheduler, retryPolicy, READS_PER_MINUTE);
    }

    /** @param readsPerMinute ListLogEntries calls per minute and project at most (0 or less: unlimited) */
    public TaskLogService(Supplier<LoggingClient> client, ScheduledExecutorService scheduler, RetryPolicy retryPolicy,
                          int readsPerMinute) {
        this.client = client;
        this.scheduler = scheduler;
        this.retryPolicy = retryPolicy;
        this.readsPerMinute = readsPerMinute;
    }

    /**
     * The follower of one run's task logs, or null for {@link TaskLogMode#NONE}.
     *
     * @param retry     the run's retries (its cancellation chain), for the reads of its failed tasks' last lines
     * @param budgetKey {@code projects/P/locations/L} of the run
     */
    public TaskLogFollower follower(AsyncRetry retry, ProgressReporter reporter, String project, String budgetKey,
                                    TaskLogOptions options) {
        if (options == null || options.mode() == TaskLogMode.NONE) {
            return null;
        }
        ProjectLogReader reader = options.mode() == TaskLogMode.ALL ? reader(project) : null;
        return new TaskLogFollower(new LogEntryRpc(client, retry, budgetKey, budget(project)), reader, reporter, project, options);
    }

    /** Queries sent by the shared readers so far (streaming only; for tests and the bench). */
    public long sharedQueries() {
        return readers.values().stream().mapToLong(ProjectLogReader::queries).sum();
    }

    private ProjectLogReader reader(String project) {
        return readers.computeIfAbsent(project, p -> new ProjectLogReader(
                new LogEntryRpc(client, new AsyncRetry(scheduler, retryPolicy, null), "projects/" + p, budget(p)), scheduler, p));
    }

    /**
     * The project's read budget: the engine's token bucket, at Cloud Logging's rate. Not the Vertex AI budget of the
     * run's (project, region): Cloud Logging's quota is its own, per project.
     */
    private RequestBudget budget(String project) {
        return budgets.computeIfAbsent(project, p -> new RequestBudget(scheduler, readsPerMinute));
    }
}
