package io.jenkins.plugins.vertexai.cli.bench;

import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.aiplatform.v1beta1.GetPipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineServiceClient;
import com.google.cloud.aiplatform.v1beta1.PipelineState;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The naive way, for comparison: one platform thread per run that blocks on a get, then sleeps one poll interval
 * (what a {@code SynchronousNonBlockingStepExecution} with a polling loop does). Same client, same poll interval, the
 * same per-call deadline as core. A transient error (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED) is simply
 * followed by the next poll, the least such a loop must do to survive faults.
 */
final class BlockingWaiters extends Waiters {
    /** Small stacks, so that a thousand of them fit comfortably. */
    static final long STACK_SIZE = 256 * 1024;

    private final PipelineServiceClient client;
    private final Duration interval;
    private final GrpcCallContext context;
    private final List<Thread> threads = new ArrayList<>();

    BlockingWaiters(List<String> jobNames, PipelineServiceClient client, Duration interval, Duration rpcTimeout) {
        super(jobNames);
        this.client = client;
        this.interval = interval;
        this.context = GrpcCallContext.createDefault().withTimeoutDuration(rpcTimeout);
    }

    @Override
    void start() {
        for (int i = 0; i < size(); i++) {
            int run = i;
            Thread t = new Thread(null, () -> poll(run), "bench-blocking-waiter-" + i, STACK_SIZE);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    private void poll(int i) {
        GetPipelineJobRequest request = GetPipelineJobRequest.newBuilder().setName(jobNames.get(i)).build();
        startNanos[i] = System.nanoTime();
        try {
            while (true) {
                try {
                    PipelineJob job = client.getPipelineJobCallable().call(request, context);
                    if (isTerminal(job.getState())) {
                        boolean succeeded = job.getState() == PipelineState.PIPELINE_STATE_SUCCEEDED;
                        finished(i, succeeded, succeeded ? null : "ended " + job.getState());
                        return;
                    }
                } catch (ApiException e) {
                    if (!VertexErrors.isTransient(e)) {
                        finished(i, false, e.toString());
                        return;
                    }
                }
                Thread.sleep(interval.toMillis(), (int) (interval.toNanos() % 1_000_000));
            }
        } catch (InterruptedException e) {
            // stopped: the run is lost
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            finished(i, false, e.toString());
        }
    }

    static boolean isTerminal(PipelineState s) {
        return switch (s) {
            case PIPELINE_STATE_SUCCEEDED, PIPELINE_STATE_FAILED, PIPELINE_STATE_CANCELLED, PIPELINE_STATE_PAUSED -> true;
            default -> false;
        };
    }

    @Override
    void stop() {
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }
}
