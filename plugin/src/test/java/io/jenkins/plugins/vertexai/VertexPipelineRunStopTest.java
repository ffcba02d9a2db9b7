package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** How {@code vertexPipelineRun} ends other than by success: propagate, cancelOnAbort, timeout, a second abort. */
@WithJenkins
class VertexPipelineRunStopTest {
    static final String CANCEL_PIPELINE_JOB = "google.cloud.aiplatform.v1beta1.PipelineService/CancelPipelineJob";

    private EmulatorSupport emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    /** Jobs stay RUNNING (no task starts) for an hour of real time: long enough to stop them. */
    private static VertexAiEmulator.Builder holdingJobs() {
        return VertexAiEmulator.builder().speed(1).holdPipelineJobs(".*", Duration.ofHours(1));
    }

    private WorkflowJob job(JenkinsRule j, String script) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        EmulatorSupport.addTemplate(j, p);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void propagateFalseReturnsAFailedRunInsteadOfFailing(JenkinsRule j) throws Exception {
        emulator = EmulatorSupport.start(1200);
        emulator.emulator.failTasks("train", "out of memory");
        WorkflowJob p = job(j, """
                node {
                    def r = vertexPipelineRun templatePath: 'retrain-pipeline.yaml', propagate: false
                    echo "run ${r.state}"
                    for (t in r.tasks) {
                        echo "task ${t.name} ${t.state}"
                    }
                }
                """);
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("run FAILED", b);
        j.assertLogContains("task train FAILED", b);
    }

    @Test
    void cancelOnAbortFalseLeavesTheJobRunning(JenkinsRule j) throws Exception {
        emulator = EmulatorSupport.start(holdingJobs());
        WorkflowJob p = job(j, "node { vertexPipelineRun templatePath: 'retrain-pipeline.yaml', cancelOnAbort: false }");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("submitted", b);
        emulator.awaitFirstPipelineJob();
        b.getExecutor().interrupt();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("cancelOnAbort is false", b);
        assertThat(emulator.rpcCount(CANCEL_PIPELINE_JOB), is(0L));
        List<PipelineRunResult> jobs = emulator.pipelineJobs();
        assertThat(jobs, hasSize(1));
        assertThat(jobs.get(0).state(), is("RUNNING"));
    }

    /** A stop from {@code timeout} is a stop like an abort: the job is cancelled and followed to CANCELLED. */
    @Test
    void aTimeoutCancelsTheJob(JenkinsRule j) throws Exception {
        emulator = EmulatorSupport.start(holdingJobs().jobCancellingTime(Duration.ofSeconds(2)));
        WorkflowJob p = job(j, """
                node {
                    timeout(time: 15, unit: 'SECONDS') {
                        vertexPipelineRun templatePath: 'retrain-pipeline.yaml'
                    }
                }
                """);
        WorkflowRun b = j.assertBuildStatus(Result.ABORTED, p.scheduleBuild2(0));
        j.assertLogContains("Timeout has been exceeded", b);
        List<PipelineRunResult> jobs = emulator.pipelineJobs();
        assertThat(jobs, hasSize(1));
        assertThat(jobs.get(0).state(), is("CANCELLED"));
    }

    /** The first abort cancels and follows the job; a second one stops following (Vertex AI goes on cancelling). */
    @Test
    void aSecondAbortStopsWaitingForTheCancellation(JenkinsRule j) throws Exception {
        emulator = EmulatorSupport.start(holdingJobs().jobCancellingTime(Duration.ofHours(1)));
        WorkflowJob p = job(j, "node { vertexPipelineRun templatePath: 'retrain-pipeline.yaml' }");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("submitted", b);
        emulator.awaitFirstPipelineJob();
        b.getExecutor().interrupt();
        j.waitForMessage("CANCELLING", b);
        assertThat("still following the cancellation", b.isBuilding(), is(true));
        b.getExecutor().interrupt();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        assertThat(emulator.rpcCount(CANCEL_PIPELINE_JOB), is(1L));
        assertThat(emulator.pipelineJobs().get(0).state(), is("CANCELLING"));
    }

    /** The result maps are plain lists and maps: a sandboxed Jenkinsfile reads nested values without any approval. */
    @Test
    void nestedResultsNeedNoScriptApproval(JenkinsRule j) throws Exception {
        emulator = EmulatorSupport.start(1200);
        WorkflowJob p = job(j, """
                node {
                    def pr = vertexPersistentResource persistentResourceId: 'sandbox-pool',
                            resourcePools: [[machineType: 'n1-standard-4', replicaCount: 2]]
                    echo "pool ${pr.pools[0].machineType} x${pr.pools[0].replicaCount} of ${pr.pools.size()}"
                    def r = vertexPipelineRun templatePath: 'retrain-pipeline.yaml'
                    echo "run ${r.state} with ${r.tasks.size() > 1} tasks"
                    for (t in r.tasks) {
                        echo "task ${t.name} ${t.state} ${t.durationSeconds != null}"
                    }
                    vertexPersistentResource persistentResourceId: 'sandbox-pool', action: 'delete'
                }
                """);
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("pool n1-standard-4 x2 of 1", b);
        j.assertLogContains("run SUCCEEDED with true tasks", b);
        j.assertLogContains("task prepare SUCCEEDED true", b);
        j.assertLogContains("task train SUCCEEDED true", b);
        // In the sandbox, any access not whitelisted would have failed the build with a RejectedAccessException.
        j.assertLogNotContains("Scripts not permitted", b);
    }
}
