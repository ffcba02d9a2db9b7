package io.jenkins.plugins.vertexai.emulator.pipeline;

import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1beta1.CreatePipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.PipelineFailurePolicy;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail.TaskResourceUnavailableTimeoutBehavior;
import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;
import io.jenkins.plugins.vertexai.emulator.grpc.LabelRules;
import io.jenkins.plugins.vertexai.emulator.grpc.LocationName;
import io.jenkins.plugins.vertexai.emulator.grpc.RpcErrors;
import io.jenkins.plugins.vertexai.emulator.pipeline.sim.PipelineRunRequest;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.PipelineSpec;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.PipelineSpecParser;
import io.jenkins.plugins.vertexai.emulator.project.ProjectNumbers;
import io.jenkins.plugins.vertexai.emulator.resource.PersistentResourceStore;
import io.jenkins.plugins.vertexai.emulator.resource.SimulatedResource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a CreatePipelineJobRequest like the service: the request's fields and the pipeline spec (INVALID_ARGUMENT,
 * every bad field at once), then the default runtime's persistent resource (FAILED_PRECONDITION).
 */
final class PipelineJobValidator {
    static final Pattern JOB_ID = Pattern.compile("[a-z][a-z0-9-]{0,127}");
    private static final int MAX_DISPLAY_NAME = 128;
    private static final String RUNTIME_DETAIL =
            "pipeline_job.runtime_config.default_runtime.persistent_resource_runtime_detail";

    private final PersistentResourceStore resources;
    private final ProjectNumbers projects;

    PipelineJobValidator(PersistentResourceStore resources, ProjectNumbers projects) {
        this.resources = resources;
        this.projects = projects;
    }

    /** The run to simulate for a valid request, named {@code parent/pipelineJobs/jobId}. */
    PipelineRunRequest validate(CreatePipelineJobRequest request, String jobId, Instant now) {
        FieldViolations v = new FieldViolations();
        LocationName parent = null;
        try {
            parent = LocationName.parse("parent", projects.canonical(request.getParent()));
        } catch (RuntimeException e) {
            v.add("parent", "'" + request.getParent() + "' is not of the form projects/{project}/locations/{location}");
        }
        if (!request.getPipelineJobId().isEmpty() && !JOB_ID.matcher(request.getPipelineJobId()).matches()) {
            v.add("pipeline_job_id", "'" + request.getPipelineJobId() + "' must be 1 to 128 characters: lowercase letters,"
                    + " digits and '-', starting with a letter");
        }
        if (!request.hasPipelineJob()) {
            v.add("pipeline_job", "required");
            v.throwIfAny();
        }
        PipelineJob job = request.getPipelineJob();
        if (job.getDisplayName().length() > MAX_DISPLAY_NAME) {
            v.add("pipeline_job.display_name", "at most " + MAX_DISPLAY_NAME + " characters");
        }
        LabelRules.check("pipeline_job.labels", job.getLabelsMap(), v);
        PipelineSpec spec = null;
        if (!job.hasPipelineSpec()) {
            v.add("pipeline_job.pipeline_spec", job.getTemplateUri().isEmpty() ? "required: the compiled pipeline"
                    : "required: the emulator cannot fetch template_uri " + job.getTemplateUri()
                    + "; send the compiled pipeline as pipeline_spec");
        } else {
            spec = PipelineSpecParser.parse(job.getPipelineSpec(), v);
        }
        Map<String, Value> parameters = Map.of();
        if (spec != null) {
            parameters = RuntimeParameters.resolve(spec, job.getRuntimeConfig(), v);
        }
        checkPipelineRoot(job.getRuntimeConfig().getGcsOutputDirectory(), v);
        if (job.getRuntimeConfig().getFailurePolicy() == PipelineFailurePolicy.UNRECOGNIZED) {
            v.add("pipeline_job.runtime_config.failure_policy", "unknown failure policy");
        }
        PersistentResourceRuntimeDetail runtime = job.getRuntimeConfig().getDefaultRuntime().getPersistentResourceRuntimeDetail();
        boolean onResource = job.getRuntimeConfig().getDefaultRuntime().hasPersistentResourceRuntimeDetail();
        if (onResource) {
            checkRuntimeDetail(runtime, parent, projects, v);
        }
        v.throwIfAny();
        SimulatedResource resource = onResource ? usableResource(runtime.getPersistentResourceName(), job, now) : null;
        String name = parent.child("pipelineJobs", jobId);
        return new PipelineRunRequest(name, parent.toString(), outputOnlyCleared(job, spec), spec, parameters, resource,
                Duration.ofMillis(runtime.getTaskResourceUnavailableWaitTimeMs()),
                runtime.getTaskResourceUnavailableTimeoutBehavior() == TaskResourceUnavailableTimeoutBehavior.FALL_BACK_TO_ON_DEMAND,
                job.getRuntimeConfig().getFailurePolicy() == PipelineFailurePolicy.PIPELINE_FAILURE_POLICY_FAIL_FAST);
    }

