package io.jenkins.plugins.vertexai.core.job;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A pipeline job's full name {@code projects/P/locations/L/pipelineJobs/ID}. */
public record PipelineJobName(String project, String region, String jobId) {
    private static final Pattern FULL = Pattern.compile("^projects/([^/]+)/locations/([^/]+)/pipelineJobs/([^/]+)$");

    public static PipelineJobName parse(String field, String name) {
        Matcher m = FULL.matcher(name == null ? "" : name.trim());
        if (!m.matches()) {
            throw ValidationException.of(field, "'" + name + "' is not a pipeline job name of the form projects/PROJECT/locations/REGION/pipelineJobs/JOB_ID");
        }
        return new PipelineJobName(m.group(1), m.group(2), m.group(3));
    }

    public String parent() {
        return "projects/" + project + "/locations/" + region;
    }

    /** The run's page in the Cloud console. */
    public String consoleUrl() {
        return "https://console.cloud.google.com/vertex-ai/locations/" + region + "/pipelines/runs/" + jobId + "?project=" + project;
    }

    @Override
    public String toString() {
        return parent() + "/pipelineJobs/" + jobId;
    }
}
