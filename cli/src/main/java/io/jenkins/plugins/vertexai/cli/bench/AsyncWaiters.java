package io.jenkins.plugins.vertexai.cli.bench;

import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.job.PipelineJobName;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import io.jenkins.plugins.vertexai.core.job.PipelineRunner;
import io.jenkins.plugins.vertexai.core.job.PipelineWaitOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Core's asynchronous waiter: one {@link PipelineRunner#await} future per run, no thread per run. */
final class AsyncWaiters extends Waiters {
    private final PipelineRunner runner;
    private final PipelineWaitOptions options;
    private final List<CompletableFuture<PipelineRunResult>> futures = new ArrayList<>();

    AsyncWaiters(List<String> jobNames, PipelineRunner runner, PipelineWaitOptions options) {
        super(jobNames);
        this.runner = runner;
        this.options = options;
    }

    @Override
    void start() {
        for (int i = 0; i < size(); i++) {
            int run = i;
            PipelineJobName name = PipelineJobName.parse("name", jobNames.get(i));
            startNanos[i] = System.nanoTime();
            futures.add(runner.await(name, options, ProgressListener.NONE).whenComplete((r, t) -> {
                if (t == null) {
                    finished(run, r.succeeded(), r.succeeded() ? null : "ended " + r.outcome());
                } else if (!(Futures.unwrap(t) instanceof java.util.concurrent.CancellationException)) {
                    finished(run, false, String.valueOf(Futures.unwrap(t)));
                }
            }));
        }
    }

    @Override
    void stop() {
        futures.forEach(f -> f.cancel(true)); // stops the polling of any wait still in flight
        futures.clear();
    }
}
