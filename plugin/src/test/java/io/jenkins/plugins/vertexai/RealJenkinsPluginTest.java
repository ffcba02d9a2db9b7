package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

import hudson.PluginWrapper;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import io.jenkins.plugins.vertexai.emulator.storage.StorageFolderServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.RealJenkinsExtension;

/**
 * The plugin as Jenkins really loads it: in a controller JVM of its own, from the plugin's manifest (its class
 * loader, {@code maskClasses} and the bundled gRPC, protobuf and Google client libraries, next to google-oauth-plugin
 * with its older copies), not from the test classpath. The emulator runs in this (test) JVM; the controller reaches
 * it over loopback: its port goes in as an argument, the Cloud Storage emulator's address as the controller's
 * {@code STORAGE_EMULATOR_HOST}.
 */
class RealJenkinsPluginTest {
    private static final String SHORT_NAME = "vertex-ai-pipelines";

    @RegisterExtension
    private final RealJenkinsExtension jenkins = new RealJenkinsExtension();

    @TempDir
    private Path gcs;

    @Test
    void runsAPipelineFromCloudStorageAndReadsTheResult() throws Throwable {
        try (InputStream in = EmulatorSupport.class.getResourceAsStream(EmulatorSupport.TEMPLATE)) {
            Path object = gcs.resolve("ml-bucket/pipelines/retrain.yaml");
            Files.createDirectories(object.getParent());
            Files.write(object, in.readAllBytes());
        }
        try (EmulatorSupport emulator = EmulatorSupport.start(1200);
             StorageFolderServer storage = StorageFolderServer.start(gcs)) {
            jenkins.extraEnv(PipelineRunRequest.STORAGE_EMULATOR_HOST, storage.host()).startJenkins();
            RealJenkinsExtension.StepWithReturnAndOneArg<String, Integer> run = RealJenkinsPluginTest::runPipeline;
            String jobId = jenkins.runRemotely(run, emulator.emulator.port());

            List<PipelineRunResult> jobs = emulator.pipelineJobs();
            assertThat(jobs, hasSize(1));
            assertThat(jobs.get(0).jobId(), is(jobId));
            assertThat(jobs.get(0).state(), is("SUCCEEDED"));
            assertThat("the template was read from the storage emulator", storage.requests(),
                    hasItem(containsString("retrain.yaml")));
        }
    }

    /** Runs in the controller's JVM. */
    private static String runPipeline(JenkinsRule r, Integer emulatorPort) throws Throwable {
        PluginWrapper plugin = r.jenkins.getPluginManager().getPlugin(SHORT_NAME);
        PluginWrapper oauth = r.jenkins.getPluginManager().getPlugin("google-oauth-plugin");
        // maskClasses: the plugin's google-http-client is its own bundled copy, not google-oauth-plugin's older one.
        String httpTransport = "com.google.api.client.http.HttpTransport";
        assertThat(plugin.classLoader.loadClass(httpTransport), not(sameInstance(oauth.classLoader.loadClass(httpTransport))));
        assertThat(plugin.classLoader.loadClass("com.google.protobuf.Message").getProtectionDomain().getCodeSource().getLocation()
                .toString(), containsString("protobuf-java"));

        VertexAiGlobalConfiguration c = VertexAiGlobalConfiguration.get();
        c.setApiEndpoint("http://127.0.0.1:" + emulatorPort);
        c.setProjectId(EmulatorSupport.PROJECT);
        c.setRegion(EmulatorSupport.REGION);
        c.setMaxPollIntervalSeconds(1);
        WorkflowJob p = r.createProject(WorkflowJob.class, "real");
        p.setDefinition(new CpsFlowDefinition("""
                def run = vertexPipelineRun templatePath: 'gs://ml-bucket/pipelines/retrain.yaml', parameterValues: [epochs: 2]
                echo "run ${run.state} ${run.outcome}"
                for (t in run.tasks) {
                    echo "task ${t.name} ${t.state}"
                }
                echo "job id: ${run.jobId}"
                """, true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("from gs://ml-bucket/pipelines/retrain.yaml", b);
        r.assertLogContains("run SUCCEEDED SUCCEEDED", b);
        r.assertLogContains("task train SUCCEEDED", b);
        String log = JenkinsRule.getLog(b);
        int at = log.indexOf("job id: ");
        return log.substring(at + "job id: ".length(), log.indexOf('\n', at)).trim();
    }
}
