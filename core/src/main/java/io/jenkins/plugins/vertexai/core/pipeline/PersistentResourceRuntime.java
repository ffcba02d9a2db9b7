package io.jenkins.plugins.vertexai.core.pipeline;

import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.DefaultRuntime;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail.TaskResourceUnavailableTimeoutBehavior;
import io.jenkins.plugins.vertexai.core.Problems;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs a pipeline's tasks on a persistent resource, as the user gives it (all text, null = not given).
 *
 * @param resource        a persistent resource id, or its full name {@code projects/P/locations/L/persistentResources/ID}
 *                        (whose project and region must be the job's; P may be the project's number where the job has
 *                        its id, or the other way round, as the service returns names with numbers)
 * @param waitTime        {@code task_resource_unavailable_wait_time_ms}: milliseconds or a duration ({@code 10m},
 *                        {@code 90s}, {@code 1h}); see {@link DurationText#FORM}
 * @param timeoutBehavior {@code task_resource_unavailable_timeout_behavior}: FAIL or FALL_BACK_TO_ON_DEMAND,
 *                        any case
 */
public record PersistentResourceRuntime(String resource, String waitTime, String timeoutBehavior) {
    public static final String RESOURCE_FIELD = "persistentResource";
    public static final String WAIT_TIME_FIELD = "taskResourceUnavailableWaitTime";
    public static final String BEHAVIOR_FIELD = "taskResourceUnavailableTimeoutBehavior";

    public boolean isEmpty() {
        return blank(resource) && blank(waitTime) && blank(timeoutBehavior);
    }

    /**
     * The default runtime for a job in {@code project}/{@code region}, or empty when nothing was given. Problems
     * are added rather than thrown so they join the rest of the request's.
     */
    public Optional<DefaultRuntime> toDefaultRuntime(String project, String region, Problems problems) {
        if (isEmpty()) {
            return Optional.empty();
        }
        PersistentResourceRuntimeDetail.Builder detail = PersistentResourceRuntimeDetail.newBuilder();
        if (blank(resource)) {
            problems.add(RESOURCE_FIELD, "a wait time or timeout behavior needs a persistent resource to wait for");
        } else {
            String name = resourceName(resource.strip(), project, region, problems);
            if (name != null) {
                detail.setPersistentResourceName(name);
            }
        }
        if (!blank(waitTime)) {
            try {
                detail.setTaskResourceUnavailableWaitTimeMs(DurationText.toMillis(waitTime));
            } catch (IllegalArgumentException e) {
                problems.add(WAIT_TIME_FIELD, e.getMessage());
            }
        }
        if (!blank(timeoutBehavior)) {
            String b = timeoutBehavior.strip().toUpperCase(Locale.ROOT);
            if (b.equals(TaskResourceUnavailableTimeoutBehavior.FAIL.name())
                    || b.equals(TaskResourceUnavailableTimeoutBehavior.FALL_BACK_TO_ON_DEMAND.name())) {
                detail.setTaskResourceUnavailableTimeoutBehavior(TaskResourceUnavailableTimeoutBehavior.valueOf(b));
            } else {
                problems.add(BEHAVIOR_FIELD, "'" + timeoutBehavior + "' is not a timeout behavior; use FAIL or FALL_BACK_TO_ON_DEMAND");
            }
        }
        return Optional.of(DefaultRuntime.newBuilder().setPersistentResourceRuntimeDetail(detail).build());
    }

    private static String resourceName(String value, String project, String region, Problems problems) {
        PersistentResourceName name;
        if (PersistentResourceName.isFullName(value)) {
            try {
                name = PersistentResourceName.parse(RESOURCE_FIELD, value);
            } catch (ValidationException e) {
                problems.addAll(e);
                return null;
            }
            if (project != null && region != null && (PersistentResourceName.surelyDifferentProjects(name.project(), project)
                    || !name.region().equals(region))) {
                problems.add(RESOURCE_FIELD, "'" + value + "' is in project " + name.project() + ", region " + name.region()
                        + " but the pipeline job runs in project " + project + ", region " + region
                        + "; a job can only use a persistent resource of its own project and region"
                        + " (give just the id '" + name.id() + "' to use the job's)");
                return null;
            }
            if (project != null) {
                // The service returns names with the project number; the job may name its project by id. Address the
                // resource in the job's own project: the preflight's read there proves it is the same project.
                name = name.inProject(project);
            }
        } else {
            name = new PersistentResourceName(project, region, value);
        }
        if (!PersistentResourceName.ID.matcher(name.id()).matches()) {
            problems.add(RESOURCE_FIELD, "invalid persistent resource id '" + name.id() + "': " + PersistentResourceName.ID_FORM);
            return null;
        }
        return name.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
