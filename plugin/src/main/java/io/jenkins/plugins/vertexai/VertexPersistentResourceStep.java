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
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.resource.EnsureOptions;
import io.jenkins.plugins.vertexai.core.resource.IfExists;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceManager;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceScope;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpecValidator;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
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
        this.action = TextLists.choice(action, "ensure");
    }

    public String getIfExists() {
        return ifExists;
    }

    /** What {@code ensure} does with an existing resource: reuse (default), fail or recreate. */
    @DataBoundSetter
    public void setIfExists(String ifExists) {
        this.ifExists = TextLists.choice(ifExists, "reuse");
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
     * credentials id, whether to wait, the deadline, the last state seen and, for ensure and create, the step's
     * arguments and config file (to build the spec again). After a restart it does not trust that the request got
     * through: delete and describe are sent again (both are idempotent); ensure and create become an ensure that
     * reuses what is there, which creates the resource when it is absent or being deleted (the request never got
     * there, or a recreate was half-way) and otherwise waits for it; a reboot is sent again when the resource is
     * absent or being deleted, otherwise waited for (never a second reboot of a running resource).
     */
    static final class Execution extends VertexStepExecution {
        private static final long serialVersionUID = 1L;

        private final transient VertexPersistentResourceStep step;
        private Action action;
        private UninstantiatedDescribable arguments;
        private String configText;
        private String resourceName;
        private String project;
        private String region;
        private String credentialsId;
        private boolean waitForCompletion;
        private String lastState;
        /** For ensure and create: whether this step brings the resource into being (it was not there to reuse). */
        private boolean createsIt;
        /** Whether the request was sent (guarded by this): an abort after it leaves what it made running. */
        private boolean requestSent;

        Execution(VertexPersistentResourceStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            action = parse(() -> Action.parse(step.getAction()));
            IfExists ifExists = parse(() -> IfExists.parse("ifExists", step.getIfExists()));
            String[] projectAndRegion = parse(step::projectAndRegion);
            waitForCompletion = step.isWait();
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = step.getConfig() != null && action.needsSpec() ? getContext().get(FilePath.class) : null;
            arguments = action.needsSpec() ? UninstantiatedDescribable.from(step) : null;
            setDeadline(step.getTimeoutMinutes());
            inBackground(() -> {
                VertexAiTarget target = VertexAiTarget.resolve(projectAndRegion[0], projectAndRegion[1], step.getCredentialsId(), run, listener, true);
                project = target.project();
                region = target.region();
                credentialsId = target.credentialsId();
                PersistentResourceSpec spec = null;
                PersistentResourceName name;
                if (action.needsSpec()) {
                    configText = step.getConfig() == null ? null : Workspaces.readText(workspace, step.getConfig());
                    spec = step.spec(project, region, configText);
                    name = PersistentResourceSpecValidator.validate(spec);
                } else {
                    name = PersistentResourceSpecValidator.resolveName(step.getPersistentResourceId(), project, region);
                }
                resourceName = name.toString();
                saveStateAndWait(); // a restart right after the request must find the resource's name
                VertexAiRunAction.record(run, VertexAiRunAction.Kind.PERSISTENT_RESOURCE, resourceName, null,
                        PersistentResourceResult.consoleUrl(name));
                VertexEngine engine = SharedEngine.get();
                PersistentResourceManager manager = engine.persistentResources(target.connection());
                EnsureOptions options = new EnsureOptions(ifExists, waitForCompletion, polling());
                // Whether an abort while waiting would leave a resource of this step's making behind (said in the log).
                createsIt = action == Action.CREATE
                        || (action == Action.ENSURE && !PersistentResourceScope.reuses(BuilderSupport.join(manager.find(name)), ifExists));
                PersistentResourceSpec s = spec;
                sendUnlessStopped(engine, run, () -> switch (action) {
                    case ENSURE -> manager.ensure(s, options, progress(run, listener));
                    case CREATE -> manager.create(s, options, progress(run, listener));
                    case DESCRIBE -> manager.describe(name);
                    case DELETE -> manager.delete(name, options, progress(run, listener));
                    case REBOOT -> manager.reboot(name, options, progress(run, listener));
                });
            });
            return false;
        }

        @Override
        public void onResume() {
            if (hasEnded()) {
                return;
            }
            if (resourceName == null) {
                fail(new AbortException(Messages.VertexPersistentResourceStep_restartedBeforeRequest()));
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
                EnsureOptions options = new EnsureOptions(IfExists.REUSE, waitForCompletion, polling());
                PersistentResourceSpec spec = action.needsSpec()
                        ? arguments.instantiate(VertexPersistentResourceStep.class, listener).spec(project, region, configText) : null;
                sendUnlessStopped(engine, run, () -> switch (action) {
                    case DESCRIBE -> manager.describe(name);
                    case DELETE -> manager.delete(name, options, progress(run, listener));
                    case ENSURE, CREATE -> manager.ensure(spec, options, progress(run, listener));
                    case REBOOT -> absentOrStopping(manager, name).thenCompose(again -> again
                            ? manager.reboot(name, options, progress(run, listener))
                            : waitForCompletion ? manager.awaitRunning(name, polling(), progress(run, listener)) : manager.describe(name));
                });
            });
        }

        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            boolean sent;
            synchronized (this) {
                beginStop();
                sent = requestSent;
            }
            cancelPending(); // stops the wait; the request already sent goes on at Vertex AI
            if (sent && createsIt && waitForCompletion && !hasEnded()) {
                PersistentResourceName name = PersistentResourceName.parse("persistentResourceId", resourceName);
                getContext().get(TaskListener.class).getLogger().println(Messages.VertexPersistentResourceStep_leftRunning(
                        resourceName, lastState == null ? "?" : lastState, name.id(), name.project(), name.region()));
            }
            fail(cause);
        }

        @Override
        public String getStatus() {
            return resourceName == null ? "preparing" : action.name().toLowerCase(Locale.ROOT) + " " + resourceName
                    + (lastState == null ? "" : ": " + lastState);
        }

        /** Sends the request and ends the step with its result, unless the step was stopped before (atomic with stop()). */
        private synchronized void sendUnlessStopped(VertexEngine engine, Run<?, ?> run,
                                                    Supplier<CompletableFuture<PersistentResourceResult>> request) {
            if (isStopping()) {
                return; // stopped while preparing: send nothing
            }
            requestSent = true;
            follow(engine, request.get(), r -> {
                lastState = r.state();
                VertexAiRunAction.record(run, VertexAiRunAction.Kind.PERSISTENT_RESOURCE, resourceName, r.state(), r.consoleUrl());
                succeed(r.toMap());
            });
        }

        /** Whether the resource is absent or being deleted (STOPPING): a request that needs it running is sent again. */
        private static CompletableFuture<Boolean> absentOrStopping(PersistentResourceManager manager, PersistentResourceName name) {
            return manager.describe(name).handle((r, t) -> {
                if (t == null) {
                    return "STOPPING".equals(r.state());
                }
                if (isNotFound(t)) {
                    return true;
                }
                throw new CompletionException(Futures.unwrap(t));
            });
        }

        private PollingPolicy polling() {
            PollingPolicy p = SharedEngine.capped(PollingPolicy.PERSISTENT_RESOURCE);
            return deadline == 0 ? p : p.withTimeout(remaining());
        }

        private BuildLogProgress progress(Run<?, ?> run, TaskListener listener) {
            return new BuildLogProgress(listener, e -> {
                if (e.kind() == ProgressEvent.Kind.STATE) {
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
