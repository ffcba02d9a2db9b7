package io.jenkins.plugins.vertexai;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpec;
import java.io.Serializable;
import java.util.function.UnaryOperator;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * One resource pool of a persistent resource, with the fields of core's {@link ResourcePoolSpec}. In a Pipeline
 * it is written as a map: {@code resourcePools: [[machineType: 'n1-standard-8', replicaCount: 2]]}. Every field is
 * optional here; core's validator says what is missing.
 */
public final class ResourcePool implements Describable<ResourcePool>, Serializable {
    private static final long serialVersionUID = 1L;

    private String id;
    private String machineType;
    private Integer replicaCount;
    private Integer minReplicaCount;
    private Integer maxReplicaCount;
    private String acceleratorType;
    private Integer acceleratorCount;
    private String diskType;
    private Integer diskSizeGb;

    @DataBoundConstructor
    public ResourcePool() {
    }

    public @CheckForNull String getId() {
        return id;
    }

    @DataBoundSetter
    public void setId(String id) {
        this.id = Util.fixEmptyAndTrim(id);
    }

    public @CheckForNull String getMachineType() {
        return machineType;
    }

    @DataBoundSetter
    public void setMachineType(String machineType) {
        this.machineType = Util.fixEmptyAndTrim(machineType);
    }

    public @CheckForNull Integer getReplicaCount() {
        return replicaCount;
    }

    @DataBoundSetter
    public void setReplicaCount(Integer replicaCount) {
        this.replicaCount = replicaCount;
    }

    public @CheckForNull Integer getMinReplicaCount() {
        return minReplicaCount;
    }

    @DataBoundSetter
    public void setMinReplicaCount(Integer minReplicaCount) {
        this.minReplicaCount = minReplicaCount;
    }

    public @CheckForNull Integer getMaxReplicaCount() {
        return maxReplicaCount;
    }

    @DataBoundSetter
    public void setMaxReplicaCount(Integer maxReplicaCount) {
        this.maxReplicaCount = maxReplicaCount;
    }

    public @CheckForNull String getAcceleratorType() {
        return acceleratorType;
    }

    @DataBoundSetter
    public void setAcceleratorType(String acceleratorType) {
        this.acceleratorType = Util.fixEmptyAndTrim(acceleratorType);
    }

    public @CheckForNull Integer getAcceleratorCount() {
        return acceleratorCount;
    }

    @DataBoundSetter
    public void setAcceleratorCount(Integer acceleratorCount) {
        this.acceleratorCount = acceleratorCount;
    }

    public @CheckForNull String getDiskType() {
        return diskType;
    }

    @DataBoundSetter
    public void setDiskType(String diskType) {
        this.diskType = Util.fixEmptyAndTrim(diskType);
    }

    public @CheckForNull Integer getDiskSizeGb() {
        return diskSizeGb;
    }

    @DataBoundSetter
    public void setDiskSizeGb(Integer diskSizeGb) {
        this.diskSizeGb = diskSizeGb;
    }

    /** Core's pool; {@code expand} is applied to the text fields (build variables in freestyle jobs). */
    ResourcePoolSpec toSpec(UnaryOperator<String> expand) {
        return ResourcePoolSpec.builder().id(text(expand, id)).machineType(text(expand, machineType))
                .replicaCount(toLong(replicaCount)).minReplicaCount(toLong(minReplicaCount)).maxReplicaCount(toLong(maxReplicaCount))
                .acceleratorType(text(expand, acceleratorType)).acceleratorCount(acceleratorCount)
                .diskType(text(expand, diskType)).diskSizeGb(diskSizeGb).build();
    }

    private static String text(UnaryOperator<String> expand, String v) {
        return v == null ? null : Util.fixEmptyAndTrim(expand.apply(v));
    }

    private static Long toLong(Integer v) {
        return v == null ? null : v.longValue();
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<ResourcePool> {
        @Override
        public String getDisplayName() {
            return Messages.ResourcePool_displayName();
        }

        // Pure syntax checks: no permission needed, nothing is read or called.
        public FormValidation doCheckId(@QueryParameter String value) {
            return FormChecks.poolId(value);
        }

        public FormValidation doCheckMachineType(@QueryParameter String value) {
            return FormChecks.machineType(value);
        }

        public FormValidation doCheckReplicaCount(@QueryParameter String value) {
            return FormChecks.replicaCount(value);
        }

        public FormValidation doCheckMinReplicaCount(@QueryParameter String value) {
            return FormChecks.minReplicaCount(value);
        }

        public FormValidation doCheckMaxReplicaCount(@QueryParameter String value) {
            return FormChecks.maxReplicaCount(value);
        }

        public FormValidation doCheckAcceleratorCount(@QueryParameter String value) {
            return FormChecks.acceleratorCount(value);
        }

        public FormValidation doCheckDiskSizeGb(@QueryParameter String value) {
            return FormChecks.diskSizeGb(value);
        }

        public ListBoxModel doFillAcceleratorTypeItems() {
            return FormChecks.acceleratorTypes();
        }

        public ListBoxModel doFillDiskTypeItems() {
            return FormChecks.diskTypes();
        }
    }
}
