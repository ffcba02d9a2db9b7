package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import hudson.model.TaskListener;
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
        j.assertLogContains("inside: projects/demo-project/locations/us-central1/persistentResources/block-pool", b);
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
        j.assertLogContains("kept (keep: on_failure, the block failed)", b);
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
