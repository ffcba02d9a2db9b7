package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.async.Backoff;
import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.resource.EnsureOptions;
import io.jenkins.plugins.vertexai.core.resource.IfExists;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceManager;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.PoolStatus;
import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpecParser;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The project's main job: the nightly-retraining story on an embedded emulator, through the same engine and
 * the unchanged official client that talk to Google Cloud.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the nightly-retraining story against an embedded Vertex AI emulator (no cloud, no credentials).")
final class DemoCommand implements Callable<Integer> {
    static final String PROJECT = "demo-project";
    static final String REGION = "us-central1";

    @Option(names = "--speed", defaultValue = "120", description = "Simulated seconds per real second (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--provisioning-time", defaultValue = "10m", converter = DurationConverter.class,
            description = "Simulated provisioning time of the persistent resource (default: ${DEFAULT-VALUE})")
    Duration provisioningTime;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        try (VertexAiEmulator emulator = VertexAiEmulator.builder().port(0).speed(speed)
                .provisioningTime(provisioningTime).deleteTime(Duration.ofMinutes(2)).build().start();
             VertexEngine engine = new VertexEngine()) {
            out.printf("Vertex AI emulator on %s (simulated clock ×%.0f: %s of provisioning takes about %.0f s)%n",
                    emulator.hostPort(), speed, provisioningTime.toMinutes() + " min", provisioningTime.toSeconds() / speed);
            VertexConnection connection = VertexConnection.emulator(emulator.hostPort());
            PersistentResourceManager resources = engine.persistentResources(connection);
            ConsoleProgress progress = new ConsoleProgress(out);
            // The emulator's clock is compressed, so poll as often as the real service would be polled per simulated minute.
            EnsureOptions options = new EnsureOptions(IfExists.REUSE, true,
                    new PollingPolicy(new Backoff(Duration.ofMillis(200), 1.5, Duration.ofSeconds(1)), Duration.ofMinutes(5)));

            PersistentResourceSpec spec = PersistentResourceSpec.builder()
                    .persistentResourceId("nightly-retraining").project(PROJECT).region(REGION)
                    .displayName("Nightly retraining cluster")
                    .addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,min-replica-count=1,max-replica-count=3,machine-type=n1-standard-8,disk-type=pd-ssd,disk-size=200"))
                    .addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,machine-type=n1-standard-8,accelerator-type=NVIDIA_TESLA_T4,accelerator-count=1"))
                    .label("team", "ml-platform").label("schedule", "nightly")
                    .build();

            out.println();
            out.println("== 1. Ensure the persistent resource (created, then waited for until RUNNING)");
            PersistentResourceResult created = resources.ensure(spec, options, progress).join();
            out.println("   " + created.name() + " is " + created.state());
            created.pools().forEach(p -> out.println("   pool " + p.describe()));

            out.println();
            out.println("== 2. Ensure again: the running resource is reused, nothing is created twice");
            PersistentResourceResult reused = resources.ensure(spec, options, progress).join();
            out.println("   outcome: " + reused.outcome() + ", resources in the project: "
                    + resources.list(PROJECT, REGION).join().size());

            out.println();
            out.println("== 3. Delete it (no GPU cluster is left running)");
            PersistentResourceResult deleted = resources.delete(PersistentResourceName.parse("name", created.name()), options, progress).join();
            out.println("   " + deleted.name() + " is " + deleted.state() + "; resources left: "
                    + resources.list(PROJECT, REGION).join().size());
            out.println();
            out.println("Demo finished: " + created.pools().stream().mapToLong(PoolStatus::usedReplicaCount).sum()
                    + " replicas provisioned, used and released.");
            return 0;
        }
    }
}
