package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import hudson.model.TaskListener;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
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
class VertexPersistentResourceStepTest {
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
    void ensureDescribeAndDelete(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                def r = vertexPersistentResource persistentResourceId: 'nightly-pool',
                        resourcePools: [[machineType: 'n1-standard-4', replicaCount: 1]],
                        resourcePoolSpecs: ['machine-type=n1-standard-8,replica-count=1,accelerator-type=NVIDIA_TESLA_T4,accelerator-count=1'],
                        labels: [team: 'ml-platform']
                echo "ensured ${r.id} ${r.outcome} ${r.state} pools=${r.pools.size()}"
                def again = vertexPersistentResource persistentResourceId: 'nightly-pool',
                        resourcePools: [[machineType: 'n1-standard-4', replicaCount: 1]]
                echo "again ${again.outcome}"
                def d = vertexPersistentResource persistentResourceId: 'nightly-pool', action: 'describe'
                echo "described ${d.state}"
                def gone = vertexPersistentResource persistentResourceId: 'nightly-pool', action: 'delete'
                echo "deleted ${gone.state}"
                """, true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("ensured nightly-pool CREATED RUNNING pools=2", b);
        j.assertLogContains("again REUSED", b);
        j.assertLogContains("described RUNNING", b);
        j.assertLogContains("deleted GONE", b);
        j.assertLogContains("Vertex AI: talking to the emulator", b);
        assertThat(emulator.resources(), is(empty()));
        VertexAiRunAction action = b.getAction(VertexAiRunAction.class);
        assertThat(action.getPersistentResources(), hasSize(1));
        assertThat(action.getPersistentResources().get(0).getState(), is(PersistentResourceResult.GONE));
    }

    @Test
    void configFileFromTheWorkspace(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        EmulatorSupport.addTemplate(j, p);
        p.setDefinition(new CpsFlowDefinition("""
                node {
                    def r = vertexPersistentResource persistentResourceId: 'from-config', config: 'resource-config.yaml', displayName: 'From a file'
                    echo "pool ${r.pools[0].machineType} ${r.pools[0].minReplicaCount}..${r.pools[0].maxReplicaCount}"
                }
                """, true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("pool n1-standard-4 1..2", b);
    }

    @Test
    void configFileOutsideTheWorkspaceIsRefused(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                node {
                    vertexPersistentResource persistentResourceId: 'sneaky', config: '../../secrets/x.yaml'
                }
                """, true));
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("is not inside the workspace", b);
        assertThat(emulator.resources(), is(empty()));
    }

    @Test
    void invalidInputFailsBeforeAnyCall(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                vertexPersistentResource persistentResourceId: 'Bad_Id', resourcePools: [[machineType: 'n1-standard-4', replicaCount: 0]]
                """, true));
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("persistentResourceId", b);
        j.assertLogContains("replicaCount", b);
        assertThat(emulator.resources(), is(empty()));
    }

    @Test
    void configRoundTrip(JenkinsRule j) throws Exception {
        VertexPersistentResourceStep step = new VertexPersistentResourceStep("nightly-pool");
        step.setProjectId("ml-project");
        step.setRegion("europe-west4");
        step.setDisplayName("Nightly");
        ResourcePool pool = new ResourcePool();
        pool.setMachineType("n1-standard-8");
        pool.setReplicaCount(2);
        pool.setAcceleratorType("NVIDIA_TESLA_T4");
        pool.setAcceleratorCount(1);
        step.setResourcePools(List.of(pool));
        step.setEnableCustomServiceAccount(false);
        step.setNetwork("projects/123/global/networks/default");
        step.setAction("reboot");
        step.setIfExists("fail");
        step.setWait(false);
        step.setTimeoutMinutes(30);
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));

        // The Pipeline-only fields (lists and maps) round-trip through the Snippet Generator's Groovy form.
        step.setResourcePoolSpecs(List.of("machine-type=n1-standard-4,replica-count=1"));
        step.setLabels(Map.of("team", "ml"));
        step.setReservedIpRanges(List.of("range-a"));
        String groovy = Snippetizer.object2Groovy(step);
        assertThat(groovy, containsString("vertexPersistentResource"));
        assertThat(groovy, containsString("resourcePools: [[acceleratorCount: 1, acceleratorType: 'NVIDIA_TESLA_T4', machineType: 'n1-standard-8', replicaCount: 2]]"));
        assertThat(groovy, containsString("labels: [team: 'ml']"));
        j.assertEqualDataBoundBeans(step, UninstantiatedDescribable.from(step).instantiate(VertexPersistentResourceStep.class, TaskListener.NULL));
    }
}
