package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import com.sun.net.httpserver.HttpServer;
import hudson.model.Result;
import hudson.model.TaskListener;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class VertexPipelineRunStepTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private EmulatorSupport emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    /** The nightly story: a resource of its own, a block-scoped one, two runs on it, everything cleaned up. */
    @Test
    void allThreeSteps() throws Throwable {
        emulator = EmulatorSupport.start(1200);
        sessions.then(j -> {
            emulator.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "nightly");
            EmulatorSupport.addTemplate(j, p);
            p.setDefinition(new CpsFlowDefinition("""
                    node {
                        def shared = vertexPersistentResource persistentResourceId: 'shared-pool',
                                resourcePools: [[machineType: 'n1-standard-4', replicaCount: 1]]
                        echo "shared ${shared.state}"
                        withVertexPersistentResource(persistentResourceId: 'training-pool',
                                resourcePoolSpecs: ['machine-type=n1-standard-8,replica-count=1']) {
                            def first = vertexPersistentResource persistentResourceId: 'training-pool', action: 'describe'
                            echo "block resource ${first.state}"
                            def a = vertexPipelineRun templatePath: 'retrain-pipeline.yaml',
                                    parameterValues: [epochs: 3, slice_name: 'europe'],
                                    taskResourceUnavailableWaitTimeMs: 600000,
                                    taskResourceUnavailableTimeoutBehavior: 'FALL_BACK_TO_ON_DEMAND'
                            echo "run A ${a.outcome} ${a.jobId}"
                            echo "run A first task on ${a.tasks[0].persistentResource}, metrics ${a.metrics}"
                            def b = vertexPipelineRun templatePath: 'retrain-pipeline.yaml',
                                    parameterValues: [slice_name: 'asia'], labels: [slice: 'asia']
                            echo "run B ${b.outcome} ${b.jobId}"
                        }
                        vertexPersistentResource persistentResourceId: 'shared-pool', action: 'delete'
                    }
                    """, true));
            WorkflowRun b = j.buildAndAssertSuccess(p);
            j.assertLogContains("shared RUNNING", b);
            j.assertLogContains("block resource RUNNING", b);
            j.assertLogContains("run A SUCCEEDED", b);
            // Where it ran comes from the task's CustomJob; the block exported the name with the project number.
            j.assertLogContains("run A first task on training-pool, metrics [:]", b);
            j.assertLogContains("run B SUCCEEDED", b);
            j.assertLogContains("Using the persistent resource from VERTEX_PERSISTENT_RESOURCE", b);
            j.assertLogContains("runs on persistent resource projects/demo-project/locations/us-central1/persistentResources/training-pool", b);
            List<PipelineRunResult> jobs = emulator.pipelineJobs();
            assertThat(jobs, hasSize(2));
            assertThat(jobs.get(0).jobId(), startsWith("retrain-model-"));
            assertThat(emulator.resources(), is(empty()));
            VertexAiRunAction action = b.getAction(VertexAiRunAction.class);
            assertThat(action.getPipelineJobs(), hasSize(2));
            assertThat(action.getPipelineJobs().get(0).getState(), is("SUCCEEDED"));
        });
    }

    /** A restart while the run waits: the step re-attaches by name, and no second job is submitted. */
    @Test
    void restartWhileWaiting() throws Throwable {
        emulator = EmulatorSupport.start(20);
        sessions.then(j -> {
            emulator.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            EmulatorSupport.addTemplate(j, p);
            p.setDefinition(new CpsFlowDefinition("""
                    def r
                    node {
                        r = vertexPipelineRun templatePath: 'retrain-pipeline.yaml', parameterValues: [epochs: 2]
                    }
                    echo "finished ${r.outcome}"
                    """, true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("submitted", b);
            emulator.awaitFirstPipelineJob();
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("Resumed after a restart: waiting again for pipeline job", b);
            j.assertLogContains("finished SUCCEEDED", b);
            assertThat(emulator.pipelineJobs(), hasSize(1));
            // Re-attached by name: the job was not even asked for a second time.
            assertThat(emulator.rpcCount(EmulatorSupport.CREATE_PIPELINE_JOB), is(1L));
        });
    }

    /** Aborted while the template is still being read: nothing is sent, then or later. */
    @Test
    void abortBeforeSubmittingSendsNothing() throws Throwable {
        emulator = EmulatorSupport.start(1200);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch served = new CountDownLatch(1);
        byte[] template;
        try (InputStream in = EmulatorSupport.class.getResourceAsStream(EmulatorSupport.TEMPLATE)) {
            template = in.readAllBytes();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/retrain.yaml", exchange -> {
            try {
                requested.countDown();
                release.await(); // the step waits here for its template while the build is aborted
                exchange.sendResponseHeaders(200, template.length);
                exchange.getResponseBody().write(template);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
                served.countDown();
            }
        });
        server.start();
        try {
            sessions.then(j -> {
                emulator.configure(j);
                VertexAiGlobalConfiguration.get().setTrustedTemplateHosts("127.0.0.1"); // fetched by the controller
                WorkflowJob p = j.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition("vertexPipelineRun templatePath: 'http://127.0.0.1:"
                        + server.getAddress().getPort() + "/retrain.yaml'", true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                requested.await();
                b.getExecutor().interrupt();
                j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
                release.countDown();
                served.await();
                Thread.sleep(2000); // the preparation now finds the step stopped
                assertThat(emulator.rpcCount(EmulatorSupport.CREATE_PIPELINE_JOB), is(0L));
                assertThat(emulator.pipelineJobs(), is(empty()));
            });
        } finally {
            server.stop(0);
        }
    }

    /**
     * Aborted while the create is on its way: the submission is not cut short (the job may be made anyway) but
     * awaited, then the job is cancelled. At most one job, and never one left running.
     */
    @Test
    void abortWhileSubmittingLeavesNoRunningJob() throws Throwable {
        emulator = EmulatorSupport.start(1);
        sessions.then(j -> {
            emulator.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            EmulatorSupport.addTemplate(j, p);
            p.setDefinition(new CpsFlowDefinition("""
                    node {
                        vertexPipelineRun templatePath: 'retrain-pipeline.yaml'
                    }
                    """, true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("submitting pipeline", b);
            b.getExecutor().interrupt();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
            assertThat(emulator.rpcCount(EmulatorSupport.CREATE_PIPELINE_JOB), lessThanOrEqualTo(1L));
            List<PipelineRunResult> jobs = emulator.pipelineJobs();
            assertThat(jobs.size(), lessThanOrEqualTo(1));
            for (PipelineRunResult job : jobs) {
                assertThat(job.state(), is("CANCELLED"));
            }
        });
    }

    /** Aborting the build cancels the remote job and follows it to CANCELLED. */
    @Test
    void abortCancelsTheJob() throws Throwable {
        emulator = EmulatorSupport.start(1);
        sessions.then(j -> {
            emulator.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            EmulatorSupport.addTemplate(j, p);
            p.setDefinition(new CpsFlowDefinition("""
                    node {
                        vertexPipelineRun templatePath: 'retrain-pipeline.yaml'
                    }
                    """, true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("submitted", b);
            emulator.awaitFirstPipelineJob();
            b.getExecutor().interrupt();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
            j.assertLogContains("cancelling", b);
            List<PipelineRunResult> jobs = emulator.pipelineJobs();
            assertThat(jobs, hasSize(1));
            assertThat(jobs.get(0).state(), is("CANCELLED"));
        });
    }

    @Test
    void templateOutsideTheWorkspaceIsRefused() throws Throwable {
        emulator = EmulatorSupport.start(1200);
        sessions.then(j -> {
            emulator.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    node {
                        vertexPipelineRun templatePath: '/etc/passwd'
                    }
                    """, true));
            WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
            j.assertLogContains("is not inside the workspace", b);
            assertThat(emulator.pipelineJobs(), is(empty()));
        });
    }

    @Test
    void aWorkspaceTemplateNeedsANode() throws Throwable {
        emulator = EmulatorSupport.start(1200);
        sessions.then(j -> {
            emulator.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("vertexPipelineRun templatePath: 'retrain-pipeline.yaml'", true));
            WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
            j.assertLogContains("run the step inside a node block", b);
        });
    }

    @Test
    void configRoundTrip() throws Throwable {
        sessions.then(j -> {
            VertexPipelineRunStep step = new VertexPipelineRunStep("pipelines/retrain.yaml");
            step.setProjectId("ml-project");
            step.setRegion("europe-west4");
            step.setCredentialsId("vertex-sa");
            step.setPipelineRoot("gs://ml-bucket/root");
            step.setDisplayName("Nightly retraining");
            step.setJobId("retrain-42");
            step.setFailurePolicy("fast");
            step.setPersistentResourceId("training-pool");
            step.setTaskResourceUnavailableWaitTimeMs(600000L);
            step.setTaskResourceUnavailableTimeoutBehavior("FALL_BACK_TO_ON_DEMAND");
            step.setServiceAccount("runner@ml-project.iam.gserviceaccount.com");
            step.setNetwork("projects/123/global/networks/default");
            step.setKmsKeyName("projects/ml-project/locations/europe-west4/keyRings/r/cryptoKeys/k");
            step.setWait(false);
            step.setTimeoutMinutes(90);
            step.setCancelOnAbort(false);
            step.setPropagate(false);
            j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));

            step.setParameterValues(Map.of("epochs", 10));
            step.setInputArtifacts(Map.of("dataset", "1234"));
            step.setLabels(Map.of("team", "ml"));
            step.setEnableCaching(false);
            step.setReservedIpRanges(List.of("range-a"));
            String groovy = Snippetizer.object2Groovy(step);
            assertThat(groovy, containsString("vertexPipelineRun"));
            assertThat(groovy, containsString("parameterValues: [epochs: 10]"));
            assertThat(groovy, containsString("enableCaching: false"));
            j.assertEqualDataBoundBeans(step, UninstantiatedDescribable.from(step).instantiate(VertexPipelineRunStep.class, TaskListener.NULL));
        });
    }
}
