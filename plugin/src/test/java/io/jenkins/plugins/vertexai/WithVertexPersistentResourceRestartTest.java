package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** {@code withVertexPersistentResource} across controller restarts: in the body, and while deleting. */
class WithVertexPersistentResourceRestartTest {
    private static final String SCRIPT = """
            def value = withVertexPersistentResource(persistentResourceId: 'restart-block',
                    resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']) {
                echo "inside: ${env.VERTEX_PERSISTENT_RESOURCE}"
                semaphore 'body'
                'body result'
            }
            echo "after: ${value}"
            """;

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private EmulatorSupport emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void restartDuringTheBody() throws Throwable {
        emulator = EmulatorSupport.start(1200);
        sessions.then(j -> {
            emulator.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(SCRIPT, true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            SemaphoreStep.waitForStart("body/1", b);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            SemaphoreStep.success("body/1", null);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("inside: " + emulator.returnedResourceName("restart-block"), b);
            j.assertLogContains("after: body result", b);
            assertThat(emulator.resources(), is(empty()));
        });
    }

    /** The deletion takes long enough for a restart in its middle; afterwards it goes on, and the body's value survives. */
    @Test
    void restartDuringTheCleanup() throws Throwable {
        emulator = EmulatorSupport.start(1, Duration.ofSeconds(2), Duration.ofSeconds(40));
        sessions.then(j -> {
            emulator.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(SCRIPT, true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            SemaphoreStep.waitForStart("body/1", b);
            SemaphoreStep.success("body/1", null);
            j.waitForMessage("delete accepted", b);
            assertThat(b.isBuilding(), is(true));
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("after: body result", b);
            assertThat(emulator.resources(), is(empty()));
        });
    }
}
