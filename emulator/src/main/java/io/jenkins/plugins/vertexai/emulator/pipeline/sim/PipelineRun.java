package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineState;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A simulated pipeline job as the service sees it. Each read first brings the job's simulation up to the simulated
 * now; the rendered job is cached until something changes, so polling an unchanged job costs no rendering.
 */
public final class PipelineRun {
    private final SimulationDomain domain;
    private final JobRun run;
    private final JobRenderer renderer;
    private final CustomJobRenderer customJobs;
    private PipelineJob rendered; // guarded by the domain's lock
    private long renderedVersion = -1;

    PipelineRun(SimulationDomain domain, JobRun run, JobRenderer renderer, CustomJobRenderer customJobs) {
        this.domain = domain;
        this.run = run;
        this.renderer = renderer;
        this.customJobs = customJobs;
    }

    /** The CustomJob of a task's attempt, brought up to the simulated now; empty when it does not exist yet. */
    Optional<com.google.cloud.aiplatform.v1beta1.CustomJob> customJob(TaskRun task, int attempt, Supplier<Instant> clock) {
        return domain.at(clock, now -> customJobs.render(task, attempt, now));
    }

    public PipelineJob snapshot(Supplier<Instant> clock) {
        return domain.at(clock, now -> {
            if (renderedVersion != run.version()) {
                rendered = renderer.render(run, now);
                renderedVersion = run.version();
            }
            return rendered;
        });
    }

    public PipelineState state(Supplier<Instant> clock) {
        return domain.at(clock, now -> run.state());
    }

    /** Starts cancelling; false when the job had already ended (then nothing changes). */
    public boolean cancel(Supplier<Instant> clock) {
        return domain.at(clock, now -> {
            if (run.isTerminal()) {
                return false;
            }
            run.cancel(now);
            return true;
        });
    }

    /** The simulated instant the job ended, once it has. */
    public Optional<Instant> endTime(Supplier<Instant> clock) {
        return domain.at(clock, now -> Optional.ofNullable(run.isTerminal() ? run.endTime() : null));
    }
}
