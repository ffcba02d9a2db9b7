package io.jenkins.plugins.vertexai.core.client;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.FixedExecutorProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.ClientSettings;
import com.google.cloud.aiplatform.v1.PersistentResourceServiceClient;
import com.google.cloud.aiplatform.v1.PersistentResourceServiceSettings;
import com.google.cloud.aiplatform.v1beta1.JobServiceClient;
import com.google.cloud.aiplatform.v1beta1.JobServiceSettings;
import com.google.cloud.aiplatform.v1beta1.PipelineServiceClient;
import com.google.cloud.aiplatform.v1beta1.PipelineServiceSettings;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One official client per (service, connection), created on first use and reused: a fresh client costs a
 * channel and hundreds of milliseconds on its first call. All clients share the engine's scheduler and a small
 * callback executor, so each adds no thread of its own.
 */
public final class VertexClients implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(VertexClients.class.getName());

    private final ScheduledExecutorService scheduler;
    private final Executor callbackExecutor;
    private final Map<VertexConnection, PersistentResourceServiceClient> resourceClients = new ConcurrentHashMap<>();
    private final Map<VertexConnection, PipelineServiceClient> pipelineClients = new ConcurrentHashMap<>();
    private final Map<VertexConnection, JobServiceClient> jobClients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public VertexClients(ScheduledExecutorService scheduler, Executor callbackExecutor) {
        this.scheduler = scheduler;
        this.callbackExecutor = callbackExecutor;
    }

    public PersistentResourceServiceClient persistentResources(VertexConnection connection) {
        checkOpen();
        return resourceClients.computeIfAbsent(connection, c -> {
            checkOpen(); // close() may have run since the check above
            PersistentResourceServiceSettings.Builder b = PersistentResourceServiceSettings.newBuilder();
            configure(b, c);
            try {
                return PersistentResourceServiceClient.create(b.build());
            } catch (IOException e) {
                throw new UncheckedIOException(VertexConnection.clientFailure(c, e), e);
            }
        });
    }

    /** The v1beta1 pipeline client: only v1beta1 has {@code default_runtime} (persistent resources). */
    public PipelineServiceClient pipelines(VertexConnection connection) {
        checkOpen();
        return pipelineClients.computeIfAbsent(connection, c -> {
            checkOpen();
            PipelineServiceSettings.Builder b = PipelineServiceSettings.newBuilder();
            configure(b, c);
            try {
                return PipelineServiceClient.create(b.build());
            } catch (IOException e) {
                throw new UncheckedIOException(VertexConnection.clientFailure(c, e), e);
            }
        });
    }

    /**
     * The v1beta1 job client, for the CustomJobs that pipeline tasks run in (where each ran): the same API version as
     * the pipeline client whose task details name them.
     */
    public JobServiceClient jobs(VertexConnection connection) {
        checkOpen();
        return jobClients.computeIfAbsent(connection, c -> {
            checkOpen();
            JobServiceSettings.Builder b = JobServiceSettings.newBuilder();
            configure(b, c);
            try {
                return JobServiceClient.create(b.build());
            } catch (IOException e) {
                throw new UncheckedIOException("could not create the Vertex AI job client for " + c.describe(), e);
            }
        });
    }

    /** Number of live clients (for tests and benchmarks). */
    public int size() {
        return resourceClients.size() + pipelineClients.size() + jobClients.size();
    }

    private void configure(ClientSettings.Builder<?, ?> b, VertexConnection c) {
        InstantiatingGrpcChannelProvider.Builder channel = InstantiatingGrpcChannelProvider.newBuilder()
                .setEndpoint(c.endpoint())
                .setMaxInboundMessageSize(Integer.MAX_VALUE)
                .setExecutor(callbackExecutor);
        CredentialsProvider credentials;
        if (c.plaintext()) {
            channel.setChannelConfigurator(ManagedChannelBuilder::usePlaintext);
            credentials = NoCredentialsProvider.create();
        } else if (c.emulatorTrust() != null) {
            EmulatorTls tls = new EmulatorTls(c.emulatorTrust());
            channel.setChannelConfigurator(tls::configure);
            credentials = FixedCredentialsProvider.create(tls.credentials(c.credentials()));
        } else {
            credentials = credentials(c);
        }
        b.setEndpoint(c.endpoint())
                .setTransportChannelProvider(channel.build())
                .setCredentialsProvider(credentials)
                .setBackgroundExecutorProvider(FixedExecutorProvider.create(scheduler));
    }

    private static CredentialsProvider credentials(VertexConnection c) {
        if (c.credentials() != null) {
            return FixedCredentialsProvider.create(c.credentials());
        }
        return PersistentResourceServiceSettings.defaultCredentialsProviderBuilder().build();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the Vertex AI engine is shut down");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        List<AutoCloseable> all = new ArrayList<>(resourceClients.values());
        all.addAll(pipelineClients.values());
        all.addAll(jobClients.values());
        resourceClients.clear();
        pipelineClients.clear();
        jobClients.clear();
        for (AutoCloseable client : all) {
            try {
                client.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a Vertex AI client", e);
            }
        }
    }
}
