package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.PipelineSpec;
import io.jenkins.plugins.vertexai.emulator.resource.SimulatedResource;
import java.time.Duration;
import java.util.Map;

/**
 * A validated pipeline job to simulate.
 *
 * @param job                the job as created, without output-only fields
 * @param parameters         effective pipeline parameters (given values over defaults)
 * @param resource           the persistent resource of the default runtime, or null for on-demand capacity
 * @param waitForCapacity    task_resource_unavailable_wait_time_ms
 * @param fallBackToOnDemand task_resource_unavailable_timeout_behavior is FALL_BACK_TO_ON_DEMAND
 * @param failFast           failure_policy is PIPELINE_FAILURE_POLICY_FAIL_FAST
 */
public record PipelineRunRequest(String jobName, String location, PipelineJob job, PipelineSpec spec,
                                 Map<String, Value> parameters, SimulatedResource resource, Duration waitForCapacity,
                                 boolean fallBackToOnDemand, boolean failFast) {
}
