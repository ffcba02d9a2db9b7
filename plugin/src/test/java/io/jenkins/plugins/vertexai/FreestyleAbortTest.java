package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Aborting a freestyle build that runs the builders: the same guarantees as the Pipeline steps. */
@WithJenkins
class FreestyleAbortTest {
    private EmulatorSupport emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private FreeStyleProject pipelineProject(JenkinsRule j) throws Exception {
        emulator.configure(j);
        FreeStyleProject p = j.createFreeStyleProject("fs");
        EmulatorSupport.addTemplate(j, p);
        p.getBuildersList().add(new VertexPipelineRunBuilder(EmulatorSupport.TEMPLATE));
        return p;
    }

    @Test
    void abortCancelsTheRun(JenkinsRule j) throws Exception {
        emulator = EmulatorSupport.start(VertexAiEmulator.builder().speed(1).holdPipelineJobs(".*", Duration.ofHours(1)));
        FreeStyleProject p = pipelineProject(j);
        FreeStyleBuild b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("submitted", b);
        emulator.awaitFirstPipelineJob();
        b.getExecutor().interrupt();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        List<PipelineRunResult> jobs = emulator.pipelineJobs();
        assertThat(jobs, hasSize(1));
        assertThat(jobs.get(0).state(), is("CANCELLED"));
    }

    /**
     * Aborted while the create is on its way: the submission is awaited (bounded), not cut short, then the job is
     * cancelled. At most one job, and never one left running.
     */
    @Test
    void abortWhileSubmittingLeavesNoRunningJob(JenkinsRule j) throws Exception {
        emulator = EmulatorSupport.start(VertexAiEmulator.builder().speed(1).holdPipelineJobs(".*", Duration.ofHours(1)));
        FreeStyleProject p = pipelineProject(j);
        FreeStyleBuild b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("submitting pipeline", b);
        b.getExecutor().interrupt();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        assertThat(emulator.rpcCount(EmulatorSupport.CREATE_PIPELINE_JOB), lessThanOrEqualTo(1L));
        List<PipelineRunResult> jobs = emulator.pipelineJobs();
        assertThat(jobs.size(), lessThanOrEqualTo(1));
        for (PipelineRunResult job : jobs) {
            assertThat(job.state(), is("CANCELLED"));
        }
    }

    @Test
    void cancelOnAbortFalseLeavesTheRunAlone(JenkinsRule j) throws Exception {
        emulator = EmulatorSupport.start(VertexAiEmulator.builder().speed(1).holdPipelineJobs(".*", Duration.ofHours(1)));
        FreeStyleProject p = pipelineProject(j);
        ((VertexPipelineRunBuilder) p.getBuildersList().get(0)).setCancelOnAbort(false);
        FreeStyleBuild b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("submitted", b);
        emulator.awaitFirstPipelineJob();
        b.getExecutor().interrupt();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("cancelOnAbort is false", b);
        assertThat(emulator.pipelineJobs().get(0).state(), is("RUNNING"));
    }

    /** Aborted while the resource it created provisions: the log says that it is left, and how to delete it. */
    @Test
    void abortWhileCreatingAResourceSaysWhatIsLeft(JenkinsRule j) throws Exception {
        emulator = EmulatorSupport.start(1, Duration.ofMinutes(30), Duration.ofSeconds(2));
        emulator.configure(j);
        FreeStyleProject p = j.createFreeStyleProject("fs");
        VertexPersistentResourceBuilder ensure = new VertexPersistentResourceBuilder("fs-pool");
        ensure.setResourcePoolSpecs("machine-type=n1-standard-4,replica-count=1");
        p.getBuildersList().add(ensure);
        FreeStyleBuild b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("create accepted", b);
        b.getExecutor().interrupt();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("which this step created: it is left on Vertex AI", b);
        j.assertLogContains("gcloud ai persistent-resources delete fs-pool --project=demo-project --region=us-central1", b);
        List<PersistentResourceResult> left = emulator.resources();
        assertThat(left, hasSize(1));
        assertThat(left.get(0).state(), is("PROVISIONING"));
    }
}
