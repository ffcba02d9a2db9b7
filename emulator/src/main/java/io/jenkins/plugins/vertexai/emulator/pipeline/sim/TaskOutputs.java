package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.cloud.aiplatform.v1beta1.Artifact;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.emulator.grpc.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs of a succeeded leaf task (or of a cache hit, which reuses an earlier execution's), as the service reports them: output parameters as {@code output:NAME} entries
 * of its execution's metadata, output artifacts in {@code PipelineTaskDetail.outputs} with a URI under the pipeline
 * root, {@code {root}/{project_number}/{job_id}/{task}_{execution_id}/{output}}. Values are scripted
 * ({@link TaskScript#output}) or typed placeholders; a scripted name that is no output parameter becomes a metric in
 * the task's {@code system.Metrics} artifacts.
 */
final class TaskOutputs {
    static final String METRICS = "system.Metrics";

    private final ComponentDetails components;
    private final String location;
    private final String jobId;
    private final String pipelineRoot;

    TaskOutputs(ComponentDetails components, String location, String jobId, String pipelineRoot) {
        this.components = components;
        this.location = location;
        this.jobId = jobId;
        this.pipelineRoot = pipelineRoot.endsWith("/") ? pipelineRoot.substring(0, pipelineRoot.length() - 1) : pipelineRoot;
    }

    /** The {@code output:NAME} execution metadata of the task. */
    Map<String, Value> parameters(TaskRun task) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (ComponentDetails.OutputDefinition d : components.outputs(task.plan.component)) {
            if (!d.artifact()) {
                Value scripted = task.plan.scriptedOutputs.get(d.name());
                out.put("output:" + d.name(), scripted != null ? scripted : ComponentDetails.placeholder(d.type()));
            }
        }
        return out;
    }

    /** The task's output artifacts by output name. */
    Map<String, PipelineTaskDetail.ArtifactList> artifacts(TaskRun task) {
        Map<String, PipelineTaskDetail.ArtifactList> out = new LinkedHashMap<>();
        int n = 0;
        for (ComponentDetails.OutputDefinition d : components.outputs(task.plan.component)) {
            if (!d.artifact()) {
                continue;
            }
            Artifact.Builder a = Artifact.newBuilder()
                    .setName(location + "/metadataStores/default/artifacts/" + task.taskId + "-" + n++)
                    .setDisplayName(d.name())
                    .setUri(pipelineRoot + "/" + projectNumber() + "/" + producer(task) + "/" + d.name())
                    .setSchemaTitle(d.type())
                    .setSchemaVersion("0.0.1")
                    .setState(Artifact.State.LIVE)
                    .setCreateTime(Timestamps.of(task.endTime))
                    .setUpdateTime(Timestamps.of(task.endTime));
            if (d.type().equals(METRICS)) {
                a.setMetadata(metrics(task));
            }
            out.put(d.name(), PipelineTaskDetail.ArtifactList.newBuilder().addArtifacts(a).build());
        }
        return out;
    }

    /** Scripted values that are not output parameters: the metrics a {@code system.Metrics} artifact logs. */
    private Struct metrics(TaskRun task) {
        Struct.Builder s = Struct.newBuilder();
        java.util.Set<String> parameters = new java.util.HashSet<>();
        components.outputs(task.plan.component).forEach(d -> parameters.add(d.name()));
        task.plan.scriptedOutputs.forEach((name, value) -> {
            if (!parameters.contains(name)) {
                s.putFields(name, value);
            }
        });
        return s.build();
    }

    /**
     * {@code {job_id}/{task}_{execution_id}} of the execution that made the outputs: this task's, or for a cache hit
     * the earlier one it reuses (its identity is {@code .../pipelineJobs/JOB/tasks/ID}; same pipeline root assumed).
     */
    private String producer(TaskRun task) {
        if (task.state == com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail.State.SKIPPED && task.identity != null) {
            String[] parts = task.identity.split("/");
            if (parts.length >= 3 && parts[parts.length - 2].equals("tasks")) {
                return parts[parts.length - 3] + "/" + task.plan.name + "_" + parts[parts.length - 1];
            }
        }
        return jobId + "/" + task.plan.name + "_" + task.taskId;
    }

    private String projectNumber() {
        // location is projects/NUMBER/locations/REGION: names are kept in the number form.
        return location.split("/")[1];
    }
}
