package io.jenkins.plugins.vertexai.core.async;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One watcher per (client, parent): a client stands for one connection (endpoint and credentials, see
 * {@code VertexClients}); the parent {@code projects/P/locations/L} is the one the caller gave. Each watcher reads
 * through a retry of its own, on the shared scheduler and within the request budgets.
 *
 * @param <C> the client type
 * @param <W> the watcher type
 */
public final class Watchers<C, W> {
    /** Makes the watcher of one (client, parent), given the retry its reads go through. */
    @FunctionalInterface
    public interface Factory<C, W> {
        W create(C client, String parent, AsyncRetry reads);
    }

    private record Key(Object client, String parent) {
    }

    private final ScheduledExecutorService scheduler;
    private final RetryPolicy retryPolicy;
    private final RequestBudgets budgets;
    private final WatchSettings settings;
    private final Factory<C, W> factory;
    private final Map<Key, W> watchers = new ConcurrentHashMap<>();

    public Watchers(ScheduledExecutorService scheduler, RetryPolicy retryPolicy, RequestBudgets budgets, WatchSettings settings,
                    Factory<C, W> factory) {
        this.scheduler = scheduler;
        this.retryPolicy = retryPolicy;
        this.budgets = budgets;
        this.settings = settings;
        this.factory = factory;
    }

    public W forParent(C client, String parent) {
        return watchers.computeIfAbsent(new Key(client, parent), k -> {
            // A wait's reads: retried no later than the next interval, through an outage of up to 15 minutes.
            AsyncRetry reads = new AsyncRetry(scheduler, retryPolicy.forPolls(settings.interval(), RetryPolicy.POLL_OUTAGE),
                    null, new Cancellation()).withBudgets(budgets);
            return factory.create(client, parent, reads);
        });
    }

    public Collection<W> all() {
        return watchers.values();
    }

    public WatchSettings settings() {
        return settings;
    }
}
