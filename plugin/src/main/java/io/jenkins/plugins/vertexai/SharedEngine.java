package io.jenkins.plugins.vertexai;

import hudson.init.Terminator;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.async.WatchSettings;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.job.PipelineRunner;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceManager;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The plugin's one {@link VertexEngine}: its scheduler re-arms every wait of every build, its client cache
 * gives each (endpoint, credentials) one gRPC channel, its watchers follow all waiting runs of a region with one list
 * call per interval, and every call keeps within the configured request budget per project and region. Created on first use, closed when Jenkins shuts down.
 */
@Restricted(NoExternalUse.class)
public final class SharedEngine {
    private static final Logger LOGGER = Logger.getLogger(SharedEngine.class.getName());

    private static VertexEngine engine;

    private SharedEngine() {
    }

    static synchronized VertexEngine get() {
        int budget = VertexAiGlobalConfiguration.get().effectiveRequestsPerMinute();
        if (engine == null) {
            engine = new VertexEngine(WatchSettings.DEFAULT.withRequestsPerMinute(budget));
        } else {
            engine.budgets().setPerMinute(budget); // the global configuration may have changed
        }
        return engine;
    }

    static PersistentResourceManager resources(VertexEngine e, VertexConnection connection) {
        return e.persistentResources(connection);
    }

    static PipelineRunner pipelines(VertexEngine e, VertexConnection connection) {
        return e.pipelines(connection);
    }

    /**
     * True once {@code e} has been closed, i.e. Jenkins is going down: a wait that fails then (its channel closed
     * under it) must not fail the step, which resumes and re-attaches after the restart.
     */
    static synchronized boolean isClosed(VertexEngine e) {
        return e != engine;
    }

    /** A polling policy with the configured cap on the poll interval. */
    static PollingPolicy capped(PollingPolicy policy) {
        return policy.withMaxInterval(VertexAiGlobalConfiguration.get().maxPollInterval());
    }

    @Terminator
    public static void shutdown() {
        VertexEngine toClose;
        synchronized (SharedEngine.class) {
            toClose = engine;
            engine = null;
        }
        if (toClose != null) {
            try {
                toClose.close();
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "closing the Vertex AI engine", e);
            }
        }
    }
}
