package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.StringParameterDefinition;
import hudson.model.StringParameterValue;
import hudson.model.Cause;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class FreestyleBuildersTest {
    private EmulatorSupport emulator;

    @BeforeEach
    void startEmulator() {
        emulator = EmulatorSupport.start(1200);
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void resourceThenRunThenDelete(JenkinsRule j) throws Exception {
        emulator.configure(j);
        FreeStyleProject p = j.createFreeStyleProject("fs");
        EmulatorSupport.addTemplate(j, p);
        p.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("EPOCHS", "4"),
                new StringParameterDefinition("POOL", "fs-pool")));

        VertexPersistentResourceBuilder ensure = new VertexPersistentResourceBuilder("${POOL}");
        ensure.setResourcePoolSpecs("machine-type=n1-standard-4,replica-count=1");
        ensure.setLabels("team=ml, build=${BUILD_NUMBER}");
        VertexPipelineRunBuilder run = new VertexPipelineRunBuilder(EmulatorSupport.TEMPLATE);
        run.setParameterValues("epochs=${EPOCHS}\nslice_name=freestyle");
        Map<String, String> seen = new HashMap<>();
        TestBuilder capture = new TestBuilder() {
            @Override
            public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener) throws java.io.IOException, InterruptedException {
                var env = build.getEnvironment(listener);
                for (String k : List.of(VertexAiEnvironmentAction.PERSISTENT_RESOURCE, VertexAiEnvironmentAction.PIPELINE_JOB_NAME,
                        VertexAiEnvironmentAction.PIPELINE_JOB_STATE)) {
                    seen.put(k, env.get(k));
                }
                return true;
            }
        };
        VertexPersistentResourceBuilder delete = new VertexPersistentResourceBuilder("${POOL}");
        delete.setAction("delete");
        p.getBuildersList().addAll(List.of(ensure, run, capture, delete));

        FreeStyleBuild b = j.assertBuildStatusSuccess(p.scheduleBuild2(0, new Cause.UserIdCause(),
                new ParametersAction(new StringParameterValue("EPOCHS", "4"), new StringParameterValue("POOL", "fs-pool"))));
        assertThat(seen.get(VertexAiEnvironmentAction.PERSISTENT_RESOURCE), is(emulator.returnedResourceName("fs-pool")));
        assertThat(seen.get(VertexAiEnvironmentAction.PIPELINE_JOB_NAME), startsWith("projects/demo-project/locations/us-central1/pipelineJobs/retrain-model-"));
        assertThat(seen.get(VertexAiEnvironmentAction.PIPELINE_JOB_STATE), is("SUCCEEDED"));
        j.assertLogContains("Using the persistent resource from VERTEX_PERSISTENT_RESOURCE", b);
        // Progress lines carry the time since the operation began; the time of day is Timestamper's.
        String log = JenkinsRule.getLog(b);
        assertThat(log, matchesPattern("(?s).*\\[Vertex AI\\] \\[\\d\\d:\\d\\d\\] .*"));
        assertThat(log, not(matchesPattern("(?s).*\\[Vertex AI\\] \\d\\d:\\d\\d:\\d\\d .*")));
        assertThat(emulator.pipelineJobs(), hasSize(1));
        assertThat(emulator.resources(), is(empty()));
    }

    @Test
    void configRoundTrips(JenkinsRule j) throws Exception {
        VertexPersistentResourceBuilder resource = new VertexPersistentResourceBuilder("nightly-pool");
        resource.setProjectId("ml-project");
        resource.setRegion("europe-west4");
        resource.setDisplayName("Nightly");
        ResourcePool pool = new ResourcePool();
        pool.setId("gpu");
        pool.setMachineType("n1-standard-8");
        pool.setReplicaCount(1);
        pool.setMinReplicaCount(1);
        pool.setMaxReplicaCount(3);
        pool.setAcceleratorType("NVIDIA_TESLA_T4");
        pool.setAcceleratorCount(1);
        pool.setDiskType("pd-ssd");
        pool.setDiskSizeGb(200);
        resource.setResourcePools(List.of(pool));
        resource.setResourcePoolSpecs("machine-type=n1-standard-4,replica-count=1");
        resource.setConfig("ci/resource.yaml");
        resource.setEnableCustomServiceAccount(false);
        resource.setServiceAccount("runner@ml-project.iam.gserviceaccount.com");
        resource.setNetwork("projects/123/global/networks/default");
        resource.setLabels("team=ml");
        resource.setKmsKeyName("projects/ml-project/locations/europe-west4/keyRings/r/cryptoKeys/k");
        resource.setReservedIpRanges("range-a");
        resource.setAction("reboot");
        resource.setIfExists("recreate");
        resource.setWait(false);
        resource.setTimeoutMinutes("45");
        j.assertEqualDataBoundBeans(resource, j.configRoundtrip(resource));

        VertexPipelineRunBuilder run = new VertexPipelineRunBuilder("pipelines/retrain.yaml");
        run.setProjectId("ml-project");
        run.setRegion("europe-west4");
        run.setPipelineRoot("gs://ml-bucket/root");
        run.setDisplayName("Nightly");
        run.setJobId("retrain-${BUILD_NUMBER}");
        run.setParameterValues("epochs=10\nslice_name=eu");
        run.setInputArtifacts("dataset=1234");
        run.setEnableCaching("false");
        run.setLabels("team=ml");
        run.setServiceAccount("runner@ml-project.iam.gserviceaccount.com");
        run.setNetwork("projects/123/global/networks/default");
        run.setReservedIpRanges("range-a");
        run.setKmsKeyName("projects/ml-project/locations/europe-west4/keyRings/r/cryptoKeys/k");
        run.setFailurePolicy("fast");
        run.setPersistentResourceId("training-pool");
        run.setTaskResourceUnavailableWaitTimeMs("10m");
        run.setTaskResourceUnavailableTimeoutBehavior("FAIL");
        run.setWait(false);
        run.setTimeoutMinutes("120");
        run.setCancelOnAbort(false);
        run.setPropagate(false);
        j.assertEqualDataBoundBeans(run, j.configRoundtrip(run));
    }
}
