package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.cloud.aiplatform.v1beta1.Context;
import com.google.cloud.aiplatform.v1beta1.Execution;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineJobDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail.State;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskExecutorDetail;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.emulator.grpc.Timestamps;

/**
 * Renders a {@link JobRun} as the PipelineJob the service returns, with a task detail per created task. Where each
 * leaf task ran is shown in its {@code execution}: the description says it in words, the metadata has
 * {@code placement} ({@code persistent-resource}, {@code on-demand}, {@code on-demand-fallback} or {@code waiting}),
 * {@code persistent_resource}, {@code resource_pool}, {@code replica}, {@code requested_resources} and
 * {@code placement_message}.
 */
final class JobRenderer {
    private final String jobName;
    private final String location;
    private final String pipelineName;
    private final PipelineJob request;

    JobRenderer(String jobName, String location, String pipelineName, PipelineJob request) {
        this.jobName = jobName;
        this.location = location;
        this.pipelineName = pipelineName;
        this.request = request;
    }

    PipelineJob render(JobRun run) {
        PipelineJob.Builder job = request.toBuilder()
                .setName(jobName)
                .setState(run.state())
                .setCreateTime(Timestamps.of(run.createTime()))
                .setUpdateTime(Timestamps.of(run.updateTime()));
        if (run.startTime() != null) {
            job.setStartTime(Timestamps.of(run.startTime()));
        }
        if (run.endTime() != null) {
            job.setEndTime(Timestamps.of(run.endTime()));
        }
        if (run.error() != null) {
            job.setError(run.error());
        }
        String jobId = jobName.substring(jobName.lastIndexOf('/') + 1);
        PipelineJobDetail.Builder detail = PipelineJobDetail.newBuilder()
                .setPipelineContext(context(pipelineName))
                .setPipelineRunContext(context(jobId));
        TaskRun[] tasks = run.tasks();
        for (TaskRun task : tasks) {
            if (task.created()) {
                detail.addTaskDetails(task(task, task.plan.parent == null ? 0 : tasks[task.plan.parent.index].taskId));
            }
        }
        return job.setJobDetail(detail).build();
    }

    private PipelineTaskDetail task(TaskRun task, long parentId) {
        PipelineTaskDetail.Builder d = PipelineTaskDetail.newBuilder()
                .setTaskId(task.taskId)
                .setParentTaskId(parentId)
                .setTaskName(task.plan.name)
                .setTaskUniqueName(task.plan.uniqueName)
                .setCreateTime(Timestamps.of(task.createTime))
                .setState(task.state)
                .setExecution(execution(task));
        if (task.startTime != null) {
            d.setStartTime(Timestamps.of(task.startTime));
        }
        if (task.endTime != null) {
            d.setEndTime(Timestamps.of(task.endTime));
        }
        if (task.error != null) {
            d.setError(task.error);
        }
        for (TaskRun.Change change : task.history) {
            PipelineTaskDetail.PipelineTaskStatus.Builder status = PipelineTaskDetail.PipelineTaskStatus.newBuilder()
                    .setUpdateTime(Timestamps.of(change.at())).setState(change.state());
            if (change.error() != null) {
                status.setError(change.error());
            }
            d.addPipelineTaskStatus(status);
        }
        if (task.plan.isContainer() && task.startTime != null) {
            d.setExecutorDetail(PipelineTaskExecutorDetail.newBuilder().setContainerDetail(
                    PipelineTaskExecutorDetail.ContainerDetail.newBuilder()
                            .setMainJob(location + "/customJobs/" + task.taskId)));
        }
        return d.build();
    }

    private Execution execution(TaskRun task) {
        Execution.Builder e = Execution.newBuilder()
                .setName(location + "/metadataStores/default/executions/" + task.taskId)
                .setDisplayName(task.plan.name)
                .setSchemaTitle(task.plan.isContainer() ? "system.ContainerExecution" : "system.DAGExecution")
                .setState(executionState(task.state))
                .setCreateTime(Timestamps.of(task.createTime))
                .setUpdateTime(Timestamps.of(task.history.get(task.history.size() - 1).at()));
        if (!task.plan.isContainer()) {
            return e.build();
        }
        Struct.Builder metadata = Struct.newBuilder().putFields("requested_resources", text(task.plan.resources.toString()));
        Placement p = task.placement;
        if (p != null) {
            metadata.putFields("placement", text(p.kind().label)).putFields("placement_message", text(p.message()));
            if (p.persistentResource() != null) {
                metadata.putFields("persistent_resource", text(p.persistentResource()));
            }
            if (p.onPersistentResource()) {
                metadata.putFields("resource_pool", text(p.poolId()))
                        .putFields("replica", Value.newBuilder().setNumberValue(p.replica()).build());
            }
            e.setDescription(p.message());
        } else if (task.pendingNote != null) {
            metadata.putFields("placement", text("waiting")).putFields("placement_message", text(task.pendingNote));
            e.setDescription(task.pendingNote);
        }
        return e.setMetadata(metadata).build();
    }

    private Context context(String name) {
        return Context.newBuilder().setName(location + "/metadataStores/default/contexts/" + name).setDisplayName(name).build();
    }

    private static Execution.State executionState(State state) {
        return switch (state) {
            case RUNNING, CANCELLING, CANCEL_PENDING -> Execution.State.RUNNING;
            case SUCCEEDED -> Execution.State.COMPLETE;
            case SKIPPED -> Execution.State.CACHED; // a cache hit: "The Execution completed through Cache hit."
            case FAILED -> Execution.State.FAILED;
            case CANCELLED -> Execution.State.CANCELLED;
            default -> Execution.State.NEW;
        };
    }

    private static Value text(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }
}
