package io.jenkins.plugins.vertexai;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The persistent-resource parameters shared by {@code vertexPersistentResource} and
 * {@code withVertexPersistentResource}: which resource, where, as whom, and its spec.
 */
public abstract class AbstractPersistentResourceStep extends Step {
    private final String persistentResourceId;
    private String projectId;
    private String region;
    private String credentialsId;
    private String displayName;
    private List<ResourcePool> resourcePools;
    private List<String> resourcePoolSpecs;
    private String config;
    private boolean enableCustomServiceAccount = true;
    private String serviceAccount;
    private String network;
    private Map<String, String> labels;
    private String kmsKeyName;
    private List<String> reservedIpRanges;
    private Integer timeoutMinutes;

    protected AbstractPersistentResourceStep(String persistentResourceId) {
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

    public @CheckForNull List<ResourcePool> getResourcePools() {
        return resourcePools;
    }

    /** Pools as maps with the fields of core's pool spec: {@code [[machineType: 'n1-standard-4', replicaCount: 1]]}. */
    @DataBoundSetter
    public void setResourcePools(List<ResourcePool> resourcePools) {
        this.resourcePools = resourcePools == null || resourcePools.isEmpty() ? null : new ArrayList<>(resourcePools);
    }

    public @CheckForNull List<String> getResourcePoolSpecs() {
        return resourcePoolSpecs;
    }

    /** Pools as gcloud's {@code --resource-pool-spec} strings: {@code 'machine-type=n1-standard-4,replica-count=1'}. */
    @DataBoundSetter
    public void setResourcePoolSpecs(List<String> resourcePoolSpecs) {
        this.resourcePoolSpecs = clean(resourcePoolSpecs);
    }

    public @CheckForNull String getConfig() {
        return config;
    }

    /** A YAML file in the workspace, as gcloud's {@code --config}; explicit values win over it. */
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

    public @CheckForNull Map<String, String> getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(Map<String, String> labels) {
        this.labels = labels == null || labels.isEmpty() ? null : stringMap(labels);
    }

    public @CheckForNull String getKmsKeyName() {
        return kmsKeyName;
    }

    @DataBoundSetter
    public void setKmsKeyName(String kmsKeyName) {
        this.kmsKeyName = Util.fixEmptyAndTrim(kmsKeyName);
    }

    public @CheckForNull List<String> getReservedIpRanges() {
        return reservedIpRanges;
    }

    @DataBoundSetter
    public void setReservedIpRanges(List<String> reservedIpRanges) {
        this.reservedIpRanges = clean(reservedIpRanges);
    }

    public @CheckForNull Integer getTimeoutMinutes() {
        return timeoutMinutes;
    }

    /** How long to wait for the resource (provisioning, deletion); default: core's (one hour). */
    @DataBoundSetter
    public void setTimeoutMinutes(Integer timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes == null || timeoutMinutes <= 0 ? null : timeoutMinutes;
    }

    /** The request in plain values. */
    private ResourceRequest request() {
        return new ResourceRequest(persistentResourceId, displayName,
                resourcePools == null ? List.of() : resourcePools.stream().map(p -> p.toSpec(UnaryOperator.identity())).toList(),
                resourcePoolSpecs == null ? List.of() : resourcePoolSpecs,
                enableCustomServiceAccount, serviceAccount, network, labels, kmsKeyName, reservedIpRanges);
    }

    /** The spec in core's terms, for the effective project and region; {@code configText} is the config file's content. */
    PersistentResourceSpec spec(String project, String region, @CheckForNull String configText) {
        return request().spec(project, region, configText, config);
    }

    /** The project and region the step names: those of a full resource name, else the step's fields. */
    String[] projectAndRegion() {
        if (PersistentResourceName.isFullName(persistentResourceId)) {
            PersistentResourceName n = PersistentResourceName.parse("persistentResourceId", persistentResourceId);
            return new String[] {n.project(), n.region()};
        }
        return new String[] {projectId, region};
    }

    static List<String> clean(List<String> values) {
        if (values == null) {
            return null;
        }
        List<String> out = values.stream().map(v -> v == null ? null : v.trim()).filter(v -> v != null && !v.isEmpty()).toList();
        return out.isEmpty() ? null : new ArrayList<>(out);
    }

    /** Groovy maps may hold GStrings and numbers: keep their text. */
    static Map<String, String> stringMap(Map<?, ?> in) {
        Map<String, String> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return out;
    }

    /** Form behaviour shared by both steps' descriptors. */
    public abstract static class AbstractDescriptor extends StepDescriptor {
        /** The pool specs, labels and IP ranges come from the form as text (see {@link StepFormText}). */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            List<String> resourcePoolSpecs = StepFormText.takeLines(formData, "resourcePoolSpecs");
            Map<String, String> labels = StepFormText.takeKeyValues(formData, "labels");
            List<String> reservedIpRanges = StepFormText.takeItems(formData, "reservedIpRanges");
            AbstractPersistentResourceStep step = (AbstractPersistentResourceStep) super.newInstance(req, formData);
            step.setResourcePoolSpecs(resourcePoolSpecs);
            step.setLabels(labels);
            step.setReservedIpRanges(reservedIpRanges);
            return step;
        }

        /** A map or list argument as the text area shows it. */
        public String formText(@CheckForNull Object value) {
            return StepFormText.of(value);
        }

        public FormValidation doCheckResourcePoolSpecs(@QueryParameter String value) {
            return FormChecks.resourcePoolSpecs(value);
        }

        public FormValidation doCheckLabels(@QueryParameter String value) {
            return FormChecks.labels(value);
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

        public FormValidation doCheckServiceAccount(@QueryParameter String value) {
            return FormChecks.serviceAccount(value);
        }

        public FormValidation doCheckNetwork(@QueryParameter String value) {
            return FormChecks.network(value);
        }

        public FormValidation doCheckKmsKeyName(@QueryParameter String value) {
            return FormChecks.kmsKeyName(value);
        }

        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return FormChecks.timeoutMinutes(value);
        }
    }
}
