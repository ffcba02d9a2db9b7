package io.jenkins.plugins.vertexai.cli.bench;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.aiplatform.v1beta1.PipelineServiceClient;
import com.google.cloud.aiplatform.v1beta1.PipelineServiceSettings;
import io.grpc.ManagedChannelBuilder;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.job.PipelineRunner;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Submission latency, one submission at a time, through core's {@link PipelineRunner#submit}: with the engine's
 * cached client, and with a client built for each call the way a per-call implementation builds one: the
 * library's default settings (its own executor, channel and connection), built, used and closed within the
 * measured time.
 *
 * <p>After a warm-up of both, the two kinds run in alternating blocks of {@value #BLOCK}: each block is a steady
 * state of one strategy (a cached call right after a fresh client's setup and teardown is slowed by it), and
 * alternating the blocks spreads JIT compilation and machine load over both alike.
 */
final class SubmitLatency {
    private static final int WARM_UP = 50;
    static final int BLOCK = 20;

    /** The p50s; {@code fresh*} break the fresh submission down (for --verbose). */
    record Result(double cachedP50Ms, double freshP50Ms, double freshBuildP50Ms, double freshCallP50Ms, double freshCloseP50Ms) {
        String line() {
            return String.format(Locale.ROOT, "submit_p50_ms_cached=%.2f submit_p50_ms_fresh=%.2f ratio=%.1f",
                    cachedP50Ms, freshP50Ms, freshP50Ms / cachedP50Ms);
        }

        String breakdown() {
            return String.format(Locale.ROOT, "submit: fresh client p50s: build %.2f ms, submit on it (connects) %.2f ms,"
                    + " close %.2f ms", freshBuildP50Ms, freshCallP50Ms, freshCloseP50Ms);
        }
    }

    private final VertexEngine engine;
    private final VertexConnection connection;
    private final String parent;
    private final PipelineJob job;
    private final PipelineRunner cached;
    private int sequence;
    private final double[] lastFresh = new double[3];

    private SubmitLatency(VertexEngine engine, VertexConnection connection, String parent, PipelineJob job) {
        this.engine = engine;
        this.connection = connection;
        this.parent = parent;
        this.job = job;
        this.cached = engine.pipelines(connection);
    }

    static Result measure(VertexEngine engine, VertexConnection connection, String parent, PipelineJob job, int samples)
            throws InterruptedException, IOException {
        SubmitLatency s = new SubmitLatency(engine, connection, parent, job);
        {
            for (int i = 0; i < WARM_UP; i++) {
                s.cachedOnce();
                s.freshOnce();
            }
            double[] cachedMs = new double[samples];
            double[] freshMs = new double[samples];
            double[][] parts = new double[3][samples];
            for (int from = 0; from < samples; from += BLOCK) {
                int to = Math.min(samples, from + BLOCK);
                for (int i = from; i < to; i++) {
                    cachedMs[i] = s.cachedOnce();
                }
                for (int i = from; i < to; i++) {
                    freshMs[i] = s.freshOnce();
                    for (int p = 0; p < 3; p++) {
                        parts[p][i] = s.lastFresh[p];
                    }
                }
            }
            return new Result(Stats.percentile(cachedMs, 50), Stats.percentile(freshMs, 50), Stats.percentile(parts[0], 50),
                    Stats.percentile(parts[1], 50), Stats.percentile(parts[2], 50));
        }
    }

    private double cachedOnce() {
        long t0 = System.nanoTime();
        cached.submit(parent, "bench-submit-cached-" + sequence++, job, ProgressListener.NONE).join();
        return (System.nanoTime() - t0) / 1e6;
    }

    private PipelineServiceSettings defaultSettings() throws IOException {
        return PipelineServiceSettings.newBuilder().setEndpoint(connection.endpoint())
                .setCredentialsProvider(NoCredentialsProvider.create())
                .setTransportChannelProvider(PipelineServiceSettings.defaultGrpcTransportProviderBuilder()
                        .setChannelConfigurator(ManagedChannelBuilder::usePlaintext).build())
                .build();
    }

    private double freshOnce() throws InterruptedException, IOException {
        long t0 = System.nanoTime();
        long t1;
        long t2;
        PipelineServiceClient client;
        // What a client per call is in practice: built with the library's defaults (its own executor and
        // channel), used once and closed; the cached path is the engine's shared client.
        try (PipelineServiceClient fresh = PipelineServiceClient.create(defaultSettings())) {
            client = fresh;
            t1 = System.nanoTime();
            new PipelineRunner(client, engine.scheduler(), engine.retryPolicy())
                    .submit(parent, "bench-submit-fresh-" + sequence++, job, ProgressListener.NONE).join();
            t2 = System.nanoTime();
        }
        long t3 = System.nanoTime();
        lastFresh[0] = (t1 - t0) / 1e6;
        lastFresh[1] = (t2 - t1) / 1e6;
        lastFresh[2] = (t3 - t2) / 1e6;
        // Not timed: let the closed client's channel finish shutting down before the next sample.
        client.awaitTermination(2, TimeUnit.SECONDS);
        return (t3 - t0) / 1e6;
    }
}
