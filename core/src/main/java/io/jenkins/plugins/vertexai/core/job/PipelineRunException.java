package io.jenkins.plugins.vertexai.core.job;

import io.jenkins.plugins.vertexai.core.VertexException;

/** A run that ended other than SUCCEEDED, for callers that treat that as a failure; carries the result. */
public final class PipelineRunException extends VertexException {
    private static final long serialVersionUID = 1L;
    private final transient PipelineRunResult result;

    public PipelineRunException(PipelineRunResult result) {
        super("pipeline job " + result.jobName() + " ended " + result.outcome()
                + (result.error() == null ? "" : ": " + result.error()) + " (" + result.consoleUrl() + ")", result.outcome().name(), null);
        this.result = result;
    }

    public PipelineRunResult result() {
        return result;
    }
}
