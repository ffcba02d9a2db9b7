package io.jenkins.plugins.vertexai;

import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail.TaskResourceUnavailableTimeoutBehavior;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.vertexai.core.Problems;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.pipeline.PersistentResourceRuntime;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobIds;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRootResolver;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import java.util.ArrayList;
import java.util.List;

/** Form validation of the pipeline-run fields; the rules are core's (see {@link FormChecks}). */
final class PipelineForms {

    private PipelineForms() {
    }

    static FormValidation templatePath(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.error(Messages.FormChecks_required());
        }
        if (FormChecks.isExpression(v) || PipelineRunRequest.isRemote(v)) {
            return FormValidation.ok();
        }
        if (v.contains("://") || v.startsWith("file:")) {
            return FormValidation.error(Messages.PipelineForms_templateForm());
        }
        if (v.startsWith("/") || v.startsWith("\\") || v.matches("^[A-Za-z]:.*")) {
            return FormValidation.error(Messages.Workspaces_outside(v));
        }
        return FormValidation.ok();
    }

    static FormValidation pipelineRoot(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null || FormChecks.isExpression(v)) {
            return FormValidation.ok();
        }
        try {
            PipelineRootResolver.resolve(v, emptyTemplate(), null);
            return FormValidation.ok();
        } catch (ValidationException e) {
            return FormChecks.error(e.problems());
        }
    }

    static FormValidation jobId(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null || FormChecks.isExpression(v) || PipelineJobIds.isValid(v)) {
            return FormValidation.ok();
        }
        return FormValidation.error(PipelineJobIds.ID_FORM);
    }

    static FormValidation persistentResourceId(String value) {
        return runtimeField(value, PersistentResourceRuntime.RESOURCE_FIELD, new PersistentResourceRuntime(Util.fixEmptyAndTrim(value), null, null));
    }

    static FormValidation waitTime(String value) {
        return runtimeField(value, PersistentResourceRuntime.WAIT_TIME_FIELD, new PersistentResourceRuntime("probe", Util.fixEmptyAndTrim(value), null));
    }

    static FormValidation timeoutBehavior(String value) {
        return runtimeField(value, PersistentResourceRuntime.BEHAVIOR_FIELD, new PersistentResourceRuntime("probe", null, Util.fixEmptyAndTrim(value)));
    }

    static ListBoxModel cachingOptions() {
        ListBoxModel m = new ListBoxModel();
        m.add(Messages.PipelineForms_cachingTemplate(), "");
        m.add(Messages.PipelineForms_cachingOn(), "true");
        m.add(Messages.PipelineForms_cachingOff(), "false");
        return m;
    }

    static ListBoxModel failurePolicies() {
        ListBoxModel m = new ListBoxModel();
        m.add(Messages.PipelineForms_failurePolicyDefault(), "");
        m.add(Messages.PipelineForms_failurePolicyFast(), "fast");
        m.add(Messages.PipelineForms_failurePolicySlow(), "slow");
        return m;
    }

    /** The task log modes, the default first. */
    static ListBoxModel logModes() {
        ListBoxModel m = new ListBoxModel();
        m.add(Messages.PipelineForms_logsErrors(), "errors");
        m.add(Messages.PipelineForms_logsAll(), "all");
        m.add(Messages.PipelineForms_logsNone(), "none");
        return m;
    }

    static ListBoxModel timeoutBehaviors() {
        ListBoxModel m = new ListBoxModel();
        m.add(Messages.PipelineForms_behaviorDefault(), "");
        for (TaskResourceUnavailableTimeoutBehavior b : TaskResourceUnavailableTimeoutBehavior.values()) {
            if (b != TaskResourceUnavailableTimeoutBehavior.UNRECOGNIZED
                    && b != TaskResourceUnavailableTimeoutBehavior.TASK_RESOURCE_UNAVAILABLE_TIMEOUT_BEHAVIOR_UNSPECIFIED) {
                m.add(b.name(), b.name());
            }
        }
        return m;
    }

    private static FormValidation runtimeField(String value, String field, PersistentResourceRuntime runtime) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null || FormChecks.isExpression(v)) {
            return FormValidation.ok();
        }
        Problems problems = new Problems();
        runtime.toDefaultRuntime(null, null, problems); // no job location: a full resource name is not compared
        try {
            problems.throwIfAny();
            return FormValidation.ok();
        } catch (ValidationException e) {
            List<ValidationException.Problem> mine = new ArrayList<>();
            for (ValidationException.Problem p : e.problems()) {
                if (p.field().equals(field)) {
                    mine.add(p);
                }
            }
            return mine.isEmpty() ? FormValidation.ok() : FormChecks.error(mine);
        }
    }

    /** A template with nothing in it, for checking a pipeline root alone. */
    private static PipelineTemplate emptyTemplate() {
        return new PipelineTemplate("form", com.google.protobuf.Struct.getDefaultInstance(), "probe", PipelineTemplate.SCHEMA_VERSION,
                null, null, null, null, null, null, null, null, null);
    }
}
