package io.jenkins.plugins.vertexai;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
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
import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.resource.EnsureOptions;
import io.jenkins.plugins.vertexai.core.resource.IfExists;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceManager;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceScope;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpecValidator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Freestyle build step: ensures, creates, describes, deletes or reboots a persistent resource. Text fields expand
 * build variables; the resource's full name is exported as {@code VERTEX_PERSISTENT_RESOURCE} to later steps.
 */
public class VertexPersistentResourceBuilder extends Builder implements SimpleBuildStep {
    private final String persistentResourceId;
    private String projectId;
    private String region;
    private String credentialsId;
    private String displayName;
    private List<ResourcePool> resourcePools;
    private String resourcePoolSpecs;
    private String config;
    private boolean enableCustomServiceAccount = true;
    private String serviceAccount;
    private String network;
    private String labels;
    private String kmsKeyName;
    private String reservedIpRanges;
    private String action = "ensure";
    private String ifExists = "reuse";
    private boolean wait = true;
    private String timeoutMinutes;

    @DataBoundConstructor
    public VertexPersistentResourceBuilder(String persistentResourceId) {
        this.persistentResourceId = Util.fixEmptyAndTrim(persistentResourceId);
    }

    public String getPersistentResourceId() {
        return persistentResourceId;
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

    public @CheckForNull String getDisplayName() {
        return displayName;
    }

    @DataBoundSetter
    public void setDisplayName(String displayName) {
        this.displayName = Util.fixEmptyAndTrim(displayName);
    }

    public List<ResourcePool> getResourcePools() {
        return resourcePools == null ? List.of() : resourcePools;
    }

    @DataBoundSetter
    public void setResourcePools(List<ResourcePool> resourcePools) {
        this.resourcePools = resourcePools == null || resourcePools.isEmpty() ? null : new ArrayList<>(resourcePools);
    }

    public @CheckForNull String getResourcePoolSpecs() {
        return resourcePoolSpecs;
    }

    /** One gcloud {@code --resource-pool-spec} per line. */
    @DataBoundSetter
    public void setResourcePoolSpecs(String resourcePoolSpecs) {
        this.resourcePoolSpecs = Util.fixEmptyAndTrim(resourcePoolSpecs);
    }

    public @CheckForNull String getConfig() {
        return config;
    }

    @DataBoundSetter
    public void setConfig(String config) {
        this.config = Util.fixEmptyAndTrim(config);
    }

    public boolean isEnableCustomServiceAccount() {
        return enableCustomServiceAccount;
    }

    @DataBoundSetter
    public void setEnableCustomServiceAccount(boolean enableCustomServiceAccount) {
        this.enableCustomServiceAccount = enableCustomServiceAccount;
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

    public @CheckForNull String getLabels() {
        return labels;
    }

    /** KEY=VALUE, one per line or comma-separated. */
    @DataBoundSetter
    public void setLabels(String labels) {
        this.labels = Util.fixEmptyAndTrim(labels);
    }

    public @CheckForNull String getKmsKeyName() {
        return kmsKeyName;
    }

    @DataBoundSetter
    public void setKmsKeyName(String kmsKeyName) {
        this.kmsKeyName = Util.fixEmptyAndTrim(kmsKeyName);
    }

    public @CheckForNull String getReservedIpRanges() {
        return reservedIpRanges;
    }

    @DataBoundSetter
    public void setReservedIpRanges(String reservedIpRanges) {
        this.reservedIpRanges = Util.fixEmptyAndTrim(reservedIpRanges);
    }

    public String getAction() {
        return action;
    }

    @DataBoundSetter
    public void setAction(String action) {
        this.action = TextLists.choice(action, "ensure");
    }

    public String getIfExists() {
        return ifExists;
    }

    @DataBoundSetter
    public void setIfExists(String ifExists) {
        this.ifExists = TextLists.choice(ifExists, "reuse");
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

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env, @NonNull Launcher launcher,
                        @NonNull TaskListener listener) throws InterruptedException, IOException {
        // A bad choice is a one-line error naming the field and what it accepts, not a stack trace.
        VertexPersistentResourceStep.Action act = VertexStepExecution.parse(() -> VertexPersistentResourceStep.Action.parse(BuilderSupport.expand(env, action)));
        IfExists policy = VertexStepExecution.parse(() -> IfExists.parse("ifExists", BuilderSupport.expand(env, ifExists)));
        String id = BuilderSupport.expand(env, persistentResourceId);
        String project = BuilderSupport.expand(env, projectId);
        String loc = BuilderSupport.expand(env, region);
        if (PersistentResourceName.isFullName(id)) {
            PersistentResourceName full = VertexStepExecution.parse(() -> PersistentResourceName.parse("persistentResourceId", id));
            project = full.project();
            loc = full.region();
        }
        VertexAiTarget target = VertexAiTarget.resolve(project, loc, BuilderSupport.expand(env, credentialsId), run, listener, true);
        try {
            PersistentResourceSpec spec = null;
            PersistentResourceName name;
            if (act.needsSpec()) {
                String configPath = BuilderSupport.expand(env, config);
                String configText = configPath == null ? null : Workspaces.readText(workspace, configPath);
                spec = request(env).spec(target.project(), target.region(), configText, configPath);
                name = PersistentResourceSpecValidator.validate(spec);
            } else {
                name = PersistentResourceSpecValidator.resolveName(id, target.project(), target.region());
            }
            VertexAiRunAction.record(run, VertexAiRunAction.Kind.PERSISTENT_RESOURCE, name.toString(), null, PersistentResourceResult.consoleUrl(name));
            Integer minutes = BuilderSupport.minutes(env, "timeoutMinutes", timeoutMinutes);
            PollingPolicy polling = SharedEngine.capped(PollingPolicy.PERSISTENT_RESOURCE);
            EnsureOptions options = new EnsureOptions(policy, wait, minutes == null ? polling : polling.withTimeout(Duration.ofMinutes(minutes)));
            VertexEngine engine = SharedEngine.get();
            PersistentResourceManager manager = engine.persistentResources(target.connection());
            BuildLogProgress progress = new BuildLogProgress(listener);
            // Whether an abort while waiting would leave a resource of this step's making behind (said in the log).
            boolean createsIt = act == VertexPersistentResourceStep.Action.CREATE || (act == VertexPersistentResourceStep.Action.ENSURE
                    && !PersistentResourceScope.reuses(BuilderSupport.join(manager.find(name)), policy));
            CompletableFuture<PersistentResourceResult> future = switch (act) {
                case ENSURE -> manager.ensure(spec, options, progress);
                case CREATE -> manager.create(spec, options, progress);
                case DESCRIBE -> manager.describe(name);
                case DELETE -> manager.delete(name, options, progress);
                case REBOOT -> manager.reboot(name, options, progress);
            };
            PersistentResourceResult result;
            try {
                result = BuilderSupport.join(future);
            } catch (InterruptedException e) {
                if (createsIt && wait) {
                    listener.getLogger().println(Messages.VertexPersistentResourceStep_leftRunning(name.toString(), "?",
                            name.id(), name.project(), name.region()));
                }
                throw e;
            }
            // Keyed by the name as asked: the service's name has the project number instead of the id.
            VertexAiRunAction.record(run, VertexAiRunAction.Kind.PERSISTENT_RESOURCE, name.toString(), result.state(), result.consoleUrl());
            VertexAiEnvironmentAction.export(run, VertexAiEnvironmentAction.PERSISTENT_RESOURCE,
                    PersistentResourceResult.GONE.equals(result.state()) ? null : result.name());
            listener.getLogger().println(Messages.VertexPersistentResourceBuilder_result(result.name(), result.outcome(), result.state()));
        } catch (ValidationException e) {
            throw BuilderSupport.abort(e);
        }
    }

    private ResourceRequest request(EnvVars env) {
        return new ResourceRequest(BuilderSupport.expand(env, persistentResourceId), BuilderSupport.expand(env, displayName),
                getResourcePools().stream().map(p -> p.toSpec(env::expand)).toList(),
                BuilderSupport.lines(env, resourcePoolSpecs), enableCustomServiceAccount,
                BuilderSupport.expand(env, serviceAccount), BuilderSupport.expand(env, network),
                BuilderSupport.keyValues(env, "labels", labels), BuilderSupport.expand(env, kmsKeyName),
                BuilderSupport.items(env, reservedIpRanges));
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
            return Messages.VertexPersistentResourceBuilder_displayName();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsForms.fill(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsForms.check(item, value);
        }

        public FormValidation doCheckPersistentResourceId(@QueryParameter String value) {
            return FormChecks.persistentResourceId(value, false);
        }

        public FormValidation doCheckProjectId(@QueryParameter String value) {
            return FormChecks.projectId(value, true);
        }

        public FormValidation doCheckRegion(@QueryParameter String value) {
            return FormChecks.region(value, true);
        }

        public FormValidation doCheckDisplayName(@QueryParameter String value) {
            return FormChecks.displayName(value);
        }

        public FormValidation doCheckResourcePoolSpecs(@QueryParameter String value) {
            return FormChecks.resourcePoolSpecs(value);
        }

        public FormValidation doCheckServiceAccount(@QueryParameter String value) {
            return FormChecks.serviceAccount(value);
        }

        public FormValidation doCheckNetwork(@QueryParameter String value) {
            return FormChecks.network(value);
        }

        public FormValidation doCheckLabels(@QueryParameter String value) {
            return FormChecks.labels(value);
        }

        public FormValidation doCheckKmsKeyName(@QueryParameter String value) {
            return FormChecks.kmsKeyName(value);
        }

        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return FormChecks.timeoutMinutes(value);
        }

        public ListBoxModel doFillActionItems() {
            return VertexPersistentResourceStep.actionItems();
        }

        public ListBoxModel doFillIfExistsItems() {
            return FormChecks.ifExistsItems();
        }
    }
}
