package io.jenkins.plugins.vertexai.core.pipeline;

import com.google.cloud.aiplatform.v1beta1.CreatePipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;

/**
 * A checked, ready-to-send pipeline job.
 *
 * @param parent       {@code projects/P/locations/R}
 * @param jobId        the {@code pipeline_job_id} to create it under
 * @param pipelineJob  the job (no name: the service assigns {@code parent/pipelineJobs/jobId})
 * @param pipelineRoot the chosen output root and where it came from
 */
public record PipelineJobRequest(String parent, String jobId, PipelineJob pipelineJob, PipelineRootResolver.PipelineRoot pipelineRoot) {

    /** The job's full resource name once created. */
    public String jobName() {
        return parent + "/pipelineJobs/" + jobId;
    }

    public CreatePipelineJobRequest toCreateRequest() {
        return CreatePipelineJobRequest.newBuilder().setParent(parent).setPipelineJob(pipelineJob).setPipelineJobId(jobId).build();
    }
}
