package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.CustomJob;
import com.google.protobuf.Timestamp;
import io.jenkins.plugins.vertexai.core.PlainMap;
import io.jenkins.plugins.vertexai.core.async.Durations;
import java.time.Duration;
import java.util.Map;

/**
 * Where a pipeline task ran, from the CustomJob its task detail names ({@code executor_detail.container_detail.main_job}):
 * on the persistent resource {@code job_spec.persistent_resource_id}, or on demand when that is empty. {@code waitedMs}
 * is {@code start_time - create_time} of the CustomJobs read (summed over retries): how long the task's job waited
 * before it ran, e.g. for free capacity on the persistent resource; null when not known yet.
 *
 * @param customJob          the CustomJob's name (of the latest attempt read)
 * @param persistentResource the persistent resource's id, or null when it ran on demand
 * @param attempt            1 for the first attempt, 2 for the first retry, …
 */
public record TaskPlacement(String customJob, String persistentResource, Long waitedMs, boolean started, boolean ended,
                            int attempt) {

    static TaskPlacement of(CustomJob job, int attempt, Long waitedBefore) {
        Long waited = job.hasStartTime() && job.hasCreateTime() ? millis(job.getCreateTime(), job.getStartTime()) : null;
        if (waitedBefore != null) {
            waited = waited == null ? waitedBefore : waited + waitedBefore;
        }
        String resource = job.getJobSpec().getPersistentResourceId();
        return new TaskPlacement(job.getName(), resource.isEmpty() ? null : resource, waited, job.hasStartTime(),
                job.hasEndTime(), attempt);
    }

    private static long millis(Timestamp from, Timestamp to) {
        return Math.max(0, (to.getSeconds() - from.getSeconds()) * 1000 + (to.getNanos() - from.getNanos()) / 1_000_000);
    }

    public boolean onDemand() {
        return persistentResource == null;
    }

    /**
     * e.g. {@code running on persistent resource nightly-7 (waited 4m 10s)}, {@code ran on demand instead of
     * persistent resource nightly-7, after waiting 5m}: "ran" only once its CustomJob has ended.
     *
     * @param requestedResource the persistent resource the job asked for, or null
     * @param taskEnded         the task was seen ended since its CustomJob was read: past tense
     */
    String describe(String requestedResource, boolean taskEnded) {
        StringBuilder s = new StringBuilder(attempt > 1 ? "attempt " + attempt + ": " : "");
        if (!started) {
            s.append(taskEnded || ended ? "never started" : "waiting to start")
                    .append(onDemand() ? " on demand" : " on persistent resource " + persistentResource);
            return s.toString();
        }
        s.append(ended || taskEnded ? "ran " : "running ");
        boolean waited = waitedMs != null && waitedMs >= 1000;
        if (!onDemand()) {
            s.append("on persistent resource ").append(persistentResource);
            if (waited) {
                s.append(" (waited ").append(Durations.format(Duration.ofMillis(waitedMs))).append(" for capacity)");
            }
        } else if (requestedResource != null) {
            s.append("on demand instead of persistent resource ").append(requestedResource);
            if (waited) {
                s.append(", after waiting ").append(Durations.format(Duration.ofMillis(waitedMs)));
            }
        } else {
            s.append("on demand");
            if (waited) {
                s.append(" (waited ").append(Durations.format(Duration.ofMillis(waitedMs))).append(" to start)");
            }
        }
        return s.toString();
    }

    /** A short form for summaries: {@code on persistent resource nightly-7} or {@code on demand}, plus the wait. */
    String brief() {
        String where = onDemand() ? "on demand" : "on " + persistentResource;
        return waitedMs != null && waitedMs >= 1000 ? where + ", waited " + Durations.format(Duration.ofMillis(waitedMs)) : where;
    }

    Map<String, Object> toMap() {
        return new PlainMap().put("persistentResource", persistentResource).put("onDemand", onDemand())
                .put("waitedMs", waitedMs).put("customJob", customJob).build();
    }
}
