package io.jenkins.plugins.vertexai.core;

import io.jenkins.plugins.vertexai.core.async.Chains;
import io.jenkins.plugins.vertexai.core.async.RequestBudgets;
import io.jenkins.plugins.vertexai.core.async.RetryPolicy;
import io.jenkins.plugins.vertexai.core.async.WatchSettings;
import io.jenkins.plugins.vertexai.core.async.WatchStats;
import io.jenkins.plugins.vertexai.core.client.VertexClients;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.job.PipelineJobWatchers;
import io.jenkins.plugins.vertexai.core.job.PipelineRunner;
import io.jenkins.plugins.vertexai.core.logs.TaskLogService;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceManager;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceWatchers;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's shared machinery: one small scheduler on which every wait re-arms itself, a small executor for
 * gRPC callbacks, and the cache of official clients. One per JVM (the Jenkins plugin) or per process (the CLI);
 * {@link #close()} releases everything.
 */
public final class VertexEngine implements AutoCloseable {
    private final ScheduledExecutorService scheduler;
    private final ExecutorService callbacks;
    private final VertexClients clients;
    private final RetryPolicy retryPolicy;
    private final Chains chains = new Chains();
    private final java.util.Map<VertexConnection, TaskLogService> taskLogs = new java.util.concurrent.ConcurrentHashMap<>();
    private final WatchSettings watchSettings;
    private final RequestBudgets budgets;
    private final WatchStats watchStats = new WatchStats();
    private final PipelineJobWatchers pipelineWatchers;
    private final PersistentResourceWatchers resourceWatchers;

    public VertexEngine() {
        this(RetryPolicy.DEFAULT);
    }

    public VertexEngine(RetryPolicy retryPolicy) {
        this(retryPolicy, WatchSettings.DEFAULT);
    }

    public VertexEngine(WatchSettings watchSettings) {
        this(RetryPolicy.DEFAULT, watchSettings);
    }

    /**
     * @param watchSettings the regional watchers' interval and safety net, and the request budget of each
     *                      (project, region) that every call of this engine keeps within
     */
    public VertexEngine(RetryPolicy retryPolicy, WatchSettings watchSettings) {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, daemon("vertex-ai-scheduler"));
        s.setRemoveOnCancelPolicy(true); // cancelled polls must not pile up in the queue
        this.scheduler = s;
        this.callbacks = Executors.newFixedThreadPool(2, daemon("vertex-ai-grpc"));
        this.clients = new VertexClients(scheduler, callbacks);
        this.retryPolicy = retryPolicy;
        this.watchSettings = watchSettings;
        this.budgets = new RequestBudgets(scheduler, watchSettings.requestsPerMinute());
        this.pipelineWatchers = new PipelineJobWatchers(scheduler, retryPolicy, budgets, watchSettings, watchStats);
        this.resourceWatchers = new PersistentResourceWatchers(scheduler, retryPolicy, budgets, watchSettings, watchStats);
    }

    /** The request budgets, one per (project, region); {@link RequestBudgets#setPerMinute} changes them live. */
    public RequestBudgets budgets() {
        return budgets;
    }

    public WatchSettings watchSettings() {
        return watchSettings;
    }

    /** Pipeline-job waits the watchers follow now. */
    public int watchedPipelineJobs() {
        return pipelineWatchers.watching();
    }

    /** What the watchers have asked for so far. */
    public WatchStats watchStats() {
        return watchStats;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public VertexClients clients() {
        return clients;
    }

    /** The operations in flight. */
    public Chains chains() {
        return chains;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public PersistentResourceManager persistentResources(VertexConnection connection) {
        return new PersistentResourceManager(clients.persistentResources(connection), scheduler, retryPolicy, chains, budgets,
                resourceWatchers);
    }

    public PipelineRunner pipelines(VertexConnection connection) {
        // The job client (for where tasks ran) is made here, on the caller's thread, never in a gRPC callback.
        var jobs = clients.jobs(connection);
        return new PipelineRunner(clients.pipelines(connection), scheduler, retryPolicy, chains, () -> jobs, budgets,
                pipelineWatchers, taskLogs(connection));
    }

    /** Task logs read from {@code connection}'s Cloud Logging endpoint, shared by every run on it. */
    public TaskLogService taskLogs(VertexConnection connection) {
        return taskLogs.computeIfAbsent(connection.forLogging(), c -> new TaskLogService(() -> clients.logging(c), scheduler, retryPolicy));
    }

    @Override
    public void close() {
        // First end what is in flight, so no caller waits on a future the stopped scheduler would never complete.
        chains.close(new VertexException("the Vertex AI engine was shut down; the remote work goes on and can be attached to again"));
        clients.close();
        scheduler.shutdownNow();
        callbacks.shutdown();
        try {
            callbacks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
