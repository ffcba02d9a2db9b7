package io.jenkins.plugins.vertexai.core.job;

import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.logs.TaskLogOptions;
import java.time.Duration;

/**
 * How to wait for a pipeline run.
 *
 * @param polling         poll intervals (a few seconds up to a cap of at most 30 s by default) and the optional timeout
 * @param cancelOnTimeout on timeout, cancel the remote job (and follow it to CANCELLED) rather than leave it running
 * @param cancelGrace     how long to follow a cancelled job to CANCELLED before giving up on seeing it
 * @param logs            which task log lines to show (default: a failed task's last lines)
 */
public record PipelineWaitOptions(PollingPolicy polling, boolean cancelOnTimeout, Duration cancelGrace, TaskLogOptions logs) {
    public static final PipelineWaitOptions DEFAULT = new PipelineWaitOptions(PollingPolicy.PIPELINE_JOB, false, Duration.ofMinutes(5),
            TaskLogOptions.DEFAULT);

    public PipelineWaitOptions {
        logs = logs == null ? TaskLogOptions.NONE : logs;
    }

    public PipelineWaitOptions withLogs(TaskLogOptions l) {
        return new PipelineWaitOptions(polling, cancelOnTimeout, cancelGrace, l);
    }

    public PipelineWaitOptions withPolling(PollingPolicy p) {
        return new PipelineWaitOptions(p, cancelOnTimeout, cancelGrace, logs);
    }

    public PipelineWaitOptions withTimeout(Duration timeout) {
        return new PipelineWaitOptions(polling.withTimeout(timeout), cancelOnTimeout, cancelGrace, logs);
    }

    public PipelineWaitOptions withCancelOnTimeout(boolean v) {
        return new PipelineWaitOptions(polling, v, cancelGrace, logs);
    }

    public PipelineWaitOptions withCancelGrace(Duration g) {
        return new PipelineWaitOptions(polling, cancelOnTimeout, g, logs);
    }
}
