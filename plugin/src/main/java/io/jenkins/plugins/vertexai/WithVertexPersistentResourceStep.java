package io.jenkins.plugins.vertexai;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.resource.EnsureOptions;
import io.jenkins.plugins.vertexai.core.resource.IfExists;
import io.jenkins.plugins.vertexai.core.resource.KeepPolicy;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceScope;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpecValidator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withVertexPersistentResource(persistentResourceId: …) { … }}: ensures the persistent resource, runs the
 * body with {@code VERTEX_PERSISTENT_RESOURCE} (its full name) in the environment, then deletes it according to
 * {@code keep}, also when the body failed or was aborted. Pipeline runs in the body go to the resource by default.
 */
public final class WithVertexPersistentResourceStep extends AbstractPersistentResourceStep {
    public static final String ENV = "VERTEX_PERSISTENT_RESOURCE";

    private String ifExists = "reuse";
    private String keep = "never";

    @DataBoundConstructor
    public WithVertexPersistentResourceStep(String persistentResourceId) {
        super(persistentResourceId);
    }

    public String getIfExists() {
        return ifExists;
    }

    @DataBoundSetter
    public void setIfExists(String ifExists) {
        this.ifExists = Util.fixEmptyAndTrim(ifExists) == null ? "reuse" : ifExists.trim().toLowerCase(Locale.ROOT);
    }

    public String getKeep() {
        return keep;
    }

    /** never (default: always delete), onFailure (keep it when the block failed) or always. */
    @DataBoundSetter
    public void setKeep(String keep) {
        this.keep = Util.fixEmptyAndTrim(keep) == null ? "never" : keep.trim();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    /** Where the block stands; persisted so that a restart picks up at the right point. */
    enum Phase { ENSURING, BODY, CLEANING }

    /**
     * Ensure, then body, then cleanup, each without holding a thread: the ensure and the delete are core's
     * futures, the body runs in the CPS VM, and the body's end hands the cleanup to core before this step ends
     * with the body's result or failure. Persisted: the phase, the names, the keep policy, whether the body
     * failed (and how), the deadline and the last state.
     */
    static final class Execution extends VertexStepExecution {
        private static final long serialVersionUID = 1L;

        private final transient WithVertexPersistentResourceStep step;
        private Phase phase = Phase.ENSURING;
        private String resourceName;
        private String project;
        private String region;
        private String credentialsId;
        private KeepPolicy keep;
        private BodyExecution body;
        private boolean blockFailed;
        private Throwable bodyFailure;
        private String lastState;
        private transient volatile Object bodyResult;
        private transient volatile boolean stopRequested;

        Execution(WithVertexPersistentResourceStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            keep = KeepPolicy.parse("keep", step.getKeep());
            IfExists ifExists = IfExists.parse("ifExists", step.getIfExists());
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = step.getConfig() != null ? getContext().get(FilePath.class) : null;
            ResourceRequest request = step.request();
            String[] projectAndRegion = step.projectAndRegion();
            setDeadline(step.getTimeoutMinutes());
            inBackground(() -> {
                VertexAiTarget target = VertexAiTarget.resolve(projectAndRegion[0], projectAndRegion[1], step.getCredentialsId(), run, listener, true);
                project = target.project();
                region = target.region();
                credentialsId = target.credentialsId();
                String configText = step.getConfig() == null ? null : Workspaces.readText(workspace, step.getConfig());
                PersistentResourceSpec spec = request.spec(project, region, configText, step.getConfig());
                PersistentResourceName name = PersistentResourceSpecValidator.validate(spec);
                resourceName = name.toString();
                saveState();
                VertexAiRunAction.record(run, VertexAiRunAction.Kind.PERSISTENT_RESOURCE, resourceName, null,
                        PersistentResourceResult.consoleUrl(name));
                if (stopRequested) {
                    return; // aborted before anything was sent: nothing to clean up
                }
                VertexEngine engine = SharedEngine.get();
                PersistentResourceScope scope = new PersistentResourceScope(engine.persistentResources(target.connection()), keep);
                follow(engine, scope.open(spec, new EnsureOptions(ifExists, true, polling()), progress(run, listener)),
                        r -> inBackground(() -> ready(r, run, listener)));
            });
            return false;
        }

        /** The resource is RUNNING: start the body with its name in the environment (off the engine's threads). */
        private void ready(PersistentResourceResult r, Run<?, ?> run, TaskListener listener) throws Exception {
            lastState = r.state();
            VertexAiRunAction.record(run, VertexAiRunAction.Kind.PERSISTENT_RESOURCE, r.name(), r.state(), r.consoleUrl());
            if (stopRequested) {
                cleanup(new AbortException(Messages.WithVertexPersistentResourceStep_aborted()));
                return;
            }
            phase = Phase.BODY;
            listener.getLogger().println(Messages.WithVertexPersistentResourceStep_bodyStarts(ENV, r.name()));
            EnvironmentExpander expander = EnvironmentExpander.merge(getContext().get(EnvironmentExpander.class),
                    EnvironmentExpander.constant(Map.of(ENV, r.name())));
            body = getContext().newBodyInvoker().withContext(expander).withCallback(new Cleanup()).start();
            saveState();
        }

        /** Called when the body has ended: hands the cleanup to core, off the CPS VM thread. */
        private final class Cleanup extends BodyExecutionCallback {
            private static final long serialVersionUID = 1L;

            @Override
            public void onSuccess(StepContext context, Object result) {
                bodyResult = result;
                cleanup(null);
            }

            @Override
            public void onFailure(StepContext context, Throwable t) {
                cleanup(t);
            }
        }

        /** Deletes (or keeps) the resource, then ends the step with the body's outcome. */
        private void cleanup(Throwable failure) {
            phase = Phase.CLEANING;
            blockFailed = failure != null;
            bodyFailure = failure;
            saveState();
            inBackground(this::startCleanup);
        }

        private void startCleanup() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            VertexAiTarget target = VertexAiTarget.resolve(project, region, credentialsId, run, listener, false);
            PersistentResourceName name = PersistentResourceName.parse("persistentResourceId", resourceName);
            VertexEngine engine = SharedEngine.get();
            PersistentResourceScope scope = new PersistentResourceScope(engine.persistentResources(target.connection()), keep);
            // The cleanup has a deadline of its own: a block that used up the step's timeout must still delete.
            EnsureOptions options = new EnsureOptions(IfExists.REUSE, true, SharedEngine.capped(PollingPolicy.PERSISTENT_RESOURCE));
            follow(engine, scope.close(name, blockFailed, options, progress(run, listener)), r -> {
                lastState = r.state();
                VertexAiRunAction.record(run, VertexAiRunAction.Kind.PERSISTENT_RESOURCE, r.name(), r.state(), null);
                if (bodyFailure != null) {
                    fail(bodyFailure);
                } else {
                    succeed(bodyResult);
                }
            }, cleanupFailure -> {
                if (bodyFailure != null) {
                    bodyFailure.addSuppressed(forLog(cleanupFailure));
                    fail(bodyFailure);
                } else {
                    fail(cleanupFailure);
                }
            });
        }

        @Override
        public void onResume() {
            if (hasEnded()) {
                return;
            }
            switch (phase) {
                case ENSURING -> {
                    if (resourceName == null) {
                        fail(new AbortException(Messages.VertexPersistentResourceStep_restartedBeforeRequest()));
                        return;
                    }
                    inBackground(() -> {
                        Run<?, ?> run = getContext().get(Run.class);
                        TaskListener listener = getContext().get(TaskListener.class);
                        listener.getLogger().println(Messages.VertexPersistentResourceStep_resumed(resourceName, "ensure",
                                lastState == null ? "?" : lastState));
                        VertexAiTarget target = VertexAiTarget.resolve(project, region, credentialsId, run, listener, false);
                        VertexEngine engine = SharedEngine.get();
                        follow(engine, engine.persistentResources(target.connection()).awaitRunning(
                                PersistentResourceName.parse("persistentResourceId", resourceName), polling(), progress(run, listener)),
                                r -> inBackground(() -> ready(r, run, listener)));
                    });
                }
                case BODY -> {
                    // The body resumes by itself and calls Cleanup when it ends.
                }
                case CLEANING -> inBackground(this::startCleanup);
            }
        }

        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            switch (phase) {
                case ENSURING -> {
                    // No body yet: stop waiting for the resource and clean up what may have been created.
                    stopRequested = true;
                    cancelPending();
                    if (resourceName != null) {
                        cleanup(cause);
                    } else {
                        fail(cause); // the preparation sees stopRequested and sends nothing
                    }
                }
                case BODY -> {
                    if (body != null) {
                        body.cancel(cause); // the body fails, and Cleanup runs
                    } else {
                        cleanup(cause);
                    }
                }
                case CLEANING -> {
                    if (stopRequested) {
                        cancelPending();
                        fail(bodyFailure != null ? bodyFailure : cause);
                    } else {
                        stopRequested = true;
                        getContext().get(TaskListener.class).getLogger().println(Messages.WithVertexPersistentResourceStep_stillCleaning(resourceName));
                    }
                }
            }
        }

