package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import io.jenkins.plugins.vertexai.emulator.catalog.MachineCatalog;
import io.jenkins.plugins.vertexai.emulator.grpc.IdSequence;
import io.jenkins.plugins.vertexai.emulator.resource.SimulatedResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Starts simulated pipeline runs. Jobs on the same persistent resource share one {@link SimulationDomain}, held by
 * the resource, so they compete for its capacity; a resource recreated under the same name is a new object and gets
 * a fresh one.
 */
public final class PipelineRuns {
    private final MachineCatalog catalog;
    private final TaskScript script;
    private final JobTimings timings;
    private final IdSequence ids;
    private final CustomJobIndex customJobIndex;
    private final TaskCache cache = new TaskCache();

    public PipelineRuns(MachineCatalog catalog, TaskScript script, JobTimings timings, IdSequence ids,
                        CustomJobIndex customJobIndex) {
        this.customJobIndex = customJobIndex;
        this.catalog = catalog;
        this.script = script;
        this.timings = timings;
        this.ids = ids;
    }

    /** The execution cache shared by every job. */
    public TaskCache cache() {
        return cache;
    }

    /** Plans the run (may throw INVALID_ARGUMENT when it is too large) and enters QUEUED now. */
    public PipelineRun start(PipelineRunRequest request, Supplier<Instant> clock) {
        List<PlannedTask> plan = RunPlanner.plan(request.spec(), request.parameters(), script);
        SimulationDomain domain = request.resource() == null ? SimulationDomain.onDemand()
                : (SimulationDomain) request.resource().simulation(
                        () -> new SimulationDomain(new ResourceCapacity(request.resource().spec(), catalog), request.resource()));
        String jobId = request.jobName().substring(request.jobName().lastIndexOf('/') + 1);
        Duration hold = script.holdOf(jobId, request.job().getDisplayName());
        JobRun run = new JobRun(plan, ids, domain, timings, hold, request.waitForCapacity(),
                request.fallBackToOnDemand(), request.failFast(), script.pauses(jobId, request.job().getDisplayName()),
                new TaskCache.Scope(cache, request.location(), request.jobName()));
        domain.at(clock, now -> {
            run.begin(now);
            return null;
        });
        ComponentDetails components = new ComponentDetails(request.job().getPipelineSpec());
        CustomJobRenderer customJobs = new CustomJobRenderer(request.location(), components,
                request.resource() == null ? null : request.resource().spec());
        String root = request.job().getRuntimeConfig().getGcsOutputDirectory().isEmpty()
                ? request.spec().defaultPipelineRoot() : request.job().getRuntimeConfig().getGcsOutputDirectory();
        TaskOutputs outputs = new TaskOutputs(components, request.location(), jobId, root);
        PipelineRun pipelineRun = new PipelineRun(domain, run, new JobRenderer(request.jobName(), request.location(),
                request.spec().pipelineName(), request.job(), customJobs, outputs), customJobs);
        for (TaskRun task : run.tasks()) {
            if (task.plan.isContainer()) {
                for (int k = 0; k < task.plan.attempts; k++) {
                    customJobIndex.register(customJobs.name(task, k), pipelineRun, task, k);
                }
            }
        }
        return pipelineRun;
    }
}
