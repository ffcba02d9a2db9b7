package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineServiceClient;
import io.jenkins.plugins.vertexai.core.async.RequestBudgets;
import io.jenkins.plugins.vertexai.core.async.RetryPolicy;
import io.jenkins.plugins.vertexai.core.async.WatchSettings;
import io.jenkins.plugins.vertexai.core.async.WatchStats;
import io.jenkins.plugins.vertexai.core.async.Watchers;
import java.util.concurrent.ScheduledExecutorService;

/** The engine's {@link PipelineJobWatcher}s: one per (client, parent as the caller gave it). */
public final class PipelineJobWatchers {
    private final Watchers<PipelineServiceClient, PipelineJobWatcher> watchers;

    public PipelineJobWatchers(ScheduledExecutorService scheduler, RetryPolicy retryPolicy, RequestBudgets budgets,
                               WatchSettings settings, WatchStats stats) {
        this.watchers = new Watchers<>(scheduler, retryPolicy, budgets, settings,
                (client, parent, reads) -> new PipelineJobWatcher(new PipelineJobRpc(client, reads), scheduler, parent, settings, stats));
    }

    PipelineJobWatcher forParent(PipelineServiceClient client, String parent) {
        return watchers.forParent(client, parent);
    }

    /** Waits in flight over all watchers (for tests and the bench). */
    public int watching() {
        return watchers.all().stream().mapToInt(PipelineJobWatcher::size).sum();
    }

    public WatchSettings settings() {
        return watchers.settings();
    }
}