        @Override
        public String getStatus() {
            return phase.name().toLowerCase(Locale.ROOT) + (resourceName == null ? "" : " " + resourceName)
                    + (lastState == null ? "" : ": " + lastState);
        }

        private PollingPolicy polling() {
            PollingPolicy p = SharedEngine.capped(PollingPolicy.PERSISTENT_RESOURCE);
            return deadline == 0 ? p : p.withTimeout(remaining());
        }

        private BuildLogProgress progress(Run<?, ?> run, TaskListener listener) {
            return new BuildLogProgress(listener, e -> {
                if (e.kind() == ProgressEvent.Kind.STATE && resourceName != null) {
                    lastState = e.message();
                    VertexAiRunAction.record(run, VertexAiRunAction.Kind.PERSISTENT_RESOURCE, resourceName, e.message(), null);
                }
            });
        }
    }

    @Extension
    public static final class DescriptorImpl extends AbstractDescriptor {
        @Override
        public String getFunctionName() {
            return "withVertexPersistentResource";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.WithVertexPersistentResourceStep_displayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        public ListBoxModel doFillIfExistsItems() {
            return FormChecks.ifExistsItems();
        }

        public ListBoxModel doFillKeepItems() {
            ListBoxModel m = new ListBoxModel();
            m.add(Messages.WithVertexPersistentResourceStep_keepNever(), "never");
            m.add(Messages.WithVertexPersistentResourceStep_keepOnFailure(), "onFailure");
            m.add(Messages.WithVertexPersistentResourceStep_keepAlways(), "always");
            return m;
        }
    }
}
