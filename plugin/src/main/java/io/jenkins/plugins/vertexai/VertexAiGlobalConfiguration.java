package io.jenkins.plugins.vertexai;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.google.jenkins.plugins.credentials.oauth.GoogleRobotCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.vertexai.core.async.RequestBudgets;
import io.jenkins.plugins.vertexai.core.pipeline.template.CredentialHosts;
import java.time.Duration;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Defaults for every Vertex AI step and build step: project, region, credentials, an API endpoint override (a
 * private endpoint, or {@code http://host:port} for the emulator), a default pipeline root, a cap on the poll
 * interval, the request budget per project and region, and the template hosts besides Google's that may receive credentials (administrators only: a template
 * URL comes from a build, and a build must not be able to send the controller's credentials anywhere, nor make the
 * controller fetch from any other host), and whether builds without credentials may use the controller's own
 * Google identity (off by default). Configuration as Code: {@code unclassified: vertexAi: {projectId: …, region: …}}.
 */
@Extension
@Symbol("vertexAi")
public class VertexAiGlobalConfiguration extends GlobalConfiguration {
    /** The poll interval cap when none is configured: the engine's own (30 s). */
    public static final int DEFAULT_MAX_POLL_INTERVAL_SECONDS = 30;

    private String projectId;
    private String region;
    private String credentialsId;
    private String apiEndpoint;
    private String defaultPipelineRoot;
    private int maxPollIntervalSeconds;
    private int requestsPerMinute;
    private String trustedTemplateHosts;
    private boolean allowApplicationDefaultCredentials;

    public VertexAiGlobalConfiguration() {
        load();
    }

    public static @NonNull VertexAiGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(VertexAiGlobalConfiguration.class);
    }

    public @CheckForNull String getProjectId() {
        return projectId;
    }

    @DataBoundSetter
    public void setProjectId(String projectId) {
        this.projectId = Util.fixEmptyAndTrim(projectId);
        save();
    }

    public @CheckForNull String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Util.fixEmptyAndTrim(region);
        save();
    }

    public @CheckForNull String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        save();
    }

    public @CheckForNull String getApiEndpoint() {
        return apiEndpoint;
    }

    @DataBoundSetter
    public void setApiEndpoint(String apiEndpoint) {
        this.apiEndpoint = Util.fixEmptyAndTrim(apiEndpoint);
        save();
    }

    public @CheckForNull String getDefaultPipelineRoot() {
        return defaultPipelineRoot;
    }

    /** gs://BUCKET/PATH for pipeline runs whose template and step name none. */
    @DataBoundSetter
    public void setDefaultPipelineRoot(String defaultPipelineRoot) {
        this.defaultPipelineRoot = Util.fixEmptyAndTrim(defaultPipelineRoot);
        save();
    }

    /** 0 means the default, {@value #DEFAULT_MAX_POLL_INTERVAL_SECONDS} s. */
    public int getMaxPollIntervalSeconds() {
        return maxPollIntervalSeconds;
    }

    @DataBoundSetter
    public void setMaxPollIntervalSeconds(int maxPollIntervalSeconds) {
        this.maxPollIntervalSeconds = Math.max(0, maxPollIntervalSeconds);
        save();
    }

    /** The effective cap on the interval between two polls. */
    public Duration maxPollInterval() {
        return Duration.ofSeconds(maxPollIntervalSeconds > 0 ? maxPollIntervalSeconds : DEFAULT_MAX_POLL_INTERVAL_SECONDS);
    }

    /** 0 means the engine's default, {@value RequestBudgets#DEFAULT_PER_MINUTE}. */
    public int getRequestsPerMinute() {
        return requestsPerMinute;
    }

    /** The most Vertex AI requests per minute this controller makes in each project and region; more queue. */
    @DataBoundSetter
    public void setRequestsPerMinute(int requestsPerMinute) {
        this.requestsPerMinute = Math.max(0, requestsPerMinute);
        save();
    }

    /** The effective request budget per project and region. */
    public int effectiveRequestsPerMinute() {
        return requestsPerMinute > 0 ? requestsPerMinute : RequestBudgets.DEFAULT_PER_MINUTE;
    }

    public @CheckForNull String getTrustedTemplateHosts() {
        return trustedTemplateHosts;
    }

    /** Hosts ({@code registry.example.com}) or domains ({@code .example.com}), one per line or comma-separated. */
    @DataBoundSetter
    public void setTrustedTemplateHosts(String trustedTemplateHosts) {
        this.trustedTemplateHosts = Util.fixEmptyAndTrim(trustedTemplateHosts);
        save();
    }

    public boolean isAllowApplicationDefaultCredentials() {
        return allowApplicationDefaultCredentials;
    }

    /**
     * Whether a build with no credentials on its step, build step or here may use the controller's Application
     * Default Credentials (Workload Identity, the metadata server, GOOGLE_APPLICATION_CREDENTIALS): off by
     * default, since that identity is the controller's, not the build author's.
     */
    @DataBoundSetter
    public void setAllowApplicationDefaultCredentials(boolean allowApplicationDefaultCredentials) {
        this.allowApplicationDefaultCredentials = allowApplicationDefaultCredentials;
        save();
    }

    /** Where an http(s) template fetch may send credentials: Google's hosts and the configured ones. */
    public CredentialHosts templateCredentialHosts() {
        return CredentialHosts.googleAnd(TextLists.items(trustedTemplateHosts).stream()
                .map(h -> h.startsWith("*.") ? h.substring(1) : h).toArray(String[]::new));
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        // Fields left empty in the form are absent from the JSON: clear them before binding.
        projectId = null;
        region = null;
        credentialsId = null;
        apiEndpoint = null;
        defaultPipelineRoot = null;
        maxPollIntervalSeconds = 0;
        requestsPerMinute = 0;
        trustedTemplateHosts = null;
        allowApplicationDefaultCredentials = false;
        req.bindJSON(this, json);
        save();
        return true;
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(credentialsId);
        }
        return new StandardListBoxModel().includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), GoogleRobotCredentials.class,
                        List.of(new VertexAiScopeRequirement()), CredentialsMatchers.always())
                .includeCurrentValue(credentialsId);
    }

    @POST
    public FormValidation doCheckProjectId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.projectId(value, true);
    }

    @POST
    public FormValidation doCheckRegion(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.region(value, true);
    }

    @POST
    public FormValidation doCheckApiEndpoint(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.apiEndpoint(value);
    }

    @POST
    public FormValidation doCheckDefaultPipelineRoot(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return PipelineForms.pipelineRoot(value);
    }

    @POST
    public FormValidation doCheckTrustedTemplateHosts(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.trustedHosts(value);
    }

    @POST
    public FormValidation doCheckRequestsPerMinute(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormValidation.validateNonNegativeInteger(value);
    }

    @POST
    public FormValidation doCheckMaxPollIntervalSeconds(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormValidation.validateNonNegativeInteger(value);
    }
}
