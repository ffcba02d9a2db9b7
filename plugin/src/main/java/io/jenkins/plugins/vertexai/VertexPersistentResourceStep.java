package io.jenkins.plugins.vertexai;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.resource.EnsureOptions;
import io.jenkins.plugins.vertexai.core.resource.IfExists;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceManager;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpecValidator;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code vertexPersistentResource}: ensures (default), creates, describes, deletes or reboots a Vertex AI
 * persistent resource and returns it as a map ({@code name}, {@code state}, {@code pools}, …).
 */
public final class VertexPersistentResourceStep extends AbstractPersistentResourceStep {
    /** What the step does with the resource. */
    enum Action {
        ENSURE, CREATE, DESCRIBE, DELETE, REBOOT;

        static Action parse(String value) {
            if (value == null || value.isBlank()) {
                return ENSURE;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ValidationException.of("action", "'" + value + "' is not one of "
                        + Arrays.stream(values()).map(a -> a.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
            }
        }

        /** Whether the action needs the full spec (pools, …) rather than just the name. */
        boolean needsSpec() {
            return this == ENSURE || this == CREATE;
        }
    }

    private String action = "ensure";
    private String ifExists = "reuse";
    private boolean wait = true;

    @DataBoundConstructor
    public VertexPersistentResourceStep(String persistentResourceId) {
        super(persistentResourceId);
    }

    public String getAction() {
        return action;
    }

    /** ensure (default), create, describe, delete or reboot. */
    @DataBoundSetter
    public void setAction(String action) {
        this.action = Util.fixEmptyAndTrim(action) == null ? "ensure" : action.trim().toLowerCase(Locale.ROOT);
    }

    public String getIfExists() {
        return ifExists;
    }

    /** What {@code ensure} does with an existing resource: reuse (default), fail or recreate. */
    @DataBoundSetter
    public void setIfExists(String ifExists) {
        this.ifExists = Util.fixEmptyAndTrim(ifExists) == null ? "reuse" : ifExists.trim().toLowerCase(Locale.ROOT);
    }

    public boolean isWait() {
        return wait;
    }

    /** Wait until RUNNING (or gone, for delete); false returns once the request is accepted. */
    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    static ListBoxModel actionItems() {
        ListBoxModel m = new ListBoxModel();
        for (Action a : Action.values()) {
            String v = a.name().toLowerCase(Locale.ROOT);
            m.add(v, v);
        }
        return m;
    }

    /**
     * Sends the request and waits on core's scheduler. Persisted: the action, the resource name, project, region,
     * credentials id, whether to wait, the deadline and the last state seen; after a restart it waits again on the
     * same resource (delete is sent again: it is idempotent).
     */
    static final class Execution extends VertexStepExecution {
        private static final long serialVersionUID = 1L;

        private final transient VertexPersistentResourceStep step;
        private Action action;
        private String resourceName;
        private String project;
        private String region;
        private String credentialsId;
        private boolean waitForCompletion;
        private String lastState;

        Execution(VertexPersistentResourceStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            action = Action.parse(step.getAction());
            IfExists ifExists = IfExists.parse("ifExists", step.getIfExists());
            waitForCompletion = step.isWait();
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = step.getConfig() != null && action.needsSpec() ? getContext().get(FilePath.class) : null;
            ResourceRequest request = step.request();
            String[] projectAndRegion = step.projectAndRegion();
            setDeadline(step.getTimeoutMinutes());
            inBackground(() -> {
                VertexAiTarget target = VertexAiTarget.resolve(projectAndRegion[0], projectAndRegion[1], step.getCredentialsId(), run, listener, true);
                project = target.project();
                region = target.region();
                credentialsId = target.credentialsId();
                PersistentResourceSpec spec = null;
                PersistentResourceName name;
                if (action.needsSpec()) {
                    String configText = step.getConfig() == null ? null : Workspaces.readText(workspace, step.getConfig());
                    spec = request.spec(project, region, configText, step.getConfig());
                    name = PersistentResourceSpecValidator.validate(spec);
                } else {
                    name = PersistentResourceSpecValidator.resolveName(request.persistentResourceId(), project, region);
                }
                resourceName = name.toString();
                saveState();
                VertexAiRunAction.record(run, VertexAiRunAction.Kind.PERSISTENT_RESOURCE, resourceName, null,
                        PersistentResourceResult.consoleUrl(name));
                if (hasEnded()) {
                    return; // stopped while preparing: send nothing
                }
                VertexEngine engine = SharedEngine.get();
                PersistentResourceManager manager = engine.persistentResources(target.connection());
                EnsureOptions options = new EnsureOptions(ifExists, waitForCompletion, polling());
                CompletableFuture<PersistentResourceResult> result = switch (action) {
                    case ENSURE -> manager.ensure(spec, options, progress(run, listener));
                    case CREATE -> manager.create(spec, options, progress(run, listener));
                    case DESCRIBE -> manager.describe(name);
                    case DELETE -> manager.delete(name, options, progress(run, listener));
                    case REBOOT -> manager.reboot(name, options, progress(run, listener));
                };
                finishWith(engine, result, run);
            });
            return false;
        }

        @Override
        public void onResume() {
            if (hasEnded()) {
                return;
            }
            if (resourceName == null) {
                fail(new hudson.AbortException(Messages.VertexPersistentResourceStep_restartedBeforeRequest()));
                return;
            }
            inBackground(() -> {
                Run<?, ?> run = getContext().get(Run.class);
                TaskListener listener = getContext().get(TaskListener.class);
                VertexAiTarget target = VertexAiTarget.resolve(project, region, credentialsId, run, listener, false);
                PersistentResourceName name = PersistentResourceName.parse("persistentResourceId", resourceName);
                listener.getLogger().println(Messages.VertexPersistentResourceStep_resumed(resourceName,
                        action.name().toLowerCase(Locale.ROOT), lastState == null ? "?" : lastState));
                VertexEngine engine = SharedEngine.get();
                PersistentResourceManager manager = engine.persistentResources(target.connection());
                CompletableFuture<PersistentResourceResult> result;
                if (action == Action.DELETE) {
                    result = manager.delete(name, new EnsureOptions(IfExists.REUSE, waitForCompletion, polling()), progress(run, listener));
                } else if (waitForCompletion && action != Action.DESCRIBE) {
                    result = manager.awaitRunning(name, polling(), progress(run, listener));
                } else {
                    result = manager.describe(name);
                }
                finishWith(engine, result, run);
            });
        }

        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            markEnded();
            cancelPending();
            getContext().onFailure(cause);
        }

        @Override
        public String getStatus() {
            return resourceName == null ? "preparing" : action.name().toLowerCase(Locale.ROOT) + " " + resourceName
                    + (lastState == null ? "" : ": " + lastState);
        }

        private void finishWith(VertexEngine engine, CompletableFuture<PersistentResourceResult> result, Run<?, ?> run) {
            follow(engine, result, r -> {
                lastState = r.state();
                VertexAiRunAction.record(run, VertexAiRunAction.Kind.PERSISTENT_RESOURCE, r.name(), r.state(), r.consoleUrl());
                succeed(r.toMap());
            });
        }

        private PollingPolicy polling() {
            PollingPolicy p = SharedEngine.capped(PollingPolicy.PERSISTENT_RESOURCE);
            return deadline == 0 ? p : p.withTimeout(remaining());
        }

        private BuildLogProgress progress(Run<?, ?> run, TaskListener listener) {
            return new BuildLogProgress(listener, e -> {
                if (e.kind() == io.jenkins.plugins.vertexai.core.ProgressEvent.Kind.STATE) {
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
            return "vertexPersistentResource";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.VertexPersistentResourceStep_displayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        public ListBoxModel doFillActionItems() {
            return actionItems();
        }

        public ListBoxModel doFillIfExistsItems() {
            return FormChecks.ifExistsItems();
        }
    }
}
