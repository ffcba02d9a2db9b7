package io.jenkins.plugins.vertexai;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.job.PipelineJobName;
import io.jenkins.plugins.vertexai.core.job.PipelineRunException;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import io.jenkins.plugins.vertexai.core.job.PipelineRunner;
import io.jenkins.plugins.vertexai.core.job.PipelineWaitOptions;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequest;
import io.jenkins.plugins.vertexai.core.pipeline.template.TemplateLoadException;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Freestyle build step: submits a Vertex AI pipeline run and (by default) waits for it on the executor thread.
 * Text fields expand build variables. The job's name and final state are exported as
 * {@code VERTEX_PIPELINE_JOB_NAME} and {@code VERTEX_PIPELINE_JOB_STATE}; without a persistent resource of its
 * own the run uses {@code VERTEX_PERSISTENT_RESOURCE} when an earlier step set it.
 */
public class VertexPipelineRunBuilder extends Builder implements SimpleBuildStep {
    /** How long an aborted build waits for a submission in flight before it cancels the job anyway. */
    static final Duration SUBMISSION_SETTLE = Duration.ofMinutes(2);

    private final String templatePath;
    private String projectId;
    private String region;
    private String credentialsId;
    private String pipelineRoot;
    private String displayName;
    private String jobId;
    private String parameterValues;
    private String inputArtifacts;
    private String enableCaching;
    private String labels;
    private String serviceAccount;
    private String network;
    private String reservedIpRanges;
    private String kmsKeyName;
    private String failurePolicy;
    private String persistentResourceId;
    private String taskResourceUnavailableWaitTimeMs;
    private String taskResourceUnavailableTimeoutBehavior;
    private boolean wait = true;
    private String timeoutMinutes;
    private boolean cancelOnAbort = true;
    private boolean propagate = true;