    /**
     * RuntimeConfig.gcs_output_directory is REQUIRED; the service answers "gcs_output_directory is empty." without it,
     * even for a spec compiled with a default pipeline root (clients such as the Python SDK copy that root here).
     */
    private static void checkPipelineRoot(String outputDirectory, FieldViolations v) {
        String field = "pipeline_job.runtime_config.gcs_output_directory";
        if (outputDirectory.isEmpty()) {
            v.add(field, "gcs_output_directory is empty.");
        } else if (!outputDirectory.startsWith("gs://")) {
            v.add(field, "'" + outputDirectory + "' is not a Cloud Storage URI gs://BUCKET/PATH");
        }
    }

    private static void checkRuntimeDetail(PersistentResourceRuntimeDetail runtime, LocationName parent,
                                           ProjectNumbers projects, FieldViolations v) {
        String name = runtime.getPersistentResourceName();
        // Project id or number, in either name: the same project when both have the same number.
        LocationName.ChildName resource = LocationName.parseChild("persistentResources", projects.canonical(name));
        if (resource == null) {
            v.add(RUNTIME_DETAIL + ".persistent_resource_name", "'" + name + "' is not of the form"
                    + " projects/{project}/locations/{location}/persistentResources/{persistent_resource}");
        } else if (parent != null && !resource.parent().equals(parent)) {
            v.add(RUNTIME_DETAIL + ".persistent_resource_name", "'" + name + "' must be in the pipeline job's project"
                    + " and location " + parent);
        }
        if (runtime.getTaskResourceUnavailableWaitTimeMs() < 0) {
            v.add(RUNTIME_DETAIL + ".task_resource_unavailable_wait_time_ms", "must not be negative, got "
                    + runtime.getTaskResourceUnavailableWaitTimeMs());
        }
        if (runtime.getTaskResourceUnavailableTimeoutBehavior() == TaskResourceUnavailableTimeoutBehavior.UNRECOGNIZED) {
            v.add(RUNTIME_DETAIL + ".task_resource_unavailable_timeout_behavior", "unknown behavior");
        }
    }

    /**
     * The default runtime's resource, which must exist, be RUNNING or REBOOTING ("not available right now but is
     * expected to be ready again later": the tasks wait for it), allow custom service accounts, and have the job's
     * network and CMEK key (CustomJobSpec.persistent_resource_id: "The network and CMEK configs on the job should be
     * consistent with those on the PersistentResource, otherwise, the job will be rejected"; the status code the
     * service uses for that is not documented).
     */
    private SimulatedResource usableResource(String name, PipelineJob job, Instant now) {
        SimulatedResource resource = resources.find(projects.canonical(name), now).orElseThrow(() -> RpcErrors.failedPrecondition(
                "PersistentResource " + name + " not found: create it, and wait until it is RUNNING, before running"
                        + " pipeline jobs on it"));
        PersistentResource.State state = resource.stateAt(now);
        if (state != PersistentResource.State.RUNNING && state != PersistentResource.State.REBOOTING) {
            throw RpcErrors.failedPrecondition("PersistentResource " + name + " is " + state
                    + "; pipeline jobs can only run on a RUNNING (or REBOOTING) persistent resource");
        }
        PersistentResource spec = resource.spec();
        if (!job.getNetwork().equals(spec.getNetwork())) {
            throw RpcErrors.failedPrecondition("The network of the pipeline job ('" + job.getNetwork()
                    + "') is not consistent with the network of PersistentResource " + name + " ('" + spec.getNetwork() + "')");
        }
        if (!job.getEncryptionSpec().getKmsKeyName().equals(spec.getEncryptionSpec().getKmsKeyName())) {
            throw RpcErrors.failedPrecondition("The CMEK key of the pipeline job ('" + job.getEncryptionSpec().getKmsKeyName()
                    + "') is not consistent with the CMEK key of PersistentResource " + name + " ('"
                    + spec.getEncryptionSpec().getKmsKeyName() + "')");
        }
        if (!resource.spec().getResourceRuntimeSpec().getServiceAccountSpec().getEnableCustomServiceAccount()) {
            throw RpcErrors.failedPrecondition("PersistentResource " + name + " was created without"
                    + " resource_runtime_spec.service_account_spec.enable_custom_service_account; pipeline jobs can only"
                    + " run on a persistent resource that allows custom service accounts");
        }
        return resource;
    }

    private static PipelineJob outputOnlyCleared(PipelineJob job, PipelineSpec spec) {
        PipelineJob.Builder b = job.toBuilder().clearName().clearState().clearCreateTime().clearStartTime()
                .clearEndTime().clearUpdateTime().clearJobDetail().clearError();
        if (b.getDisplayName().isEmpty()) {
            b.setDisplayName(spec.pipelineName());
        }
        return b.build();
    }
}
