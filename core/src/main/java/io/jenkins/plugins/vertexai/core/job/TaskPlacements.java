package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.CustomJob;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskExecutorDetail.ContainerDetail;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.async.Futures;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each task of a run ran, from the real trail: the CustomJob its detail names as main job, read once per attempt
 * (when the task starts, and again for each retry, which is a new CustomJob), asynchronously. A job read before it
 * started is read again on a later snapshot. Each finding is told as a task event; a read that fails is told once as
 * a warning and never fails the run.
 */
final class TaskPlacements {
    private final CustomJobRpc rpc;
    private final ProgressReporter reporter;
    private final Map<Long, TaskPlacement> byTask = new HashMap<>();
    /** Task id → the CustomJob read to the end (started, or its task ended): not read again. */
    private final Map<Long, String> settled = new HashMap<>();
    /** Task id → the total wait of its earlier attempts. */
    private final Map<Long, Long> earlierWaits = new HashMap<>();
    private final Set<Long> inFlight = new HashSet<>();
    private final Map<Long, String> told = new HashMap<>();
    /** Tasks seen ended in some snapshot: a late answer about them is told in the past tense. */
    private final Set<Long> endedTasks = new HashSet<>();
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    /** Task id → a newer CustomJob seen while another of the task's was being read: read once that read ends. */
    private final Map<Long, Read> next = new HashMap<>();

    /** One read to make: a task's CustomJob as a snapshot named it. */
    private record Read(String task, long id, String main, int attempt, boolean taskEnded, String requestedResource) {
    }
    private boolean warned;

    /** {@code rpc} null: nothing is read (where tasks ran stays unknown). */
    TaskPlacements(CustomJobRpc rpc, ProgressReporter reporter) {
        this.rpc = rpc;
        this.reporter = reporter;
    }

    /** Looks at a task of a snapshot; starts a read when it names a CustomJob not read yet. */
    synchronized void observe(PipelineTaskDetail t, String requestedResource) {
        if (rpc == null || !t.hasExecutorDetail()) {
            return;
        }
        ContainerDetail c = t.getExecutorDetail().getContainerDetail();
        String main = c.getMainJob();
        long id = t.getTaskId();
        boolean taskEnded = switch (t.getState()) {
            case SUCCEEDED, FAILED, CANCELLED, SKIPPED, NOT_TRIGGERED -> true;
            default -> false;
        };
        if (taskEnded) {
            endedTasks.add(id);
        }
        if (main.isEmpty() || main.equals(settled.get(id))) {
            return;
        }
        Read read = new Read(t.getTaskName(), id, main, 1 + c.getFailedMainJobsCount(), taskEnded, requestedResource);
        if (inFlight.contains(id)) {
            next.put(id, read); // a retry began while the previous attempt's job was being read
            return;
        }
        start(read);
    }

    /** Under the lock. */
    private void start(Read r) {
        TaskPlacement before = byTask.get(r.id());
        if (before != null && !before.customJob().equals(r.main())) {
            earlierWaits.put(r.id(), before.waitedMs() == null ? earlierWaits.get(r.id()) : before.waitedMs());
        }
        inFlight.add(r.id());
        // What settled() waits for is the finding recorded, not just the answer received.
        CompletableFuture<Void> recorded = rpc.get(r.main()).handle((job, error) -> {
            found(r.task(), r.id(), r.main(), r.attempt(), r.taskEnded(), r.requestedResource(), job, error);
            return null;
        });
        pending.add(recorded);
        recorded.whenComplete((v, e) -> pending.remove(recorded));
    }

    private void found(String task, long id, String main, int attempt, boolean taskEnded, String requestedResource,
                       CustomJob job, Throwable error) {
        String message = null;
        ProgressEvent.Kind kind = ProgressEvent.Kind.TASK;
        synchronized (this) {
            inFlight.remove(id);
            Read newer = next.remove(id);
            if (newer != null && !newer.main().equals(main)) {
                start(newer); // before this read counts as ended, so settled() waits for it too
            }
            if (error != null) {
                settled.put(id, main); // where it ran stays unknown; never retried beyond the RPC's own retries
                Throwable cause = Futures.unwrap(error);
                if (!warned && !(cause instanceof java.util.concurrent.CancellationException)) { // a cancelled wait says nothing
                    warned = true;
                    kind = ProgressEvent.Kind.WARNING;
                    message = "could not read CustomJob " + main + " to tell where it ran: " + VertexErrors.code(cause)
                            + " " + VertexErrors.serverMessage(cause)
                            + (VertexErrors.is(cause, com.google.api.gax.rpc.StatusCode.Code.PERMISSION_DENIED)
                            ? " (the credentials need aiplatform.customJobs.get, e.g. roles/aiplatform.user)" : "")
                            + "; where tasks ran is left out";
                }
            } else {
                TaskPlacement p = TaskPlacement.of(job, attempt, earlierWaits.get(id));
                byTask.put(id, p);
                if (p.started() || p.ended() || taskEnded) {
                    settled.put(id, main);
                }
                String text = p.describe(requestedResource, endedTasks.contains(id));
                if (!text.equals(told.put(id, text))) {
                    message = text;
                }
            }
        }
        if (message != null && kind == ProgressEvent.Kind.WARNING) {
            reporter.warning(message);
        } else if (message != null) {
            reporter.emit(kind, "task " + task, message, null);
        }
    }

    /** Once every read started so far (and each follow-up read they started) has ended: where each task ran. */
    CompletableFuture<Map<Long, TaskPlacement>> settled() {
        List<CompletableFuture<?>> now = pending.stream().filter(f -> !f.isDone()).toList();
        if (now.isEmpty()) {
            synchronized (this) {
                return CompletableFuture.completedFuture(Map.copyOf(byTask));
            }
        }
        return CompletableFuture.allOf(now.toArray(CompletableFuture[]::new)).handle((v, t) -> null)
                .thenCompose(v -> settled());
    }
}
