package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.sun.net.httpserver.HttpServer;
import hudson.model.Executor;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What a build cannot make the controller do: act as the controller's own Google identity without an
 * administrator's consent, or fetch a template from a host nobody trusted.
 */
@WithJenkins
class SafeDefaultsTest {
    /** A real (TLS) endpoint nobody listens on: nothing may get as far as calling it. */
    private static final String UNREACHABLE_ENDPOINT = "https://127.0.0.1:1";
    private static final String ERROR_PAGE = "internal-admin-page: db password hunter2";

    private EmulatorSupport emulator;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        emulator = EmulatorSupport.start(1200);
        byte[] template;
        try (InputStream in = EmulatorSupport.class.getResourceAsStream(EmulatorSupport.TEMPLATE)) {
            template = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.incrementAndGet();
                byte[] body = exchange.getRequestURI().getPath().equals("/retrain.yaml") ? template
                        : ERROR_PAGE.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(body == template ? 200 : 403, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        emulator.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Project and region set, a real endpoint, and no credentials anywhere. */
    private static void noCredentialsAnywhere() {
        VertexAiGlobalConfiguration c = VertexAiGlobalConfiguration.get();
        c.setProjectId(EmulatorSupport.PROJECT);
        c.setRegion(EmulatorSupport.REGION);
        c.setApiEndpoint(UNREACHABLE_ENDPOINT);
    }

    @Test
    void withoutCredentialsABuildFailsSayingWhereToSetThem(JenkinsRule j) throws Exception {
        noCredentialsAnywhere();
        assertThat(VertexAiGlobalConfiguration.get().isAllowApplicationDefaultCredentials(), is(false));
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("vertexPersistentResource persistentResourceId: 'pool', action: 'describe'", true));
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains(Messages.VertexAiTarget_noCredentials(), b);

        // The same for a gs:// template: nothing is read with the controller's identity either.
        WorkflowJob gs = j.createProject(WorkflowJob.class, "gs");
        gs.setDefinition(new CpsFlowDefinition("vertexPipelineRun templatePath: 'gs://ml-bucket/retrain.yaml'", true));
        WorkflowRun g = j.assertBuildStatus(Result.FAILURE, gs.scheduleBuild2(0));
        j.assertLogContains(Messages.VertexAiTarget_noCredentials(), g);

        FreeStyleProject f = j.createFreeStyleProject("f");
        VertexPersistentResourceBuilder describe = new VertexPersistentResourceBuilder("pool");
        describe.setAction("describe");
        f.getBuildersList().add(describe);
        FreeStyleBuild fb = j.assertBuildStatus(Result.FAILURE, f.scheduleBuild2(0));
        j.assertLogContains(Messages.VertexAiTarget_noCredentials(), fb);
    }

    @Test
    void anAdministratorMayAllowTheControllersApplicationDefaultCredentials(JenkinsRule j) throws Exception {
        noCredentialsAnywhere();
        VertexAiGlobalConfiguration.get().setAllowApplicationDefaultCredentials(true);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("vertexPersistentResource persistentResourceId: 'pool', action: 'describe'", true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        // Past the check: whether this machine has Application Default Credentials or not, the call is attempted.
        j.waitForMessage(Messages.VertexAiTarget_adc("127.0.0.1:1"), b);
        Executor e = b.getExecutor();
        if (b.isBuilding() && e != null) {
            e.interrupt();
        }
        j.waitForCompletion(b);
        j.assertLogNotContains(Messages.VertexAiTarget_noCredentials(), b);
    }

    /** The emulator needs no identity: it is never blocked, whatever the setting. */
    @Test
    void theEmulatorNeedsNoCredentials(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                def r = vertexPersistentResource persistentResourceId: 'pool', resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1']
                echo "state ${r.state}"
                """, true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("state RUNNING", b);
    }

    @Test
    void anUntrustedHostIsNotFetchedByTheController(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("vertexPipelineRun templatePath: '" + url("/retrain.yaml") + "'", true));
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains(Messages.PipelineRunRequest_untrustedNeedsNode("127.0.0.1"), b);
        assertThat(requests.get(), is(0));
        assertThat(emulator.pipelineJobs(), is(empty()));
    }

    /** Inside a node, the agent fetches it, anonymously, as the build itself could; the controller does not. */
    @Test
    void anUntrustedHostIsFetchedOnTheAgent(JenkinsRule j) throws Exception {
        emulator.configure(j);
        j.createOnlineSlave(Label.get("remote"));
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                node('remote') {
                    def r = vertexPipelineRun templatePath: '%s'
                    echo "run ${r.state}"
                }
                """.formatted(url("/retrain.yaml")), true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains(Messages.PipelineRunRequest_onAgent("127.0.0.1"), b);
        j.assertLogContains("run SUCCEEDED", b);
        assertThat(requests.get(), is(1));
        assertThat(emulator.pipelineJobs(), hasSize(1));
    }

    /** What a server answers to a failed fetch never reaches the log. */
    @Test
    void anErrorPageIsNotEchoed(JenkinsRule j) throws Exception {
        emulator.configure(j);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("node { vertexPipelineRun templatePath: '" + url("/admin") + "' }", true));
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("HTTP 403 Forbidden fetching " + url("/admin"), b);
        j.assertLogNotContains("\tat ", b); // a plain error line, not a stack trace
        j.assertLogNotContains("hunter2", b);
        j.assertLogNotContains("internal-admin-page", b);
    }

    /** A host an administrator trusted is fetched by the controller, with the build's credentials, also outside a node. */
    @Test
    void aTrustedHostIsFetchedByTheController(JenkinsRule j) throws Exception {
        emulator.configure(j);
        VertexAiGlobalConfiguration.get().setTrustedTemplateHosts("127.0.0.1");
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                def r = vertexPipelineRun templatePath: '%s'
                echo "run ${r.state}"
                """.formatted(url("/retrain.yaml")), true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("run SUCCEEDED", b);
        j.assertLogNotContains(Messages.PipelineRunRequest_onAgent("127.0.0.1"), b);
        assertThat(requests.get(), is(1));
    }
}
