package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.job.PipelineJobName;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import io.jenkins.plugins.vertexai.core.job.PipelineRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * While {@code run} follows a job, Ctrl-C or SIGTERM must not leave it running unsaid: a shutdown hook says on
 * stderr which job is left and how to re-attach or cancel it, or (with {@code --cancel-on-interrupt}) cancels it,
 * bounded by {@link #CANCEL_GRACE}, before the process exits. Removed once the wait has ended.
 */
final class InterruptNotice implements AutoCloseable {
    /** How long the hook follows a cancellation: a signal's sender waits for the process. */
    static final Duration CANCEL_GRACE = Duration.ofSeconds(30);

    private final Thread hook;

    private InterruptNotice(Thread hook) {
        this.hook = hook;
    }

    /** @param canceller the runner to cancel with, or null to leave the job running */
    static InterruptNotice install(PipelineJobName name, String reattachHint, PipelineRunner canceller, PrintStream err) {
        Thread hook = new Thread(() -> onInterrupt(name, reattachHint, canceller, err), "vertex-ai-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return new InterruptNotice(hook);
    }

    private static void onInterrupt(PipelineJobName name, String reattachHint, PipelineRunner canceller, PrintStream err) {
        if (canceller == null) {
            err.println("interrupted: pipeline job " + name + " is left running on Vertex AI (if it was submitted). To follow it, " + reattachHint
                    + "; to cancel it: vertex-ai pipeline-jobs cancel " + name);
            err.flush();
            return;
        }
        err.println("interrupted: cancelling pipeline job " + name + " (--cancel-on-interrupt), waiting at most "
                + CANCEL_GRACE.toSeconds() + "s");
        err.flush();
        try {
            PipelineRunResult r = canceller.cancel(name, CANCEL_GRACE, ProgressListener.NONE)
                    .get(CANCEL_GRACE.toSeconds() + 10, TimeUnit.SECONDS);
            err.println("pipeline job " + name + " is " + r.state()
                    + ("CANCELLED".equals(r.state()) ? "" : "; Vertex AI goes on cancelling it"));
        } catch (ExecutionException | TimeoutException e) {
            err.println("could not cancel pipeline job " + name + " (" + (e.getCause() != null ? e.getCause().getMessage() : "no answer in time")
                    + "); cancel it with: vertex-ai pipeline-jobs cancel " + name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.flush();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running, and must finish.
        }
    }
}
