package io.jenkins.plugins.vertexai.core.resource;

import com.google.cloud.aiplatform.v1.PersistentResourceServiceClient;
import io.jenkins.plugins.vertexai.core.async.AsyncRetry;
import io.jenkins.plugins.vertexai.core.async.Cancellation;
import io.jenkins.plugins.vertexai.core.async.RequestBudgets;
import io.jenkins.plugins.vertexai.core.async.RetryPolicy;
import io.jenkins.plugins.vertexai.core.async.WatchSettings;
import io.jenkins.plugins.vertexai.core.async.WatchStats;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/** The engine's {@link PersistentResourceWatcher}s: one per (client, i.e. connection; parent as the caller gave it). */
public final class PersistentResourceWatchers {
    private record Key(PersistentResourceServiceClient client, String parent) {
    }

    private final ScheduledExecutorService scheduler;
    private final RetryPolicy retryPolicy;
    private final RequestBudgets budgets;
    private final WatchSettings settings;
    private final WatchStats stats;
    private final Map<Key, PersistentResourceWatcher> watchers = new ConcurrentHashMap<>();

    public PersistentResourceWatchers(ScheduledExecutorService scheduler, RetryPolicy retryPolicy, RequestBudgets budgets,
                                      WatchSettings settings, WatchStats stats) {
        this.scheduler = scheduler;
        this.retryPolicy = retryPolicy;
        this.budgets = budgets;
        this.settings = settings;
        this.stats = stats;
    }

    PersistentResourceWatcher forParent(PersistentResourceServiceClient client, String parent) {
        return watchers.computeIfAbsent(new Key(client, parent), k -> new PersistentResourceWatcher(
                new PersistentResourceRpc(client, new AsyncRetry(scheduler, retryPolicy.forPolls(settings.interval(), RetryPolicy.POLL_OUTAGE),
                        null, new Cancellation()).withBudgets(budgets)), scheduler, parent, settings, stats));
    }
}
