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
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.resource.EnsureOptions;
import io.jenkins.plugins.vertexai.core.resource.IfExists;
import io.jenkins.plugins.vertexai.core.resource.KeepPolicy;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceScope;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpecValidator;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
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
 * {@code keep}, also when the body failed or was aborted. By default ({@code keep: 'ifReused'}) it deletes only
 * what the block created: a resource that existed before the block is deleted only with {@code keep: 'never'}.
 * Pipeline runs in the body go to the resource by default.
 */
public final class WithVertexPersistentResourceStep extends AbstractPersistentResourceStep {
    public static final String ENV = "VERTEX_PERSISTENT_RESOURCE";

    private String ifExists = "reuse";
    private String keep = "ifReused";

    @DataBoundConstructor
    public WithVertexPersistentResourceStep(String persistentResourceId) {
        super(persistentResourceId);
    }

    public String getIfExists() {
        return ifExists;
    }

    @DataBoundSetter
    public void setIfExists(String ifExists) {
        this.ifExists = TextLists.choice(ifExists, "reuse");
    }

    public String getKeep() {
        return keep;
    }

    /**
     * ifReused (default: delete what the block created, keep what was there before), never (always delete, even
     * a resource that existed before), onFailure (keep it when the block failed) or always.
     */
    @DataBoundSetter
    public void setKeep(String keep) {
        this.keep = Util.fixEmptyAndTrim(keep) == null ? "ifReused" : keep.trim();
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
     * with the body's result or failure. Persisted: the phase, the names, the keep policy, whether the resource was
     * reused, the body, its result or failure, the deadline, the last state, and the step's arguments and config
     * file (to ensure again after a restart).
     *
     * <p>The phase moves under the execution's monitor, and {@link #stop} decides under it: before anything was
     * sent nothing is sent; while ensuring, the cleanup waits for the ensure to settle (a second stop deletes at
     * once); a stop while the body is being started cancels it as soon as it exists; while cleaning, the cleanup
     * goes on (a second stop stops waiting). The cleanup runs once, whoever asks for it.
     */
    static final class Execution extends VertexStepExecution {
        private static final long serialVersionUID = 1L;

        private final transient WithVertexPersistentResourceStep step;
        private UninstantiatedDescribable arguments;
        private String configText;
        private Phase phase = Phase.ENSURING;
        private String resourceName;
        private String project;
        private String region;
        private String credentialsId;
        private KeepPolicy keep;
        /**
         * Whether the resource existed before the block (then only keep: 'never' deletes it); null until core has
         * looked. Recorded before the create is sent, so a restart does not take what it found for its own.
         */
        private volatile Boolean reused;
        private BodyExecution body;
        private boolean blockFailed;
        private Throwable bodyFailure;
        private Object bodyResult;
        private String lastState;
        /** Set by the first stop while ensuring or cleaning (with its cause's words): a restart then cleans up. */
        private boolean stopRequested;
        private String stopCause;
        // The phase, the body, its outcome and the stop are read and written under the execution's monitor only
        // (the CPS VM thread, the engine's threads and the stop race for them). Transient: after a restart the phase
        // says enough.
        private transient CompletableFuture<PersistentResourceResult> ensuring;
        private transient boolean startingBody;
        private transient Throwable stopBeforeBody;

        Execution(WithVertexPersistentResourceStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            keep = parse(() -> KeepPolicy.parse("keep", step.getKeep()));
            IfExists ifExists = parse(() -> IfExists.parse("ifExists", step.getIfExists()));
            String[] projectAndRegion = parse(step::projectAndRegion);
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = step.getConfig() != null ? getContext().get(FilePath.class) : null;
            arguments = UninstantiatedDescribable.from(step);
            setDeadline(step.getTimeoutMinutes());
            inBackground(() -> {
                VertexAiTarget target = VertexAiTarget.resolve(projectAndRegion[0], projectAndRegion[1], step.getCredentialsId(), run, listener, true);
                project = target.project();
                region = target.region();
                credentialsId = target.credentialsId();
                configText = step.getConfig() == null ? null : Workspaces.readText(workspace, step.getConfig());
                PersistentResourceSpec spec = step.spec(project, region, configText);
                PersistentResourceName name = PersistentResourceSpecValidator.validate(spec);
                resourceName = name.toString();
                saveStateAndWait(); // a restart right after the request must find the resource's name
                VertexAiRunAction.record(run, VertexAiRunAction.Kind.PERSISTENT_RESOURCE, resourceName, null,
                        PersistentResourceResult.consoleUrl(name));
                open(target, spec, ifExists, true, run, listener);
            });
            return false;
        }

        /**
         * Ensures the resource and starts the body once it is RUNNING. When the ensure fails, core has already
         * deleted the resource per keep (never one refused by {@code ifExists: fail}): the step fails with the
         * ensure's own error.
         *
         * @param first false after a restart: a resource found there is then ours, not one reused
         */
        private void open(VertexAiTarget target, PersistentResourceSpec spec, IfExists policy, boolean first, Run<?, ?> run, TaskListener listener) {
            VertexEngine engine = SharedEngine.get();
            PersistentResourceScope scope = new PersistentResourceScope(engine.persistentResources(target.connection()), keep);
            synchronized (this) {
                if (stopRequested) {
                    return; // stopped before anything was sent: stop() has ended the step
                }
                ensuring = scope.open(spec, new EnsureOptions(policy, true, polling()), progress(run, listener), found -> {
                    if (reused == null) {
                        reused = found; // after a restart, what the first look found stands
                        saveState();
                    }
                }).thenApply(r -> {
                    if (first && r.outcome() == PersistentResourceResult.Outcome.REUSED) {
                        reused = true; // someone else created it at the same time
                    }
                    if (Boolean.TRUE.equals(reused) && !keep.deletes(false, true)) {
                        listener.getLogger().println(Messages.WithVertexPersistentResourceStep_reusedIsKept(r.name(), keep.spelling()));
                    }
                    return r;
                });
                follow(engine, ensuring, r -> inBackground(() -> startBody(r, run, listener)));
            }
        }

        /** The resource is RUNNING: start the body with its name in the environment (off the engine's threads). */
        private void startBody(PersistentResourceResult r, Run<?, ?> run, TaskListener listener) {
            lastState = r.state();
            // Keyed by the name as asked (resourceName): the service's r.name() has the project number instead of the id.
            VertexAiRunAction.record(run, VertexAiRunAction.Kind.PERSISTENT_RESOURCE, resourceName, r.state(), r.consoleUrl());
            synchronized (this) {
                if (stopRequested || phase != Phase.ENSURING) {
                    return; // stopped meanwhile: the stop cleans up once the ensure has settled
                }
                startingBody = true;
            }
            BodyExecution started;
            try {
                listener.getLogger().println(Messages.WithVertexPersistentResourceStep_bodyStarts(ENV, r.name()));
                EnvironmentExpander expander = EnvironmentExpander.merge(getContext().get(EnvironmentExpander.class),
                        EnvironmentExpander.constant(Map.of(ENV, r.name())));
                started = getContext().newBodyInvoker().withContext(expander).withCallback(new Cleanup(this)).start();
            } catch (Exception | LinkageError e) {
                Throwable stopped;
                synchronized (this) {
                    startingBody = false;
                    stopped = stopBeforeBody;
                }
                cleanup(null, stopped != null ? stopped : e); // no body: clean up as after a failed one
                return;
            }
            Throwable stopped;
            synchronized (this) {
                body = started;
                startingBody = false;
                if (phase == Phase.ENSURING) {
                    phase = Phase.BODY; // unless the body has already ended and its cleanup begun
                }
                stopped = stopBeforeBody;
            }
            saveState();
            if (stopped != null) {
                started.cancel(stopped); // a stop came while the body was being started
            }
        }

        /** Called when the body has ended; hands the cleanup to core, off the CPS VM thread. */
        private static final class Cleanup extends BodyExecutionCallback {
            private static final long serialVersionUID = 1L;
            private final Execution execution;

            Cleanup(Execution execution) {
                this.execution = execution;
            }

            @Override
            public void onSuccess(StepContext context, Object result) {
                execution.cleanup(result, null);
            }

            @Override
            public void onFailure(StepContext context, Throwable t) {
                execution.cleanup(null, t);
            }
        }

        /**
         * Deletes (or keeps) the resource per keep, then ends the step with the block's {@code result} or
         * {@code failure}. Runs once: later calls (a stop racing the body's end) are ignored.
         */
        private void cleanup(Object result, Throwable failure) {
            synchronized (this) {
                if (phase == Phase.CLEANING) {
                    return;
                }
                phase = Phase.CLEANING;
                bodyResult = result;
                blockFailed = failure != null;
                bodyFailure = failure;
            }
            saveState();
            inBackground(this::startCleanup);
        }

        private void startCleanup() {
            Object result;
            Throwable failure;
            boolean failed;
            synchronized (this) { // set once by cleanup(), under the monitor
                result = bodyResult;
                failure = bodyFailure;
                failed = blockFailed;
            }
            try {
                Run<?, ?> run = getContext().get(Run.class);
                TaskListener listener = getContext().get(TaskListener.class);
                VertexAiTarget target = VertexAiTarget.resolve(project, region, credentialsId, run, listener, false);
                PersistentResourceName name = PersistentResourceName.parse("persistentResourceId", resourceName);
                VertexEngine engine = SharedEngine.get();
                PersistentResourceScope scope = new PersistentResourceScope(engine.persistentResources(target.connection()), keep);
                // The cleanup has a deadline of its own: a block that used up the step's timeout must still delete.
                EnsureOptions options = new EnsureOptions(IfExists.REUSE, true, SharedEngine.capped(PollingPolicy.PERSISTENT_RESOURCE));
                follow(engine, scope.close(name, failed, Boolean.TRUE.equals(reused), options, progress(run, listener)), r -> {
                    lastState = r.state();
                    VertexAiRunAction.record(run, VertexAiRunAction.Kind.PERSISTENT_RESOURCE, name.toString(), r.state(), null);
                    if (failure != null) {
                        fail(failure);
                    } else {
                        succeed(result);
                    }
                }, t -> cleanupFailed(failure, t), true);
            } catch (Exception e) {
                cleanupFailed(failure, e);
            }
        }

        /** The block's failure wins, with the cleanup's added; after a successful block the cleanup's fails the step. */
        private void cleanupFailed(Throwable blockFailure, Throwable cleanupFailure) {
            if (blockFailure != null) {
                blockFailure.addSuppressed(forLog(cleanupFailure));
                fail(blockFailure);
            } else {
                fail(cleanupFailure);
            }
        }

        @Override
        public void onResume() {
            if (hasEnded()) {
                return;
            }
            Phase now;
            boolean stopped;
            String cause;
            boolean bodyStarted;
            synchronized (this) {
                if (phase == Phase.ENSURING && body != null) {
                    phase = Phase.BODY; // the body started just before the restart was saved
                }
                // A request may have been sent before the restart: a stop before the new one cleans up.
                ensuring = CompletableFuture.completedFuture(null);
                now = phase;
                stopped = stopRequested;
                cause = stopCause;
                bodyStarted = body != null;
            }
            switch (now) {
                case ENSURING -> {
                    if (resourceName == null) {
                        fail(new AbortException(Messages.VertexPersistentResourceStep_restartedBeforeRequest()));
                        return;
                    }
                    if (stopped) {
                        // Stopped before the restart: whatever the request made has settled by now; clean it up.
                        cleanup(null, stoppedBeforeRestart(cause));
                        return;
                    }
                    inBackground(() -> {
                        Run<?, ?> run = getContext().get(Run.class);
                        TaskListener listener = getContext().get(TaskListener.class);
                        listener.getLogger().println(Messages.VertexPersistentResourceStep_resumed(resourceName, "ensure",
                                lastState == null ? "?" : lastState));
                        VertexAiTarget target = VertexAiTarget.resolve(project, region, credentialsId, run, listener, false);
                        PersistentResourceSpec spec = arguments.instantiate(WithVertexPersistentResourceStep.class, listener)
                                .spec(project, region, configText);
                        // Ensure again, reusing what is there: absent or being deleted, it is created (the request
                        // never got there, or a recreate was half-way); there, it is waited for. Never a second one.
                        open(target, spec, IfExists.REUSE, false, run, listener);
                    });
                }
                case BODY -> {
                    if (!bodyStarted) {
                        cleanup(null, new AbortException(Messages.WithVertexPersistentResourceStep_restartedBeforeBody()));
                    }
                    // Otherwise the body resumes by itself and calls Cleanup when it ends.
                }
                case CLEANING -> inBackground(this::startCleanup);
            }
        }

        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            PrintStream log = getContext().get(TaskListener.class).getLogger();
            Phase now;
            boolean again = false;
            CompletableFuture<PersistentResourceResult> ensure = null;
            BodyExecution running = null;
            Throwable blockFailure = null;
            synchronized (this) {
                now = phase;
                switch (now) {
                    case ENSURING -> {
                        if (startingBody) {
                            stopBeforeBody = cause; // the body is cancelled as soon as it exists
                            return;
                        }
                        again = stopRequested;
                        stopRequested = true;
                        stopCause = describe(cause);
                        beginStop(); // the ensure's outcome is the stop's business now
                        ensure = ensuring;
                    }
                    case BODY -> running = body;
                    case CLEANING -> {
                        again = stopRequested;
                        stopRequested = true;
                        blockFailure = bodyFailure;
                    }
                }
            }
            saveState();
            switch (now) {
                case ENSURING -> {
                    if (ensure == null) {
                        fail(cause); // nothing was sent, and now nothing will be
                    } else if (again) {
                        cancelPending(); // a second stop: stop waiting for the ensure and clean up now
                        cleanup(null, cause);
                    } else {
                        log.println(Messages.WithVertexPersistentResourceStep_stopWhileEnsuring(resourceName));
                        ensure.whenComplete((r, t) -> ensureSettledAfterStop(r, t, cause));
                    }
                }
                case BODY -> {
                    if (running != null) {
                        running.cancel(cause); // the body fails, and Cleanup runs
                    } else {
                        cleanup(null, cause);
                    }
                }
                case CLEANING -> {
                    if (again) {
                        cancelPending();
                        fail(blockFailure != null ? blockFailure : cause);
                    } else {
                        log.println(Messages.WithVertexPersistentResourceStep_stillCleaning(resourceName));
                    }
                }
            }
        }

        /** A stop came while ensuring, and the ensure has now settled: clean up what came up, then end ABORTED. */
        private void ensureSettledAfterStop(PersistentResourceResult r, Throwable t, Throwable cause) {
            if (t == null) {
                cleanup(null, cause); // the block counts as failed: keep onFailure keeps it
            } else if (!(Futures.unwrap(t) instanceof CancellationException)) {
                fail(cause); // core has already deleted it per keep (or it was never ours)
            }
            // Cancelled: a second stop did that, and cleans up itself.
        }

        @Override
        public String getStatus() {
            Phase now;
            synchronized (this) {
                now = phase;
            }
            return now.name().toLowerCase(Locale.ROOT) + (resourceName == null ? "" : " " + resourceName)
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
            m.add(Messages.WithVertexPersistentResourceStep_keepIfReused(), "ifReused");
            m.add(Messages.WithVertexPersistentResourceStep_keepNever(), "never");
            m.add(Messages.WithVertexPersistentResourceStep_keepOnFailure(), "onFailure");
            m.add(Messages.WithVertexPersistentResourceStep_keepAlways(), "always");
            return m;
        }
    }
}
