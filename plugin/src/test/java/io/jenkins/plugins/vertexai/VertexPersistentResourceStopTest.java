package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** {@code vertexPersistentResource} across a restart, when aborted, and with each {@code ifExists}. */
class VertexPersistentResourceStopTest {
    static final String CREATE_PERSISTENT_RESOURCE = "google.cloud.aiplatform.v1.PersistentResourceService/CreatePersistentResource";

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private EmulatorSupport emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    /** A restart while the resource provisions: the step waits for it again, and nothing is created twice. */
    @Test
    void restartWhileProvisioning() throws Throwable {
        emulator = EmulatorSupport.start(1, Duration.ofSeconds(20), Duration.ofSeconds(2));
        sessions.then(j -> {
            emulator.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    def r = vertexPersistentResource persistentResourceId: 'restart-pool',
                            resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']
                    echo "ensured ${r.state}"
                    """, true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("create accepted", b);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("Resumed after a restart: ensure of projects/demo-project/locations/us-central1/persistentResources/restart-pool", b);
            j.assertLogContains("ensured RUNNING", b);
            assertThat(emulator.rpcCount(CREATE_PERSISTENT_RESOURCE), is(1L));
            assertThat(emulator.resources(), hasSize(1));
        });
    }

    /** Aborted while the resource it created provisions: the log says that it is left, and how to delete it. */
    @Test
    void abortWhileCreatingSaysWhatIsLeftRunning() throws Throwable {
        emulator = EmulatorSupport.start(1, Duration.ofMinutes(30), Duration.ofSeconds(2));
        sessions.then(j -> {
            emulator.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    vertexPersistentResource persistentResourceId: 'aborted-pool',
                            resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']
                    """, true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("create accepted", b);
            b.getExecutor().interrupt();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
            j.assertLogContains("which this step created: it is left on Vertex AI", b);
            j.assertLogContains("vertexPersistentResource(persistentResourceId: 'aborted-pool', action: 'delete')", b);
            j.assertLogContains("gcloud ai persistent-resources delete aborted-pool --project=demo-project --region=us-central1", b);
            List<PersistentResourceResult> left = emulator.resources();
            assertThat(left, hasSize(1));
            assertThat(left.get(0).state(), is("PROVISIONING"));
        });
    }

    /** Aborted while waiting for a resource that was there before: it is not this step's, and not said to be. */
    @Test
    void abortWhileWaitingForAnotherBuildsResourceLeavesItUnmentioned() throws Throwable {
        emulator = EmulatorSupport.start(1, Duration.ofMinutes(30), Duration.ofSeconds(2));
        sessions.then(j -> {
            emulator.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    vertexPersistentResource persistentResourceId: 'others-pool', wait: false,
                            resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']
                    echo 'now waiting for it'
                    vertexPersistentResource persistentResourceId: 'others-pool',
                            resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']
                    """, true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("now waiting for it", b);
            j.waitForMessage("exists, state PROVISIONING", b);
            b.getExecutor().interrupt();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
            j.assertLogNotContains("which this step created", b);
        });
    }

    @Test
    void ifExistsFailRefusesAndRecreateReplaces() throws Throwable {
        emulator = EmulatorSupport.start(1200);
        sessions.then(j -> {
            emulator.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    def first = vertexPersistentResource persistentResourceId: 'policy-pool',
                            resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']
                    try {
                        vertexPersistentResource persistentResourceId: 'policy-pool', ifExists: 'fail',
                                resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']
                        echo 'not refused'
                    } catch (e) {
                        echo "refused: ${e.message}"
                    }
                    def again = vertexPersistentResource persistentResourceId: 'policy-pool', ifExists: 'recreate',
                            resourcePoolSpecs: ['machine-type=n1-standard-8,replica-count=1']
                    echo "recreate ${again.outcome} ${again.pools[0].machineType} new=${again.createTime != first.createTime}"
                    """, true));
            WorkflowRun b = j.buildAndAssertSuccess(p);
            j.assertLogContains("and ifExists is 'fail'", b);
            j.assertLogNotContains("not refused", b);
            j.assertLogContains("recreate RECREATED n1-standard-8 new=true", b);
            assertThat(emulator.resources(), hasSize(1));
        });
    }
}
