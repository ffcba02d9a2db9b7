package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineServiceClient;
import io.jenkins.plugins.vertexai.core.async.AsyncRetry;
import io.jenkins.plugins.vertexai.core.async.Cancellation;
import io.jenkins.plugins.vertexai.core.async.RequestBudgets;
import io.jenkins.plugins.vertexai.core.async.RetryPolicy;
import io.jenkins.plugins.vertexai.core.async.WatchSettings;
import io.jenkins.plugins.vertexai.core.async.WatchStats;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The engine's {@link PipelineJobWatcher}s: one per (client, parent). A client stands for one connection (endpoint
 * and credentials, see {@code VertexClients}); the parent {@code projects/P/locations/L} is the one the caller gave.
 */
public final class PipelineJobWatchers {
    private record Key(PipelineServiceClient client, String parent) {
    }

    private final ScheduledExecutorService scheduler;
    private final RetryPolicy retryPolicy;
    private final RequestBudgets budgets;
    private final WatchSettings settings;
    private final WatchStats stats;
    private final Map<Key, PipelineJobWatcher> watchers = new ConcurrentHashMap<>();

    public PipelineJobWatchers(ScheduledExecutorService scheduler, RetryPolicy retryPolicy, RequestBudgets budgets,
                               WatchSettings settings, WatchStats stats) {
        this.scheduler = scheduler;
        this.retryPolicy = retryPolicy;
        this.budgets = budgets;
        this.settings = settings;
        this.stats = stats;
    }

    PipelineJobWatcher forParent(PipelineServiceClient client, String parent) {
        return watchers.computeIfAbsent(new Key(client, parent), k -> {
            // A wait's reads: retried no later than the next interval, through an outage of up to 15 minutes.
            AsyncRetry retry = new AsyncRetry(scheduler, retryPolicy.forPolls(settings.interval(), RetryPolicy.POLL_OUTAGE),
                    null, new Cancellation()).withBudgets(budgets);
            return new PipelineJobWatcher(new PipelineJobRpc(client, retry), scheduler, parent, settings, stats);
        });
    }

    /** Waits in flight over all watchers (for tests and the bench). */
    public int watching() {
        return watchers.values().stream().mapToInt(PipelineJobWatcher::size).sum();
    }

    public WatchSettings settings() {
        return settings;
    }
}
