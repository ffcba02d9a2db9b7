package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import hudson.model.TaskListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class WithVertexPersistentResourceStepTest {
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
    void bodySeesTheResourceWhichIsDeletedAfterwards(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                def value = withVertexPersistentResource(persistentResourceId: 'block-pool',
                        resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']) {
                    echo "inside: ${env.VERTEX_PERSISTENT_RESOURCE}"
                    'body result'
                }
                echo "after: ${env.VERTEX_PERSISTENT_RESOURCE} ${value}"
                """, true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        // The exported name is the service's, with the project number: the run in the block accepts it.
        j.assertLogContains("inside: " + emulator.returnedResourceName("block-pool"), b);
        j.assertLogContains("after: null body result", b);
        assertThat(emulator.resources(), is(empty()));
    }

    @Test
    void aFailingBodyStillDeletesAndKeepsItsFailure(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                withVertexPersistentResource(persistentResourceId: 'failing-block',
                        resourcePools: [[machineType: 'n1-standard-4', replicaCount: 1]]) {
                    error 'training went wrong'
                }
                """, true));
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("training went wrong", b);
        assertThat(emulator.resources(), is(empty()));
    }

    @Test
    void keepOnFailureKeepsIt(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                withVertexPersistentResource(persistentResourceId: 'kept-block', keep: 'onFailure',
                        resourcePools: [[machineType: 'n1-standard-4', replicaCount: 1]]) {
                    error 'look at me'
                }
                """, true));
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("kept (keep: onFailure, the block failed)", b);
        assertThat(emulator.resources(), hasSize(1));
    }

    @Test
    void abortDuringTheBodyDeletes(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                withVertexPersistentResource(persistentResourceId: 'aborted-block',
                        resourcePools: [[machineType: 'n1-standard-4', replicaCount: 1]]) {
                    echo 'body running'
                    sleep 600
                }
                """, true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("body running", b);
        b.getExecutor().interrupt();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        assertThat(emulator.resources(), is(empty()));
    }

    /** Provisioning ends in ERROR: core deletes what it made (keep: never) and the step fails with that error. */
    @Test
    void aResourceThatFailsToComeUpIsDeleted(JenkinsRule j) throws Exception {
        emulator.configure(j);
        emulator.emulator.failProvisioning("broken-block", "the zone has no capacity for n1-standard-4");
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                withVertexPersistentResource(persistentResourceId: 'broken-block',
                        resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']) {
                    echo 'the body ran'
                }
                """, true));
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("the zone has no capacity for n1-standard-4", b);
        j.assertLogContains("it could not be made ready; deleting it", b);
        j.assertLogNotContains("the body ran", b);
        assertThat(emulator.resources(), is(empty()));
    }

    /**
     * Aborted while the resource is provisioning: the first abort waits for the ensure to settle, a second one
     * cleans up at once. The body never runs, nothing is left, and the build is ABORTED.
     */
    @Test
    void abortWhileEnsuringCleansUp(JenkinsRule j) throws Exception {
        emulator.close();
        emulator = EmulatorSupport.start(1, Duration.ofMinutes(30), Duration.ofSeconds(3));
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                withVertexPersistentResource(persistentResourceId: 'slow-block',
                        resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']) {
                    echo 'the body ran'
                }
                """, true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("create accepted", b);
        b.getExecutor().interrupt();
        j.waitForMessage("waiting for the request for persistent resource", b);
        assertThat(b.isBuilding(), is(true));
        b.getExecutor().interrupt();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogNotContains("the body ran", b);
        assertThat(emulator.resources(), is(empty()));
    }

    /** By default a resource that was there before the block is left alone, and the log says so twice. */
    @Test
    void aReusedResourceIsKeptByDefault(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                vertexPersistentResource persistentResourceId: 'shared-block',
                        resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']
                withVertexPersistentResource(persistentResourceId: 'shared-block',
                        resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']) {
                    echo 'on the shared resource'
                }
                """, true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("shared-block existed before this block: it is left as it is when the block ends (keep: ifReused)", b);
        j.assertLogContains("kept: it existed before this block, and only keep: 'never' deletes such a resource", b);
        assertThat(emulator.resources(), hasSize(1));
        assertThat(emulator.resources().get(0).state(), is("RUNNING"));
    }

    /** keep: 'never', written out, also deletes a resource that was there before the block, and says so. */
    @Test
    void keepNeverDeletesAReusedResourceWithAWarning(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                vertexPersistentResource persistentResourceId: 'shared-block',
                        resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']
                withVertexPersistentResource(persistentResourceId: 'shared-block', keep: 'never',
                        resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']) {
                    echo 'on the shared resource'
                }
                """, true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("it existed before this block and is deleted now, as keep: 'never' asks", b);
        assertThat(emulator.resources(), is(empty()));
    }

    @Test
    void keepAlwaysLeavesWhatTheBlockCreated(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                withVertexPersistentResource(persistentResourceId: 'kept-forever', keep: 'always',
                        resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']) {
                    echo 'body ran'
                }
                """, true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("kept (keep: always); delete it when done", b);
        assertThat(emulator.resources(), hasSize(1));
        assertThat(emulator.resources().get(0).state(), is("RUNNING"));
    }

    /** ifExists: 'recreate' replaces what was there: the new resource is the block's, so the default deletes it. */
    @Test
    void aRecreatedResourceIsTheBlocksOwn(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                def before = vertexPersistentResource persistentResourceId: 'replaced-block',
                        resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']
                withVertexPersistentResource(persistentResourceId: 'replaced-block', ifExists: 'recreate',
                        resourcePoolSpecs: ['machine-type=n1-standard-8,replica-count=1']) {
                    def now = vertexPersistentResource persistentResourceId: 'replaced-block', action: 'describe'
                    echo "inside ${now.pools[0].machineType} created ${now.createTime != before.createTime}"
                }
                """, true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("inside n1-standard-8 created true", b);
        assertThat(emulator.resources(), is(empty()));
    }

    /** ifExists: 'fail' refuses a resource that is there, and leaves it as it was. */
    @Test
    void ifExistsFailRefusesAndDeletesNothing(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                vertexPersistentResource persistentResourceId: 'taken-block',
                        resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']
                withVertexPersistentResource(persistentResourceId: 'taken-block', ifExists: 'fail', keep: 'never',
                        resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']) {
                    echo 'the body ran'
                }
                """, true));
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("and ifExists is 'fail'", b);
        j.assertLogNotContains("the body ran", b);
        assertThat(emulator.resources(), hasSize(1));
        assertThat(emulator.resources().get(0).state(), is("RUNNING"));
    }

    @Test
    void configRoundTrip(JenkinsRule j) throws Exception {
        WithVertexPersistentResourceStep step = new WithVertexPersistentResourceStep("block-pool");
        step.setRegion("us-east1");
        step.setCredentialsId("vertex-sa");
        step.setKeep("onFailure");
        step.setIfExists("recreate");
        step.setServiceAccount("runner@demo-project.iam.gserviceaccount.com");
        step.setConfig("ci/resource.yaml");
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));

        step.setLabels(Map.of("schedule", "nightly"));
        step.setResourcePoolSpecs(List.of("machine-type=n1-standard-4,replica-count=1"));
        String groovy = Snippetizer.object2Groovy(step);
        assertThat(groovy, containsString("withVertexPersistentResource("));
        assertThat(groovy, containsString("keep: 'onFailure'"));
        j.assertEqualDataBoundBeans(step, UninstantiatedDescribable.from(step).instantiate(WithVertexPersistentResourceStep.class, TaskListener.NULL));
    }
}
