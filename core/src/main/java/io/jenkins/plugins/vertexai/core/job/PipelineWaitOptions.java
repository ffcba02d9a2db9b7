package io.jenkins.plugins.vertexai.core.job;

import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import java.time.Duration;

/**
 * How to wait for a pipeline run.
 *
 * @param polling         poll intervals (a few seconds up to a cap of at most 30 s by default) and the optional timeout
 * @param cancelOnTimeout on timeout, cancel the remote job (and follow it to CANCELLED) rather than leave it running
 * @param cancelGrace     how long to follow a cancelled job to CANCELLED before giving up on seeing it
 */
public record PipelineWaitOptions(PollingPolicy polling, boolean cancelOnTimeout, Duration cancelGrace) {
    public static final PipelineWaitOptions DEFAULT = new PipelineWaitOptions(PollingPolicy.PIPELINE_JOB, false, Duration.ofMinutes(5));

    public PipelineWaitOptions withPolling(PollingPolicy p) {
        return new PipelineWaitOptions(p, cancelOnTimeout, cancelGrace);
    }

    public PipelineWaitOptions withTimeout(Duration timeout) {
        return new PipelineWaitOptions(polling.withTimeout(timeout), cancelOnTimeout, cancelGrace);
    }

    public PipelineWaitOptions withCancelOnTimeout(boolean v) {
        return new PipelineWaitOptions(polling, v, cancelGrace);
    }

    public PipelineWaitOptions withCancelGrace(Duration g) {
        return new PipelineWaitOptions(polling, cancelOnTimeout, g);
    }
}
