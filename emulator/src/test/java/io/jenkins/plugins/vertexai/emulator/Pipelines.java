package io.jenkins.plugins.vertexai.emulator;

import com.google.cloud.aiplatform.v1beta1.CreatePipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.GetPipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.DefaultRuntime;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail.TaskResourceUnavailableTimeoutBehavior;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.protobuf.Struct;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Pipeline job requests and readings shared by the pipeline tests. */
final class Pipelines {
    static final String ROOT = "gs://demo-bucket/pipeline-root";

    private Pipelines() {
    }

    static PipelineJob job(Struct spec) {
        return PipelineJob.newBuilder().setPipelineSpec(spec)
                .setRuntimeConfig(RuntimeConfig.newBuilder().setGcsOutputDirectory(ROOT))
                .build();
    }

    static PipelineJob onResource(PipelineJob job, String resourceName, long waitMs,
                                  TaskResourceUnavailableTimeoutBehavior behavior) {
        return job.toBuilder().setRuntimeConfig(job.getRuntimeConfig().toBuilder().setDefaultRuntime(
                DefaultRuntime.newBuilder().setPersistentResourceRuntimeDetail(PersistentResourceRuntimeDetail.newBuilder()
                        .setPersistentResourceName(resourceName)
                        .setTaskResourceUnavailableWaitTimeMs(waitMs)
                        .setTaskResourceUnavailableTimeoutBehavior(behavior)))).build();
    }

    static CreatePipelineJobRequest create(String id, PipelineJob job) {
        return CreatePipelineJobRequest.newBuilder().setParent(Loopback.PARENT).setPipelineJobId(id).setPipelineJob(job).build();
    }

    static String jobName(String id) {
        return Loopback.PARENT + "/pipelineJobs/" + id;
    }

    static PipelineJob get(Loopback loop, String id) {
        return loop.pipelines().getPipelineJob(GetPipelineJobRequest.newBuilder().setName(jobName(id)).build());
    }

    /** Task details by unique name (the root under the pipeline's name). */
    static Map<String, PipelineTaskDetail> tasks(PipelineJob job) {
        return job.getJobDetail().getTaskDetailsList().stream()
                .collect(Collectors.toMap(PipelineTaskDetail::getTaskUniqueName, Function.identity(), (a, b) -> {
                    throw new AssertionError("duplicate task " + a.getTaskUniqueName());
                }, java.util.LinkedHashMap::new));
    }

    static PipelineTaskDetail.State state(PipelineJob job, String uniqueName) {
        PipelineTaskDetail task = tasks(job).get(uniqueName);
        if (task == null) {
            throw new AssertionError("no task " + uniqueName + " in " + tasks(job).keySet());
        }
        return task.getState();
    }

    /** The CustomJob the task's detail names as its main job. */
    static com.google.cloud.aiplatform.v1beta1.CustomJob mainJob(Loopback loop, PipelineTaskDetail task) {
        String name = task.getExecutorDetail().getContainerDetail().getMainJob();
        if (name.isEmpty()) {
            throw new AssertionError("task " + task.getTaskName() + " names no main job: " + task);
        }
        return loop.jobs().getCustomJob(com.google.cloud.aiplatform.v1beta1.GetCustomJobRequest.newBuilder().setName(name).build());
    }

    static List<String> names(PipelineJob job) {
        return List.copyOf(tasks(job).keySet());
    }

    static long seconds(com.google.protobuf.Timestamp t) {
        return t.getSeconds();
    }
}
