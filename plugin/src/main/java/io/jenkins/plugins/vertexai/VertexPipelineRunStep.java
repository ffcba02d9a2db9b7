package io.jenkins.plugins.vertexai;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.job.PipelineJobName;
import io.jenkins.plugins.vertexai.core.job.PipelineRunException;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import io.jenkins.plugins.vertexai.core.job.PipelineRunner;
import io.jenkins.plugins.vertexai.core.job.PipelineWaitOptions;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code vertexPipelineRun}: submits a Vertex AI pipeline run from a compiled KFP template (a workspace file,
 * {@code gs://} or HTTPS), waits for it without holding a thread, and returns the result as a map. The job id is
 * derived from the build and the step, so a retried or resumed step finds its job instead of starting another.
 */
public final class VertexPipelineRunStep extends Step {
    private final String templatePath;
    private String projectId;
    private String region;
    private String credentialsId;
    private String pipelineRoot;
    private String displayName;
    private String jobId;
    private Map<String, Object> parameterValues;
    private Map<String, String> inputArtifacts;
    private Boolean enableCaching;
    private Map<String, String> labels;
    private String serviceAccount;
    private String network;
    private List<String> reservedIpRanges;
    private String kmsKeyName;
    private String failurePolicy;
    private String persistentResourceId;
    private String taskResourceUnavailableWaitTimeMs;
    private String taskResourceUnavailableTimeoutBehavior;
    private boolean wait = true;
    private Integer timeoutMinutes;
    private boolean cancelOnAbort = true;
    private boolean propagate = true;

    @DataBoundConstructor
    public VertexPipelineRunStep(String templatePath) {
        this.templatePath = Util.fixEmptyAndTrim(templatePath);
    }

    public String getTemplatePath() {
        return templatePath;
    }

    public @CheckForNull String getProjectId() {
        return projectId;
    }

    @DataBoundSetter
    public void setProjectId(String projectId) {
        this.projectId = Util.fixEmptyAndTrim(projectId);
    }

    public @CheckForNull String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Util.fixEmptyAndTrim(region);
    }

    public @CheckForNull String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public @CheckForNull String getPipelineRoot() {
        return pipelineRoot;
    }

    @DataBoundSetter
    public void setPipelineRoot(String pipelineRoot) {
        this.pipelineRoot = Util.fixEmptyAndTrim(pipelineRoot);
    }

    public @CheckForNull String getDisplayName() {
        return displayName;
    }

    @DataBoundSetter
    public void setDisplayName(String displayName) {
        this.displayName = Util.fixEmptyAndTrim(displayName);
    }

    public @CheckForNull String getJobId() {
        return jobId;
    }

    /** An explicit job id; by default one is derived from the build and this step. */
    @DataBoundSetter
    public void setJobId(String jobId) {
        this.jobId = Util.fixEmptyAndTrim(jobId);
    }

    public @CheckForNull Map<String, Object> getParameterValues() {
        return parameterValues;
    }

    /** Pipeline parameters by name: strings, numbers, booleans, lists and maps, checked against the template. */
    @DataBoundSetter
    public void setParameterValues(Map<String, Object> parameterValues) {
        this.parameterValues = parameterValues == null || parameterValues.isEmpty() ? null : plain(parameterValues);
    }

    public @CheckForNull Map<String, String> getInputArtifacts() {
        return inputArtifacts;
    }

    @DataBoundSetter
    public void setInputArtifacts(Map<String, String> inputArtifacts) {
        this.inputArtifacts = inputArtifacts == null || inputArtifacts.isEmpty() ? null : AbstractPersistentResourceStep.stringMap(inputArtifacts);
    }

    public @CheckForNull Boolean getEnableCaching() {
        return enableCaching;
    }

    /** true or false forces caching for every task; not set keeps what the template says. */
    @DataBoundSetter
    public void setEnableCaching(Boolean enableCaching) {
        this.enableCaching = enableCaching;
    }

    public @CheckForNull Map<String, String> getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(Map<String, String> labels) {
        this.labels = labels == null || labels.isEmpty() ? null : AbstractPersistentResourceStep.stringMap(labels);
    }

    public @CheckForNull String getServiceAccount() {
        return serviceAccount;
    }

    @DataBoundSetter
    public void setServiceAccount(String serviceAccount) {
        this.serviceAccount = Util.fixEmptyAndTrim(serviceAccount);
    }

    public @CheckForNull String getNetwork() {
        return network;
    }

    @DataBoundSetter
    public void setNetwork(String network) {
        this.network = Util.fixEmptyAndTrim(network);
    }

    public @CheckForNull List<String> getReservedIpRanges() {
        return reservedIpRanges;
    }

    @DataBoundSetter
    public void setReservedIpRanges(List<String> reservedIpRanges) {
        this.reservedIpRanges = AbstractPersistentResourceStep.clean(reservedIpRanges);
    }

    public @CheckForNull String getKmsKeyName() {
        return kmsKeyName;
    }

    @DataBoundSetter
    public void setKmsKeyName(String kmsKeyName) {
        this.kmsKeyName = Util.fixEmptyAndTrim(kmsKeyName);
    }

    public @CheckForNull String getFailurePolicy() {
        return failurePolicy;
    }

    /** fast or slow (the service's default). */
    @DataBoundSetter
    public void setFailurePolicy(String failurePolicy) {
        this.failurePolicy = Util.fixEmptyAndTrim(failurePolicy);
    }

    public @CheckForNull String getPersistentResourceId() {
        return persistentResourceId;
    }

    /** Run the tasks on this persistent resource; default: {@code VERTEX_PERSISTENT_RESOURCE} when set. */
    @DataBoundSetter
    public void setPersistentResourceId(String persistentResourceId) {
        this.persistentResourceId = Util.fixEmptyAndTrim(persistentResourceId);
    }

    public @CheckForNull String getTaskResourceUnavailableWaitTimeMs() {
        return taskResourceUnavailableWaitTimeMs;
    }

    /**
     * How long a task waits for room on the persistent resource: milliseconds as a number ({@code 600000}, as
     * before) or text ({@code '600000'}, {@code '10m'}, {@code '1h30m'}), the same text as the build step's; core
     * checks it. {@code Object}, as {@code ChoiceParameterDefinition.setChoices} does, so that Groovy may pass
     * either; 0 means not set.
     */
    @DataBoundSetter
    public void setTaskResourceUnavailableWaitTimeMs(Object taskResourceUnavailableWaitTimeMs) {
        String text = taskResourceUnavailableWaitTimeMs == null ? null : Util.fixEmptyAndTrim(taskResourceUnavailableWaitTimeMs.toString());
        this.taskResourceUnavailableWaitTimeMs = "0".equals(text) ? null : text;
    }

    public @CheckForNull String getTaskResourceUnavailableTimeoutBehavior() {
        return taskResourceUnavailableTimeoutBehavior;
    }

    /** FAIL or FALL_BACK_TO_ON_DEMAND, when the persistent resource has no room for a task in time. */
    @DataBoundSetter
    public void setTaskResourceUnavailableTimeoutBehavior(String taskResourceUnavailableTimeoutBehavior) {
        this.taskResourceUnavailableTimeoutBehavior = Util.fixEmptyAndTrim(taskResourceUnavailableTimeoutBehavior);
    }

    public boolean isWait() {
        return wait;
    }

    /** false returns once the job is submitted. */
    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    public @CheckForNull Integer getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(Integer timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes == null || timeoutMinutes <= 0 ? null : timeoutMinutes;
    }

    public boolean isCancelOnAbort() {
        return cancelOnAbort;
    }

    /** Cancel the Vertex AI job when the build is aborted or the step times out (default true). */
    @DataBoundSetter
    public void setCancelOnAbort(boolean cancelOnAbort) {
        this.cancelOnAbort = cancelOnAbort;
    }

    public boolean isPropagate() {
        return propagate;
    }

    /** Fail the step when the run does not succeed (default true); false returns the result instead. */
    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    /** The request in plain values, with the persistent resource from the environment when none is given. */
    PipelineRunRequest request(@CheckForNull String environmentResource) {
        return new PipelineRunRequest(templatePath, pipelineRoot, displayName, jobId, parameterValues, inputArtifacts,
                enableCaching, labels, serviceAccount, network, reservedIpRanges, kmsKeyName, failurePolicy,
                persistentResourceId != null ? persistentResourceId : environmentResource,
                taskResourceUnavailableWaitTimeMs, taskResourceUnavailableTimeoutBehavior);
    }

    /** Parameter values as plain Java values: GStrings become strings, nested lists and maps are copied. */
    static Map<String, Object> plain(Map<?, ?> in) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        in.forEach((k, v) -> out.put(String.valueOf(k), plainValue(v)));
        return out;
    }

    private static Object plainValue(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            return plain(m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(e -> out.add(plainValue(e)));
            return out;
        }
        return v.toString();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    /**
     * Submits (or attaches to) the job under its deterministic id and waits on core's scheduler. Persisted: the
     * job name, whether the submission was acknowledged, project, region, credentials id, the wait options, the
     * deadline, the last state seen and whether a stop is under way. After a restart it waits again on the same
     * job by name, or goes on cancelling it when it was being stopped.
     *
     * <p>A stop never cancels a submission in flight (the create may still make the job): it waits for the
     * submission to settle, then cancels the job (with {@code cancelOnAbort}) and follows it to CANCELLED before
     * the step fails. A stop before anything was sent sends nothing. A second stop ends the step at once.
     */
    static final class Execution extends VertexStepExecution {
        private static final long serialVersionUID = 1L;

        private final transient VertexPipelineRunStep step;
        private String jobName;
        private boolean submitted;
        private String project;
        private String region;
        private String credentialsId;
        private boolean waitForCompletion;
        private boolean cancelOnAbort;
        private boolean propagate;
        private String lastState;
        /**
         * Set by the first stop, with its cause's words: a restart goes on cancelling, then ends ABORTED. Both are
         * read and written under the execution's monitor only (the stop races the submission's threads).
         */
        private boolean stopRequested;
        private String stopCause;
        /** The submission once sent (done when it has settled); guarded by {@code this}. */
        private transient CompletableFuture<?> submission;

        Execution(VertexPipelineRunStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            waitForCompletion = step.isWait();
            cancelOnAbort = step.isCancelOnAbort();
            propagate = step.isPropagate();
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FlowNode node = getContext().get(FlowNode.class);
            EnvVars env = getContext().get(EnvVars.class);
            boolean remote = PipelineRunRequest.isRemote(step.getTemplatePath());
            // A URL on an untrusted host is fetched on the agent too, when there is one.
            FilePath workspace = getContext().get(FilePath.class);
            if (!remote && workspace == null) {
                throw new AbortException(Messages.Workspaces_needsNode(step.getTemplatePath()));
            }
            String fromEnvironment = env == null ? null : Util.fixEmptyAndTrim(env.get(WithVertexPersistentResourceStep.ENV));
            PipelineRunRequest request = step.request(fromEnvironment);
            String runKey = run.getExternalizableId() + "#" + node.getId();
            setDeadline(step.getTimeoutMinutes());
            inBackground(() -> {
                VertexAiTarget target = VertexAiTarget.resolve(step.getProjectId(), step.getRegion(), step.getCredentialsId(), run, listener, true);
                project = target.project();
                region = target.region();
                credentialsId = target.credentialsId();
                if (step.getPersistentResourceId() == null && fromEnvironment != null) {
                    listener.getLogger().println(Messages.VertexPipelineRunStep_resourceFromEnvironment(WithVertexPersistentResourceStep.ENV, fromEnvironment));
                }
                PipelineJobRequest job = request.toJobRequest(target, workspace, runKey, listener);
                jobName = job.jobName();
                saveStateAndWait(); // a restart right after the create must find the job's name
                VertexAiRunAction.record(run, VertexAiRunAction.Kind.PIPELINE_JOB, jobName, null,
                        PipelineJobName.parse("jobName", jobName).consoleUrl());
                VertexEngine engine = SharedEngine.get();
                PipelineRunner runner = engine.pipelines(target.connection());
                synchronized (this) {
                    if (isStopping()) {
                        return; // stopped before anything was sent: stop() has ended the step
                    }
                    CompletableFuture<PipelineRunResult> submit = PipelineRunRequest.submit(engine, target, job, progress(run, listener));
                    submission = submit;
                    follow(engine, submit, res -> {
                        submitted = true;
                        lastState = res.state();
                        saveState();
                        VertexAiRunAction.record(run, VertexAiRunAction.Kind.PIPELINE_JOB, jobName, res.state(), res.consoleUrl());
                        if (!waitForCompletion) {
                            succeed(res.toMap());
                            return;
                        }
                        follow(engine, runner.await(PipelineJobName.parse("jobName", jobName), waitOptions(), progress(run, listener)),
                                r -> finish(r, run));
                    });
                }
            });
            return false;
        }

        @Override
        public void onResume() {
            if (hasEnded()) {
                return;
            }
            if (jobName == null) {
                fail(new AbortException(Messages.VertexPersistentResourceStep_restartedBeforeRequest()));
                return;
            }
            String stoppedBy; // the stop's cause when one was under way, read with the flag under the monitor
            synchronized (this) {
                submission = CompletableFuture.completedFuture(null); // whatever was sent has settled: a stop cancels the job
                stoppedBy = stopRequested ? stopCause : null;
                if (stopRequested) {
                    beginStop();
                }
            }
            if (stoppedBy != null) {
                // Stopped before the restart: go on cancelling, then end as the stop would have.
                inBackground(() -> cancelAndFollow(stoppedBeforeRestart(stoppedBy), true));
                return;
            }
            inBackground(() -> {
                Run<?, ?> run = getContext().get(Run.class);
                TaskListener listener = getContext().get(TaskListener.class);
                VertexAiTarget target = VertexAiTarget.resolve(project, region, credentialsId, run, listener, false);
                listener.getLogger().println(Messages.VertexPipelineRunStep_resumed(jobName, lastState == null ? "?" : lastState));
                VertexEngine engine = SharedEngine.get();
                PipelineRunner runner = engine.pipelines(target.connection());
                PipelineJobName name = PipelineJobName.parse("jobName", jobName);
                synchronized (this) {
                    if (isStopping()) {
                        return; // stopped while resuming: stop() cancels the job
                    }
                    CompletableFuture<PipelineRunResult> result = waitForCompletion
                            ? runner.await(name, waitOptions(), progress(run, listener)) : runner.describe(name);
                    follow(engine, result, r -> {
                        submitted = true;
                        if (waitForCompletion) {
                            finish(r, run);
                        } else {
                            VertexAiRunAction.record(run, VertexAiRunAction.Kind.PIPELINE_JOB, jobName, r.state(), r.consoleUrl());
                            succeed(r.toMap());
                        }
                    }, t -> {
                        if (!submitted && isNotFound(t)) {
                            fail(new AbortException(Messages.VertexPipelineRunStep_restartedBeforeSubmission(jobName)));
                        } else {
                            fail(t);
                        }
                    });
                }
            });
        }

        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            CompletableFuture<?> sent;
            synchronized (this) {
                if (stopRequested) {
                    // A second stop: stop waiting for the cancellation (Vertex AI goes on cancelling).
                    cancelPending();
                    fail(cause);
                    return;
                }
                stopRequested = true;
                stopCause = describe(cause);
                beginStop();
                sent = submission;
            }
            saveState();
            if (sent == null) {
                fail(cause); // nothing was sent, and now nothing will be
                return;
            }
            if (!cancelOnAbort) {
                if (sent.isDone()) {
                    cancelPending(); // the wait for the job; a submission in flight is left to finish
                }
                getContext().get(TaskListener.class).getLogger().println(Messages.VertexPipelineRunStep_leftRunning(jobName));
                fail(cause);
                return;
            }
            // Once the submission has settled (now, or when its answer comes), stop waiting and cancel the job.
            sent.whenComplete((r, t) -> {
                cancelPending();
                inBackground(() -> cancelAndFollow(cause, false));
            });
        }

        /** Cancels the job and follows it to its end for a bounded time, then fails the step with {@code cause}. */
        private void cancelAndFollow(Throwable cause, boolean resumed) {
            TaskListener listener = null;
            try {
                Run<?, ?> run = getContext().get(Run.class);
                listener = getContext().get(TaskListener.class);
                if (resumed) {
                    listener.getLogger().println(Messages.VertexPipelineRunStep_resumedStopping(jobName));
                }
                VertexAiTarget target = VertexAiTarget.resolve(project, region, credentialsId, run, listener, false);
                VertexEngine engine = SharedEngine.get();
                TaskListener log = listener;
                follow(engine, engine.pipelines(target.connection()).cancel(PipelineJobName.parse("jobName", jobName),
                        PipelineWaitOptions.DEFAULT.cancelGrace(), progress(run, listener)), r -> {
                    lastState = r.state();
                    VertexAiRunAction.record(run, VertexAiRunAction.Kind.PIPELINE_JOB, jobName, r.state(), r.consoleUrl());
                    fail(cause);
                }, t -> {
                    log.getLogger().println(Messages.VertexPipelineRunStep_cancelFailed(jobName, forLog(t).getMessage()));
                    fail(cause);
                }, true);
            } catch (Exception e) {
                // E.g. the credentials are gone: the job cannot be cancelled, but the step still ends as stopped.
                if (listener != null) {
                    listener.getLogger().println(Messages.VertexPipelineRunStep_cancelFailed(jobName, forLog(e).getMessage()));
                }
                fail(cause);
            }
        }

        @Override
        public String getStatus() {
            boolean cancelling;
            synchronized (this) {
                cancelling = stopRequested;
            }
            return jobName == null ? "preparing" : jobName + (lastState == null ? "" : ": " + lastState)
                    + (cancelling ? " (cancelling)" : "");
        }

        private void finish(PipelineRunResult r, Run<?, ?> run) {
            lastState = r.state();
            VertexAiRunAction.record(run, VertexAiRunAction.Kind.PIPELINE_JOB, jobName, r.state(), r.consoleUrl());
            if (propagate && !r.succeeded()) {
                fail(new PipelineRunException(r));
            } else {
                succeed(r.toMap());
            }
        }

        private PipelineWaitOptions waitOptions() {
            PipelineWaitOptions o = PipelineWaitOptions.DEFAULT
                    .withPolling(SharedEngine.capped(PipelineWaitOptions.DEFAULT.polling()))
                    .withCancelOnTimeout(cancelOnAbort);
            return deadline == 0 ? o : o.withTimeout(remaining());
        }

        private BuildLogProgress progress(Run<?, ?> run, TaskListener listener) {
            return new BuildLogProgress(listener, e -> {
                if (e.kind() == ProgressEvent.Kind.STATE && jobName != null && e.subject() != null && e.subject().startsWith("pipeline job")) {
                    String m = e.message();
                    lastState = m.contains("->") ? m.substring(m.lastIndexOf("->") + 2).trim() : m.trim();
                    VertexAiRunAction.record(run, VertexAiRunAction.Kind.PIPELINE_JOB, jobName, lastState, null);
                }
            });
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "vertexPipelineRun";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.VertexPipelineRunStep_displayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        /** The maps, the list and the caching choice come from the form as text (see {@link StepFormText}). */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            Map<String, Object> parameterValues = StepFormText.takeKeyValueLines(formData, "parameterValues");
            Map<String, String> inputArtifacts = StepFormText.takeKeyValues(formData, "inputArtifacts");
            Map<String, String> labels = StepFormText.takeKeyValues(formData, "labels");
            List<String> reservedIpRanges = StepFormText.takeItems(formData, "reservedIpRanges");
            Boolean enableCaching = StepFormText.takeTriState(formData, "enableCaching");
            VertexPipelineRunStep step = (VertexPipelineRunStep) super.newInstance(req, formData);
            step.setParameterValues(parameterValues);
            step.setInputArtifacts(inputArtifacts);
            step.setLabels(labels);
            step.setReservedIpRanges(reservedIpRanges);
            step.setEnableCaching(enableCaching);
            return step;
        }

        /** A map or list argument as the text area shows it. */
        public String formText(@CheckForNull Object value) {
            return StepFormText.of(value);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsForms.fill(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsForms.check(item, value);
        }

        public FormValidation doCheckTemplatePath(@QueryParameter String value) {
            return PipelineForms.templatePath(value);
        }

        public FormValidation doCheckProjectId(@QueryParameter String value) {
            return FormChecks.projectId(value, true);
        }

        public FormValidation doCheckRegion(@QueryParameter String value) {
            return FormChecks.region(value, true);
        }

        public FormValidation doCheckPipelineRoot(@QueryParameter String value) {
            return PipelineForms.pipelineRoot(value);
        }

        public FormValidation doCheckJobId(@QueryParameter String value) {
            return PipelineForms.jobId(value);
        }

        public FormValidation doCheckPersistentResourceId(@QueryParameter String value) {
            return PipelineForms.persistentResourceId(value);
        }

        public FormValidation doCheckTaskResourceUnavailableWaitTimeMs(@QueryParameter String value) {
            return PipelineForms.waitTime(value);
        }

        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return FormChecks.timeoutMinutes(value);
        }

        public FormValidation doCheckServiceAccount(@QueryParameter String value) {
            return FormChecks.serviceAccount(value);
        }

        public FormValidation doCheckNetwork(@QueryParameter String value) {
            return FormChecks.network(value);
        }

        public FormValidation doCheckKmsKeyName(@QueryParameter String value) {
            return FormChecks.kmsKeyName(value);
        }

        public FormValidation doCheckLabels(@QueryParameter String value) {
            return FormChecks.labels(value);
        }

        public ListBoxModel doFillEnableCachingItems() {
            return PipelineForms.cachingOptions();
        }

        public ListBoxModel doFillFailurePolicyItems() {
            return PipelineForms.failurePolicies();
        }

        public ListBoxModel doFillTaskResourceUnavailableTimeoutBehaviorItems() {
            return PipelineForms.timeoutBehaviors();
        }
    }
}
