package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.ResourcePool;
import com.google.cloud.aiplatform.v1beta1.AcceleratorType;
import com.google.cloud.aiplatform.v1beta1.ContainerSpec;
import com.google.cloud.aiplatform.v1beta1.CustomJob;
import com.google.cloud.aiplatform.v1beta1.CustomJobSpec;
import com.google.cloud.aiplatform.v1beta1.JobState;
import com.google.cloud.aiplatform.v1beta1.MachineSpec;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail.State;
import com.google.cloud.aiplatform.v1beta1.WorkerPoolSpec;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Status;
import io.jenkins.plugins.vertexai.emulator.grpc.RpcErrors;
import io.jenkins.plugins.vertexai.emulator.grpc.Timestamps;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.Structs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CustomJobs a leaf task runs in: one per attempt (a retry is a new CustomJob), named
 * {@code {location}/customJobs/{id}}. Rendered from the task's simulated state with the fields the service sets: name,
 * display name, job spec (the component's container as one worker pool; {@code persistent_resource_id} when it runs on
 * the persistent resource), state, times and error. An attempt's job is created when the task is launched (the first)
 * or when the previous attempt failed, and starts once it has capacity: {@code start_time - create_time} is the wait.
 */
final class CustomJobRenderer {
    private final String location;
    private final ComponentDetails components;
    private final PersistentResource resource; // null: the job runs on demand

    CustomJobRenderer(String location, ComponentDetails components, PersistentResource resource) {
        this.location = location;
        this.components = components;
        this.resource = resource;
    }

    /** The name of attempt {@code attempt} (0-based) of a task. */
    String name(TaskRun task, int attempt) {
        return location + "/customJobs/" + id(task.taskId, attempt);
    }

    /** Numeric ids like the service's, unique per task and attempt. */
    static long id(long taskId, int attempt) {
        long z = taskId + 0x9E3779B97F4A7C15L * (attempt + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    /** Attempts whose CustomJob exists at {@code now}, oldest first (the last is the task's main job). */
    List<Integer> attempts(TaskRun task, Instant now) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < task.plan.attempts; k++) {
            if (createdAt(task, k).filter(t -> !t.isAfter(now)).isPresent()) {
                out.add(k);
            }
        }
        return out;
    }

    /** The CustomJob of an attempt as at {@code now}, or empty when it does not exist (yet). */
    Optional<CustomJob> render(TaskRun task, int attempt, Instant now) {
        Optional<Instant> created = createdAt(task, attempt).filter(t -> !t.isAfter(now));
        if (created.isEmpty()) {
            return Optional.empty();
        }
        CustomJob.Builder job = CustomJob.newBuilder()
                .setName(name(task, attempt))
                .setDisplayName(task.plan.name + (task.plan.attempts > 1 ? "-attempt-" + (attempt + 1) : ""))
                .setJobSpec(spec(task))
                .setCreateTime(Timestamps.of(created.get()));
        Instant started = startedAt(task, attempt);
        Instant cancelledAt = cancelledAt(task);
        Instant plannedEnd = started == null ? null : started.plus(each(task));
        if (started == null || (cancelledAt != null && !cancelledAt.isAfter(started))) {
            // Still waiting for capacity, or the task ended while it waited.
            if (!task.terminal() && task.state != State.CANCELLING) {
                return Optional.of(job.setState(JobState.JOB_STATE_PENDING).setUpdateTime(Timestamps.of(created.get())).build());
            }
            return Optional.of(ended(job, task, task.state == State.FAILED ? JobState.JOB_STATE_FAILED : cancelState(task),
                    task.endTime != null ? task.endTime : cancelledAt, task.error));
        }
        job.setStartTime(Timestamps.of(started));
        if (cancelledAt != null && cancelledAt.isBefore(plannedEnd)) {
            return Optional.of(task.state == State.CANCELLED
                    ? ended(job, task, JobState.JOB_STATE_CANCELLED, task.endTime, null)
                    : job.setState(JobState.JOB_STATE_CANCELLING).setUpdateTime(Timestamps.of(cancelledAt)).build());
        }
        if (now.isBefore(plannedEnd)) {
            return Optional.of(job.setState(JobState.JOB_STATE_RUNNING).setUpdateTime(Timestamps.of(started)).build());
        }
        boolean last = attempt == task.plan.attempts - 1;
        if (task.plan.failure == null && last) {
            return Optional.of(ended(job, task, JobState.JOB_STATE_SUCCEEDED, plannedEnd, null));
        }
        return Optional.of(ended(job, task, JobState.JOB_STATE_FAILED, plannedEnd, RpcErrors.status(
                Status.Code.FAILED_PRECONDITION, task.plan.failure == null ? "Attempt failed" : task.plan.failure)));
    }

