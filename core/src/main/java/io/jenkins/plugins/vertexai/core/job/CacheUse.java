package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * What the execution cache did in a run: {@code hits} tasks reused an earlier execution (state SKIPPED, "skipped due
 * to cache hit") and {@code executed} tasks ran (leaf tasks that started: DAGs only group them, and a false
 * condition is NOT_TRIGGERED).
 */
public record CacheUse(int hits, int executed) {
    private static final Set<PipelineTaskDetail.State> RAN = EnumSet.of(PipelineTaskDetail.State.RUNNING,
            PipelineTaskDetail.State.SUCCEEDED, PipelineTaskDetail.State.FAILED, PipelineTaskDetail.State.CANCELLING,
            PipelineTaskDetail.State.CANCEL_PENDING, PipelineTaskDetail.State.CANCELLED);

    static CacheUse of(PipelineJob job) {
        Set<Long> parents = new HashSet<>();
        job.getJobDetail().getTaskDetailsList().forEach(t -> parents.add(t.getParentTaskId()));
        int hits = 0;
        int executed = 0;
        for (PipelineTaskDetail t : job.getJobDetail().getTaskDetailsList()) {
            if (t.getState() == PipelineTaskDetail.State.SKIPPED) {
                hits++;
            } else if (!parents.contains(t.getTaskId()) && RAN.contains(t.getState())) {
                executed++;
            }
        }
        return new CacheUse(hits, executed);
    }

    /** Every task that could run was a cache hit: the run computed nothing new (a "retraining" that trained nothing). */
    public boolean nothingRan() {
        return hits > 0 && executed == 0;
    }
}
