package io.jenkins.plugins.vertexai.core.logs;

import com.google.cloud.logging.v2.LoggingClient;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.async.AsyncRetry;
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
    private final Map<String, LogReadBudget> budgets = new ConcurrentHashMap<>();
    private final int readsPerMinute;

    /** With Cloud Logging's documented read quota, 60 calls per minute per project. */
    public TaskLogService(Supplier<LoggingClient> client, ScheduledExecutorService scheduler, RetryPolicy retryPolicy) {
        this(client, scheduler, retryPolicy, LogReadBudget.DEFAULT_PER_MINUTE);
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

    private LogReadBudget budget(String project) {
        return budgets.computeIfAbsent(project, p -> new LogReadBudget(scheduler, readsPerMinute));
    }
}
