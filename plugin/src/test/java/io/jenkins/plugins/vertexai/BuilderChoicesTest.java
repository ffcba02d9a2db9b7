package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.tasks.Builder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** A bad choice in a freestyle build step fails the build with one line naming the field and what it accepts. */
@WithJenkins
class BuilderChoicesTest {
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
    void badActionOrIfExists(JenkinsRule j) throws Exception {
        emulator.configure(j);
        VertexPersistentResourceBuilder action = new VertexPersistentResourceBuilder("pool");
        action.setAction("explode");
        assertOneLineError(j, action, "action: 'explode' is not one of ensure, create, describe, delete, reboot");

        VertexPersistentResourceBuilder ifExists = new VertexPersistentResourceBuilder("pool");
        ifExists.setResourcePoolSpecs("machine-type=n1-standard-4,replica-count=1");
        ifExists.setIfExists("maybe");
        assertOneLineError(j, ifExists, "ifExists: 'maybe' is not one of reuse, fail, recreate");
        assertThat(emulator.resources(), is(empty()));
    }

    @Test
    void badPipelineChoices(JenkinsRule j) throws Exception {
        emulator.configure(j);
        VertexPipelineRunBuilder caching = new VertexPipelineRunBuilder(EmulatorSupport.TEMPLATE);
        caching.setEnableCaching("sometimes");
        assertOneLineError(j, caching, "enableCaching: 'sometimes' is not one of true, false");

        VertexPipelineRunBuilder behavior = new VertexPipelineRunBuilder(EmulatorSupport.TEMPLATE);
        behavior.setPersistentResourceId("pool");
        behavior.setTaskResourceUnavailableTimeoutBehavior("WAIT");
        assertOneLineError(j, behavior, "'WAIT' is not a timeout behavior; use FAIL or FALL_BACK_TO_ON_DEMAND");

        VertexPipelineRunBuilder waitTime = new VertexPipelineRunBuilder(EmulatorSupport.TEMPLATE);
        waitTime.setPersistentResourceId("pool");
        waitTime.setTaskResourceUnavailableWaitTimeMs("ten minutes");
        assertOneLineError(j, waitTime, "'ten minutes' is not a duration");

        VertexPipelineRunBuilder policy = new VertexPipelineRunBuilder(EmulatorSupport.TEMPLATE);
        policy.setFailurePolicy("sometimes");
        assertOneLineError(j, policy, "failurePolicy");
        assertThat(emulator.pipelineJobs(), is(empty()));
    }

    /** An endpoint override that Configuration as Code set without the form's check: one line, nothing sent. */
    @Test
    void badEndpointOverride(JenkinsRule j) throws Exception {
        emulator.configure(j);
        VertexAiGlobalConfiguration.get().setApiEndpoint("ftp://127.0.0.1:" + emulator.emulator.port());
        VertexPersistentResourceBuilder describe = new VertexPersistentResourceBuilder("pool");
        describe.setAction("describe");
        assertOneLineError(j, describe, "scheme 'ftp' is not supported");
        assertOneLineError(j, new VertexPipelineRunBuilder(EmulatorSupport.TEMPLATE), "scheme 'ftp' is not supported");
        assertThat(emulator.pipelineJobs(), is(empty()));
    }

    /** The build fails with {@code expected} in an error line, and without a stack trace. */
    private static void assertOneLineError(JenkinsRule j, Builder builder, String expected) throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        EmulatorSupport.addTemplate(j, p);
        p.getBuildersList().add(builder);
        FreeStyleBuild b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains(expected, b);
        j.assertLogNotContains("\tat ", b);
        j.assertLogNotContains("Exception", b);
    }
}
