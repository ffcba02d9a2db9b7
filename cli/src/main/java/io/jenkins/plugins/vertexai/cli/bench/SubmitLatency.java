package io.jenkins.plugins.vertexai.cli.bench;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineServiceClient;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.client.VertexClients;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.job.PipelineRunner;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Submission latency, one at a time: core's cached client against a client built for each call (a new
 * {@link VertexClients}, so a new channel and connection, sharing the engine's scheduler and a callback pool like
 * the engine's; built, used and closed within the measured time, as a per-call client would be). The two kinds
 * alternate, after a warm-up of both, so that JIT compilation and emulator load affect them alike.
 */
final class SubmitLatency {
    private static final int WARM_UP = 50;

    record Result(double cachedP50Ms, double freshP50Ms) {
        String line() {
            return String.format(Locale.ROOT, "submit_p50_ms_cached=%.2f submit_p50_ms_fresh=%.2f ratio=%.1f",
                    cachedP50Ms, freshP50Ms, freshP50Ms / cachedP50Ms);
        }
    }

    private SubmitLatency() {
    }

    static Result measure(VertexEngine engine, VertexConnection connection, String parent, PipelineJob job, int samples)
            throws InterruptedException {
        PipelineRunner cached = engine.pipelines(connection);
        ExecutorService callbacks = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-fresh-client-callbacks");
            t.setDaemon(true);
            return t;
        });
        double[] cachedMs = new double[samples];
        double[] freshMs = new double[samples];
        try {
            for (int i = -WARM_UP; i < samples; i++) {
                String suffix = i < 0 ? "w" + (-i) : Integer.toString(i);
                long t0 = System.nanoTime();
                cached.submit(parent, "bench-submit-cached-" + suffix, job, ProgressListener.NONE).join();
                long t1 = System.nanoTime();
                PipelineServiceClient client;
                try (VertexClients fresh = new VertexClients(engine.scheduler(), callbacks)) {
                    client = fresh.pipelines(connection);
                    new PipelineRunner(client, engine.scheduler(), engine.retryPolicy())
                            .submit(parent, "bench-submit-fresh-" + suffix, job, ProgressListener.NONE).join();
                }
                long t2 = System.nanoTime();
                // Not timed: let the closed client's channel finish shutting down, so that its teardown does not
                // run into the next cached sample.
                client.awaitTermination(2, TimeUnit.SECONDS);
                if (i >= 0) {
                    cachedMs[i] = (t1 - t0) / 1e6;
                    freshMs[i] = (t2 - t1) / 1e6;
                }
            }
        } finally {
            callbacks.shutdown();
        }
        return new Result(Stats.percentile(cachedMs, 50), Stats.percentile(freshMs, 50));
    }
}
