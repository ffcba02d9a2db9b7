package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.Backoff;
import io.jenkins.plugins.vertexai.core.async.Durations;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.job.PipelineJobName;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import io.jenkins.plugins.vertexai.core.job.PipelineSubmission;
import io.jenkins.plugins.vertexai.core.job.PipelineWaitOptions;
import io.jenkins.plugins.vertexai.core.pipeline.PersistentResourceRuntime;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequest;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequestFactory;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRunSpec;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateParser;
import io.jenkins.plugins.vertexai.core.resource.EnsureOptions;
import io.jenkins.plugins.vertexai.core.resource.IfExists;
import io.jenkins.plugins.vertexai.core.resource.KeepPolicy;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceScope;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpecParser;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The project's main job: the nightly-retraining story on an embedded emulator, through the same engine and
 * the unchanged official client that talk to Google Cloud. Ensure a persistent resource, run a pipeline on it
 * (one GPU task does not fit and falls back to on-demand), print where each task ran (from its CustomJob) and the
 * evaluation's metrics, delete the resource.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the nightly-retraining story against an embedded Vertex AI emulator (no cloud, no credentials).")
final class DemoCommand implements Callable<Integer> {
    static final String PROJECT = "demo-project";
    static final String REGION = "us-central1";

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--speed", defaultValue = "120", description = "Simulated seconds per real second, > 0 (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--provisioning-time", defaultValue = "10m", converter = DurationConverter.class,
            description = "Simulated provisioning time of the persistent resource (default: ${DEFAULT-VALUE})")
    Duration provisioningTime;

    @Override
    public Integer call() throws IOException {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new ParameterException(commandSpec.commandLine(), "Invalid value for option '--speed': '" + speed
                    + "' is not a positive number; expected simulated seconds per real second, e.g. 120");
        }
        PrintStream out = System.out;
        try (VertexAiEmulator emulator = VertexAiEmulator.builder().port(0).speed(speed)
                .provisioningTime(provisioningTime).deleteTime(Duration.ofMinutes(2))
                .taskDuration(Duration.ofMinutes(3)).taskDuration("train-.*", Duration.ofMinutes(8))
                .taskOutput("evaluate", "accuracy", 0.93).taskOutput("evaluate", "auc", 0.97).build().start();
             VertexEngine engine = new VertexEngine()) {
            out.printf("Vertex AI emulator on %s (simulated clock ×%.0f: %d min of provisioning takes about %.0f s)%n",
                    emulator.hostPort(), speed, provisioningTime.toMinutes(), provisioningTime.toSeconds() / speed);
            VertexConnection connection = VertexConnection.emulator(emulator.hostPort());
            ConsoleProgress progress = new ConsoleProgress(out);
            // The clock is compressed, so poll about as often per simulated minute as against the real service.
            PollingPolicy polling = new PollingPolicy(new Backoff(Duration.ofMillis(200), 1.5, Duration.ofSeconds(1)), Duration.ofMinutes(5));
            EnsureOptions options = new EnsureOptions(IfExists.REUSE, true, polling);
            PersistentResourceScope scope = new PersistentResourceScope(engine.persistentResources(connection), KeepPolicy.NEVER);

            PersistentResourceSpec spec = PersistentResourceSpec.builder()
                    .persistentResourceId("nightly-retraining").project(PROJECT).region(REGION)
                    .displayName("Nightly retraining cluster")
                    .addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,min-replica-count=1,max-replica-count=3,machine-type=n1-standard-8,disk-type=pd-ssd,disk-size=200"))
                    .addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,machine-type=n1-standard-8,accelerator-type=NVIDIA_TESLA_T4,accelerator-count=1"))
                    .label("team", "ml-platform").label("schedule", "nightly")
                    .build();

            out.println();
            out.println("== 1. Ensure the persistent resource (created, then waited for until RUNNING)");
            PersistentResourceResult resource = scope.open(spec, options, progress).join();
            boolean succeeded = false;
            boolean cleanedUp = false;
            Throwable failure = null;
            try {
                out.println();
                out.println("== 2. Run the nightly pipeline on it: two trainers want the single T4;");
                out.println("      the one that finds no capacity waits 5 min, then falls back to on-demand");
                PipelineJobRequest request = new PipelineJobRequestFactory().create(template(), PipelineRunSpec.builder()
                        .templateLocation("demo/nightly-retraining.yaml").project(PROJECT).region(REGION)
                        .runKey("demo/nightly-retraining#" + LocalDate.now())
                        .parameter("snapshot_date", LocalDate.now().toString()).parameter("epochs", "20")
                        .label("trigger", "cron")
                        .persistentResourceRuntime(new PersistentResourceRuntime(resource.name(), "5m", "FALL_BACK_TO_ON_DEMAND"))
                        .build());
                PipelineRunResult submitted = new PipelineSubmission(engine, connection).submit(request, true, progress).join();
                PipelineRunResult result = engine.pipelines(connection).await(PipelineJobName.parse("name",
                                request.parent() + "/pipelineJobs/" + request.jobId()),
                        PipelineWaitOptions.DEFAULT.withPolling(polling.withTimeout(Duration.ofMinutes(10))), progress).join();
                succeeded = result.succeeded();
                out.println("   " + result.jobId() + " ended " + result.outcome() + "; where each task ran (its CustomJob):");
                result.tasks().forEach(t -> out.println("     " + t.name() + ": " + (t.placement() == null ? "unknown"
                        : t.placement().onDemand() ? "on demand" : "persistent resource " + t.placement().persistentResource())
                        + (t.placement() != null && t.placement().waitedMs() != null && t.placement().waitedMs() > 0
                        ? ", after waiting " + Durations.format(Duration.ofMillis(t.placement().waitedMs())) : "")));
                result.metrics().forEach((task, metrics) -> out.println("   evaluation (" + task + "): "
                        + PipelineRunResult.formatMetrics(metrics)));
            } catch (Throwable e) {
                failure = e;
                throw e;
            } finally {
                out.println();
                out.println("== 3. Delete the persistent resource (no GPU cluster is left running)");
                // A failed clean-up is reported, but never in place of the pipeline's own failure.
                try {
                    PersistentResourceResult deleted = scope.close(PersistentResourceName.parse("name", resource.name()), !succeeded,
                            resource.outcome() == PersistentResourceResult.Outcome.REUSED, options, progress).join();
                    out.println("   " + deleted.name() + " is " + deleted.state() + "; resources left: "
                            + engine.persistentResources(connection).list(PROJECT, REGION).join().size());
                    cleanedUp = true;
                } catch (RuntimeException e) {
                    Throwable cause = Futures.unwrap(e);
                    commandSpec.commandLine().getErr().println("error: could not delete " + resource.name() + ": "
                            + (cause instanceof VertexException ? cause.getMessage() : cause.toString()));
                    if (failure != null) {
                        failure.addSuppressed(e);
                    }
                }
            }
            out.println();
            if (succeeded && cleanedUp) {
                out.println("Demo finished: the nightly run SUCCEEDED and the cluster is gone.");
                return 0;
            }
            out.println(succeeded ? "Demo finished: the nightly run SUCCEEDED, but the cluster could not be deleted (see the error above)."
                    : "Demo finished, but the run did not succeed.");
            return VertexAiCli.EXIT_FAILED;
        }
    }

    private static PipelineTemplate template() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/nightly-retraining.yaml")) {
            return PipelineTemplateParser.parse(in.readAllBytes(), "demo/nightly-retraining.yaml");
        }
    }
}