    private static CustomJob ended(CustomJob.Builder job, TaskRun task, JobState state, Instant at, com.google.rpc.Status error) {
        job.setState(state).setEndTime(Timestamps.of(at)).setUpdateTime(Timestamps.of(at));
        if (error != null && (state == JobState.JOB_STATE_FAILED || state == JobState.JOB_STATE_CANCELLED)) {
            job.setError(error);
        }
        return job.build();
    }

    private static JobState cancelState(TaskRun task) {
        return task.state == State.CANCELLED ? JobState.JOB_STATE_CANCELLED : JobState.JOB_STATE_CANCELLING;
    }

    private static Duration each(TaskRun task) {
        return task.plan.runTime.dividedBy(task.plan.attempts);
    }

    private static Optional<Instant> createdAt(TaskRun task, int attempt) {
        if (task.launchTime == null) {
            return Optional.empty();
        }
        if (attempt == 0) {
            return Optional.of(task.launchTime);
        }
        Instant start = startedAt(task, attempt);
        Instant cutoff = cancelledAt(task);
        return start == null || (cutoff != null && !start.isBefore(cutoff)) ? Optional.empty() : Optional.of(start);
    }

    private static Instant startedAt(TaskRun task, int attempt) {
        return task.startTime == null ? null : task.startTime.plus(each(task).multipliedBy(attempt));
    }

    /** When the task began to be cancelled (CANCELLING, or CANCELLED directly), or null. */
    private static Instant cancelledAt(TaskRun task) {
        if (task.state != State.CANCELLING && task.state != State.CANCELLED) {
            return null;
        }
        for (TaskRun.Change c : task.history) {
            if (c.state() == State.CANCELLING || c.state() == State.CANCELLED) {
                return c.at();
            }
        }
        return null;
    }

    private CustomJobSpec spec(TaskRun task) {
        Struct container = components.container(task.plan.component);
        ContainerSpec.Builder c = ContainerSpec.newBuilder().setImageUri(Structs.string(container, "image").orElse(""));
        Structs.list(container, "command").forEach(v -> c.addCommand(text(v)));
        Structs.list(container, "args").forEach(v -> c.addArgs(text(v)));
        CustomJobSpec.Builder spec = CustomJobSpec.newBuilder().addWorkerPoolSpecs(WorkerPoolSpec.newBuilder()
                .setMachineSpec(machineSpec(task)).setReplicaCount(1).setContainerSpec(c));
        Placement p = task.placement;
        if (p != null && p.onPersistentResource()) {
            spec.setPersistentResourceId(p.persistentResource().substring(p.persistentResource().lastIndexOf('/') + 1));
        }
        return spec.build();
    }

    /** On the persistent resource, its pool's machine; on demand, a machine for the task's accelerators. */
    private MachineSpec machineSpec(TaskRun task) {
        Placement p = task.placement;
        if (p != null && p.onPersistentResource() && resource != null) {
            for (ResourcePool pool : resource.getResourcePoolsList()) {
                if (pool.getId().equals(p.poolId())) {
                    com.google.cloud.aiplatform.v1.MachineSpec m = pool.getMachineSpec();
                    return MachineSpec.newBuilder().setMachineType(m.getMachineType())
                            .setAcceleratorType(acceleratorType(m.getAcceleratorType().name())).setAcceleratorCount(m.getAcceleratorCount())
                            .build();
                }
            }
        }
        ResourceRequest r = task.plan.resources;
        MachineSpec.Builder m = MachineSpec.newBuilder().setMachineType(r.needsAccelerators() ? "n1-standard-8" : "e2-standard-4");
        if (r.needsAccelerators()) {
            m.setAcceleratorType(acceleratorType(r.acceleratorType())).setAcceleratorCount(r.acceleratorCount());
        }
        return m.build();
    }

    /** The v1beta1 type of a v1 or KFP name; KFP's generic nvidia.com/gpu shows as the commonest GPU, a T4. */
    private static AcceleratorType acceleratorType(String name) {
        try {
            return AcceleratorType.valueOf(name);
        } catch (IllegalArgumentException generic) {
            return name.equals("ACCELERATOR_TYPE_UNSPECIFIED") ? AcceleratorType.ACCELERATOR_TYPE_UNSPECIFIED
                    : AcceleratorType.NVIDIA_TESLA_T4;
        }
    }

    private static String text(Value v) {
        return v.getKindCase() == Value.KindCase.STRING_VALUE ? v.getStringValue() : Structs.describe(v);
    }
}
