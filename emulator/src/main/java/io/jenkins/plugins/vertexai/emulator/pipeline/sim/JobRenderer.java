package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.cloud.aiplatform.v1beta1.Context;
import com.google.cloud.aiplatform.v1beta1.Execution;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineJobDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail.State;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskExecutorDetail;
import com.google.protobuf.Struct;
import io.jenkins.plugins.vertexai.emulator.grpc.Timestamps;

/**
 * Renders a {@link JobRun} as the PipelineJob the service returns, with a task detail per created task. Where a leaf
 * task runs is told only where the service tells it: {@code executor_detail.container_detail.main_job} (and
 * {@code failed_main_jobs} for retries) name its CustomJobs, whose {@code job_spec.persistent_resource_id} says
 * whether it ran on the persistent resource. A succeeded leaf has its outputs: {@code output:NAME} entries in its
 * execution's metadata and its artifacts in {@code outputs}.
 */
final class JobRenderer {
    private final String jobName;
    private final String location;
    private final String pipelineName;
    private final PipelineJob request;
    private final CustomJobRenderer customJobs;
    private final TaskOutputs outputs;

    JobRenderer(String jobName, String location, String pipelineName, PipelineJob request, CustomJobRenderer customJobs,
                TaskOutputs outputs) {
        this.customJobs = customJobs;
        this.outputs = outputs;
        this.jobName = jobName;
        this.location = location;
        this.pipelineName = pipelineName;
        this.request = request;
    }

    PipelineJob render(JobRun run, java.time.Instant now) {
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
                detail.addTaskDetails(task(task, task.plan.parent == null ? 0 : tasks[task.plan.parent.index].taskId, now));
            }
        }
        return job.setJobDetail(detail).build();
    }

    private PipelineTaskDetail task(TaskRun task, long parentId, java.time.Instant now) {
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
            java.util.List<Integer> attempts = customJobs.attempts(task, now);
            PipelineTaskExecutorDetail.ContainerDetail.Builder container = PipelineTaskExecutorDetail.ContainerDetail.newBuilder();
            for (int i = 0; i < attempts.size(); i++) {
                String name = customJobs.name(task, attempts.get(i));
                if (i == attempts.size() - 1) {
                    container.setMainJob(name);
                } else {
                    container.addFailedMainJobs(name);
                }
            }
            d.setExecutorDetail(PipelineTaskExecutorDetail.newBuilder().setContainerDetail(container));
        }
        if (task.plan.isContainer() && hasOutputs(task)) {
            d.putAllOutputs(outputs.artifacts(task));
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
        if (task.plan.isContainer() && hasOutputs(task)) {
            e.setMetadata(Struct.newBuilder().putAllFields(outputs.parameters(task)));
        }
        return e.build();
    }

    /** Succeeded, or SKIPPED by a cache hit (which shows the reused execution's outputs). */
    private static boolean hasOutputs(TaskRun task) {
        return task.state == State.SUCCEEDED || task.state == State.SKIPPED;
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
}
