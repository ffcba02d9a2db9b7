package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares a submit request with the job found under the same id (the same run key used again): attaching to a
 * job that runs other parameters, another pipeline or on another resource would report a run that is not the one
 * asked for. Only what the service echoes back as sent is compared.
 */
final class AttachCheck {
    private AttachCheck() {
    }

    /** What differs, one line each ("parameter epochs: the job has 10, this request 20"); empty when nothing does. */
    static List<String> differences(PipelineJob requested, PipelineJob found) {
        List<String> d = new ArrayList<>();
        Map<String, Value> want = requested.getRuntimeConfig().getParameterValuesMap();
        Map<String, Value> have = found.getRuntimeConfig().getParameterValuesMap();
        for (String k : new TreeSet<>(union(want.keySet(), have.keySet()))) {
            if (!java.util.Objects.equals(want.get(k), have.get(k))) {
                d.add("parameter " + k + ": the job has " + text(have.get(k)) + ", this request " + text(want.get(k)));
            }
        }
        String wantName = pipelineName(requested);
        String haveName = pipelineName(found);
        if (!wantName.equals(haveName)) {
            d.add("pipeline: the job runs '" + haveName + "', this request '" + wantName + "'");
        } else if (!spec(requested, "root").equals(spec(found, "root"))) {
            d.add("template: the job's pipeline spec (its root DAG) differs from this request's");
        }
        if (!requested.getTemplateUri().isEmpty() && !found.getTemplateUri().isEmpty()
                && !requested.getTemplateUri().equals(found.getTemplateUri())) {
            d.add("template URI: the job has " + found.getTemplateUri() + ", this request " + requested.getTemplateUri());
        }
        String wantResource = resource(requested);
        String haveResource = resource(found);
        if (!sameResource(wantResource, haveResource)) {
            d.add("persistent resource: the job has " + (haveResource.isEmpty() ? "none" : haveResource) + ", this request "
                    + (wantResource.isEmpty() ? "none" : wantResource));
        }
        return d;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String pipelineName(PipelineJob job) {
        Value info = job.getPipelineSpec().getFieldsOrDefault("pipelineInfo", Value.getDefaultInstance());
        return info.getStructValue().getFieldsOrDefault("name", Value.getDefaultInstance()).getStringValue();
    }

    private static Value spec(PipelineJob job, String field) {
        return job.getPipelineSpec().getFieldsOrDefault(field, Value.getDefaultInstance());
    }

    /** Equal names, or the same location and id where one names the project by id and the other by number. */
    private static boolean sameResource(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (!PersistentResourceName.isFullName(a) || !PersistentResourceName.isFullName(b)) {
            return false;
        }
        try {
            PersistentResourceName x = PersistentResourceName.parse("a", a);
            PersistentResourceName y = PersistentResourceName.parse("b", b);
            return x.region().equals(y.region()) && x.id().equals(y.id())
                    && !PersistentResourceName.surelyDifferentProjects(x.project(), y.project());
        } catch (io.jenkins.plugins.vertexai.core.ValidationException e) {
            return false;
        }
    }

    private static String resource(PipelineJob job) {
        return job.getRuntimeConfig().getDefaultRuntime().getPersistentResourceRuntimeDetail().getPersistentResourceName();
    }

    private static String text(Value v) {
        if (v == null) {
            return "none";
        }
        Object o = PipelineRunResult.plain(v);
        return o instanceof String str ? "'" + str + "'" : String.valueOf(o);
    }
}
