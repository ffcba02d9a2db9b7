package io.jenkins.plugins.vertexai.core.resource;

import com.google.cloud.aiplatform.v1.PersistentResourceServiceClient;
import io.jenkins.plugins.vertexai.core.async.RequestBudgets;
import io.jenkins.plugins.vertexai.core.async.RetryPolicy;
import io.jenkins.plugins.vertexai.core.async.WatchSettings;
import io.jenkins.plugins.vertexai.core.async.WatchStats;
import io.jenkins.plugins.vertexai.core.async.Watchers;
import java.util.concurrent.ScheduledExecutorService;

/** The engine's {@link PersistentResourceWatcher}s: one per (client, parent as the caller gave it). */
public final class PersistentResourceWatchers {
    private final Watchers<PersistentResourceServiceClient, PersistentResourceWatcher> watchers;

    public PersistentResourceWatchers(ScheduledExecutorService scheduler, RetryPolicy retryPolicy, RequestBudgets budgets,
                                      WatchSettings settings, WatchStats stats) {
        this.watchers = new Watchers<>(scheduler, retryPolicy, budgets, settings,
                (client, parent, reads) -> new PersistentResourceWatcher(new PersistentResourceRpc(client, reads), scheduler, parent,
                        settings, stats));
    }

    PersistentResourceWatcher forParent(PersistentResourceServiceClient client, String parent) {
        return watchers.forParent(client, parent);
    }
}