    @DataBoundConstructor
    public VertexPipelineRunBuilder(String templatePath) {
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

    @DataBoundSetter
    public void setJobId(String jobId) {
        this.jobId = Util.fixEmptyAndTrim(jobId);
    }

    public @CheckForNull String getParameterValues() {
        return parameterValues;
    }

    /** NAME=VALUE, one per line; values are text, converted to each parameter's type by core. */
    @DataBoundSetter
    public void setParameterValues(String parameterValues) {
        this.parameterValues = Util.fixEmptyAndTrim(parameterValues);
    }

    public @CheckForNull String getInputArtifacts() {
        return inputArtifacts;
    }

    @DataBoundSetter
    public void setInputArtifacts(String inputArtifacts) {
        this.inputArtifacts = Util.fixEmptyAndTrim(inputArtifacts);
    }

    public @CheckForNull String getEnableCaching() {
        return enableCaching;
    }

    /** Empty (the template's settings), true or false. */
    @DataBoundSetter
    public void setEnableCaching(String enableCaching) {
        this.enableCaching = Util.fixEmptyAndTrim(enableCaching);
    }

    public @CheckForNull String getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(String labels) {
        this.labels = Util.fixEmptyAndTrim(labels);
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

    public @CheckForNull String getReservedIpRanges() {
        return reservedIpRanges;
    }

    @DataBoundSetter
    public void setReservedIpRanges(String reservedIpRanges) {
        this.reservedIpRanges = Util.fixEmptyAndTrim(reservedIpRanges);
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

    @DataBoundSetter
    public void setFailurePolicy(String failurePolicy) {
        this.failurePolicy = Util.fixEmptyAndTrim(failurePolicy);
    }

    public @CheckForNull String getPersistentResourceId() {
        return persistentResourceId;
    }

    @DataBoundSetter
    public void setPersistentResourceId(String persistentResourceId) {
        this.persistentResourceId = Util.fixEmptyAndTrim(persistentResourceId);
    }

    public @CheckForNull String getTaskResourceUnavailableWaitTimeMs() {
        return taskResourceUnavailableWaitTimeMs;
    }

    /** Milliseconds, or a duration such as 10m. */
    @DataBoundSetter
    public void setTaskResourceUnavailableWaitTimeMs(String taskResourceUnavailableWaitTimeMs) {
        this.taskResourceUnavailableWaitTimeMs = Util.fixEmptyAndTrim(taskResourceUnavailableWaitTimeMs);
    }

    public @CheckForNull String getTaskResourceUnavailableTimeoutBehavior() {
        return taskResourceUnavailableTimeoutBehavior;
    }

    @DataBoundSetter
    public void setTaskResourceUnavailableTimeoutBehavior(String taskResourceUnavailableTimeoutBehavior) {
        this.taskResourceUnavailableTimeoutBehavior = Util.fixEmptyAndTrim(taskResourceUnavailableTimeoutBehavior);
    }

    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    public @CheckForNull String getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(String timeoutMinutes) {
        this.timeoutMinutes = Util.fixEmptyAndTrim(timeoutMinutes);
    }

    public boolean isCancelOnAbort() {
        return cancelOnAbort;
    }

    @DataBoundSetter
    public void setCancelOnAbort(boolean cancelOnAbort) {
        this.cancelOnAbort = cancelOnAbort;
    }

    public boolean isPropagate() {
        return propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env, @NonNull Launcher launcher,
                        @NonNull TaskListener listener) throws InterruptedException, IOException {
        VertexAiTarget target = VertexAiTarget.resolve(BuilderSupport.expand(env, projectId), BuilderSupport.expand(env, region),
                BuilderSupport.expand(env, credentialsId), run, listener, true);
        PipelineJobRequest job;
        try {
            String resource = BuilderSupport.expand(env, persistentResourceId);
            if (resource == null) {
                resource = Util.fixEmptyAndTrim(env.get(VertexAiEnvironmentAction.PERSISTENT_RESOURCE));
                if (resource != null) {
                    listener.getLogger().println(Messages.VertexPipelineRunStep_resourceFromEnvironment(VertexAiEnvironmentAction.PERSISTENT_RESOURCE, resource));
                }
            }
            Map<String, Object> parameters = new LinkedHashMap<>(BuilderSupport.keyValueLines(env, "parameterValues", parameterValues));
            String caching = BuilderSupport.expand(env, enableCaching);
            PipelineRunRequest request = new PipelineRunRequest(BuilderSupport.expand(env, templatePath), BuilderSupport.expand(env, pipelineRoot),
                    BuilderSupport.expand(env, displayName), BuilderSupport.expand(env, jobId), parameters,
                    BuilderSupport.keyValues(env, "inputArtifacts", inputArtifacts), TextLists.triState("enableCaching", caching),
                    BuilderSupport.keyValues(env, "labels", labels), BuilderSupport.expand(env, serviceAccount), BuilderSupport.expand(env, network),
                    BuilderSupport.items(env, reservedIpRanges), BuilderSupport.expand(env, kmsKeyName), BuilderSupport.expand(env, failurePolicy),
                    resource, BuilderSupport.expand(env, taskResourceUnavailableWaitTimeMs),
                    BuilderSupport.expand(env, taskResourceUnavailableTimeoutBehavior));
            // One run key per pipeline build step of this build: a retried call attaches instead of submitting again.
            String runKey = run.getExternalizableId() + "#builder-" + VertexAiRunAction.of(run).reserveBuilderRun();
            job = request.toJobRequest(target, workspace, runKey, listener);
        } catch (ValidationException | TemplateLoadException e) {
            throw BuilderSupport.abort(e);
        }
        PipelineJobName name = PipelineJobName.parse("jobName", job.jobName());
        VertexAiRunAction.record(run, VertexAiRunAction.Kind.PIPELINE_JOB, job.jobName(), null, name.consoleUrl());
        VertexAiEnvironmentAction.export(run, VertexAiEnvironmentAction.PIPELINE_JOB_NAME, job.jobName());
        VertexEngine engine = SharedEngine.get();
        PipelineRunner runner = engine.pipelines(target.connection());
        BuildLogProgress progress = new BuildLogProgress(listener);
        PipelineRunResult result;
        CompletableFuture<PipelineRunResult> submission = PipelineRunRequest.submit(engine, target, job, progress);
        try {
            // An abort must not cut the submission short: the create may reach Vertex AI anyway (see cancelOnAbort).
            result = BuilderSupport.joinUncancelled(submission);
            if (wait) {
                Integer minutes = BuilderSupport.minutes(env, "timeoutMinutes", timeoutMinutes);
                PipelineWaitOptions options = PipelineWaitOptions.DEFAULT
                        .withPolling(SharedEngine.capped(PipelineWaitOptions.DEFAULT.polling()))
                        .withCancelOnTimeout(cancelOnAbort);
                result = BuilderSupport.join(runner.await(name, minutes == null ? options : options.withTimeout(Duration.ofMinutes(minutes)), progress));
            }
        } catch (InterruptedException e) {
            cancelOnAbort(runner, name, submission, listener, progress);
            throw e;
        }
        // Keyed by the name as asked: the service's name has the project number instead of the id.
        VertexAiRunAction.record(run, VertexAiRunAction.Kind.PIPELINE_JOB, name.toString(), result.state(), result.consoleUrl());
        VertexAiEnvironmentAction.export(run, VertexAiEnvironmentAction.PIPELINE_JOB_STATE, result.state());
        if (wait && propagate && !result.succeeded()) {
            throw new AbortException(new PipelineRunException(result).getMessage());
        }
    }

    /**
     * The build was aborted: as the Pipeline step does, wait (bounded) for a submission in flight to settle, so
     * that a job created after the abort is not missed, then cancel the job and follow it to CANCELLED for a
     * bounded time. A second abort stops waiting.
     */
    private void cancelOnAbort(PipelineRunner runner, PipelineJobName name, CompletableFuture<PipelineRunResult> submission,
                               TaskListener listener, BuildLogProgress progress) {
        if (!cancelOnAbort) {
            listener.getLogger().println(Messages.VertexPipelineRunStep_leftRunning(name.toString()));
            return;
        }
        if (!submission.isDone()) {
            listener.getLogger().println(Messages.VertexPipelineRunBuilder_abortWhileSubmitting(name.toString(), SUBMISSION_SETTLE.toMinutes()));
            try {
                submission.handle((r, t) -> r).get(SUBMISSION_SETTLE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
                listener.getLogger().println(Messages.VertexPipelineRunBuilder_stoppedWaiting(name.toString()));
                return;
            } catch (ExecutionException | TimeoutException e) {
                // Not settled in time: cancel anyway; Vertex AI answers NOT_FOUND if the job was never made.
            }
        }
        Duration grace = PipelineWaitOptions.DEFAULT.cancelGrace();
        try {
            runner.cancel(name, grace, progress).get(grace.toSeconds() + 60, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            listener.getLogger().println(Messages.VertexPipelineRunStep_cancelFailed(name.toString(), BuilderSupport.abort(e).getMessage()));
        }
    }

    /** No {@code @Symbol}: Pipelines use the real steps, which survive a restart; a builder run through {@code step} would not. */
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.VertexPipelineRunBuilder_displayName();
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

        public FormValidation doCheckLabels(@QueryParameter String value) {
            return FormChecks.labels(value);
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

        public FormValidation doCheckPersistentResourceId(@QueryParameter String value) {
            return PipelineForms.persistentResourceId(value);
        }

        public FormValidation doCheckTaskResourceUnavailableWaitTimeMs(@QueryParameter String value) {
            return PipelineForms.waitTime(value);
        }

        public FormValidation doCheckTaskResourceUnavailableTimeoutBehavior(@QueryParameter String value) {
            return PipelineForms.timeoutBehavior(value);
        }

        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return FormChecks.timeoutMinutes(value);
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
