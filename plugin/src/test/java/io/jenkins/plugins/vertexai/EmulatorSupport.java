package io.jenkins.plugins.vertexai;

import hudson.FilePath;
import hudson.model.TopLevelItem;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.time.Duration;
import java.util.List;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The Vertex AI emulator started for one test, and the global configuration pointed at it. Checks on the remote
 * side go through an engine of the test's own, as a second client would.
 */
final class EmulatorSupport implements AutoCloseable {
    static final String PROJECT = "demo-project";
    static final String REGION = "us-central1";
    static final String TEMPLATE = "retrain-pipeline.yaml";
    static final String CREATE_PIPELINE_JOB = "google.cloud.aiplatform.v1beta1.PipelineService/CreatePipelineJob";

    final VertexAiEmulator emulator;
    private final VertexEngine engine = new VertexEngine();
    private final VertexConnection connection;

    private EmulatorSupport(VertexAiEmulator emulator) {
        this.emulator = emulator;
        this.connection = VertexConnection.emulator(emulator.hostPort());
    }

    /** @param speed simulated seconds per real second: high for quick runs, low to catch a run while it is going */
    static EmulatorSupport start(double speed) {
        return start(speed, Duration.ofMinutes(10), Duration.ofMinutes(2));
    }

    /** @param provisioning and {@code delete}: simulated time for a persistent resource to come up and to go */
    static EmulatorSupport start(double speed, Duration provisioning, Duration delete) {
        return new EmulatorSupport(VertexAiEmulator.builder().port(0).speed(speed)
                .provisioningTime(provisioning).rebootTime(Duration.ofMinutes(4)).deleteTime(delete)
                .seed(7).build().start());
    }

    /** An emulator of the test's own making (e.g. with jobs held running, or slow to cancel). */
    static EmulatorSupport start(VertexAiEmulator.Builder builder) {
        return new EmulatorSupport(builder.port(0).seed(7).build().start());
    }

    /** Points the plugin at the emulator, with defaults so that steps need no project or region. */
    void configure(JenkinsRule j) {
        VertexAiGlobalConfiguration c = VertexAiGlobalConfiguration.get();
        c.setApiEndpoint("http://" + emulator.hostPort());
        c.setProjectId(PROJECT);
        c.setRegion(REGION);
        c.setMaxPollIntervalSeconds(1);
    }

    /** Puts the test pipeline template into the job's workspace. */
    static void addTemplate(JenkinsRule j, TopLevelItem job) throws Exception {
        FilePath ws = j.jenkins.getWorkspaceFor(job);
        ws.child(TEMPLATE).copyFrom(EmulatorSupport.class.getResource(TEMPLATE));
        ws.child("resource-config.yaml").copyFrom(EmulatorSupport.class.getResource("resource-config.yaml"));
    }

    /** A resource's name as the service returns it: with the project number (requests may use the id). */
    String returnedResourceName(String id) {
        return "projects/" + emulator.projectNumber(PROJECT) + "/locations/" + REGION + "/persistentResources/" + id;
    }

    List<PersistentResourceResult> resources() {
        return engine.persistentResources(connection).list(PROJECT, REGION).join();
    }

    List<PipelineRunResult> pipelineJobs() {
        return engine.pipelines(connection).list(PROJECT, REGION, null).join();
    }

    /** How often the plugin called {@code fullMethodName}, e.g. {@link #CREATE_PIPELINE_JOB}. */
    long rpcCount(String fullMethodName) {
        return emulator.stats().rpcCount(fullMethodName);
    }

    /** Waits until the emulator has at least one pipeline job (a build submitted it). */
    PipelineRunResult awaitFirstPipelineJob() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            List<PipelineRunResult> jobs = pipelineJobs();
            if (!jobs.isEmpty()) {
                return jobs.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no pipeline job was submitted");
    }

    @Override
    public void close() {
        engine.close();
        emulator.close();
    }
}
