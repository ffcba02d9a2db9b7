package io.jenkins.plugins.vertexai.core.pipeline;

import com.google.cloud.aiplatform.v1beta1.EncryptionSpec;
import com.google.cloud.aiplatform.v1beta1.PipelineFailurePolicy;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig;
import com.google.protobuf.Struct;
import io.jenkins.plugins.vertexai.core.GcpNames;
import io.jenkins.plugins.vertexai.core.Labels;
import io.jenkins.plugins.vertexai.core.Problems;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRootResolver.PipelineRoot;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@link PipelineRunSpec} against its {@link PipelineTemplate} and builds the v1beta1 {@link PipelineJob}
 * to create. Every problem found is reported in one {@link ValidationException}.
 */
public final class PipelineJobRequestFactory {
    static final int MAX_DISPLAY_NAME = 128;
    private static final Pattern ARTIFACT_NAME = Pattern.compile("^projects/([^/]+)/locations/([^/]+)/metadataStores/default/artifacts/([^/\\s]+)$");
    private static final Pattern ARTIFACT_ID = Pattern.compile("^[^/\\s]+$");

    private final String defaultPipelineRoot;

    public PipelineJobRequestFactory() {
        this(null);
    }

    /** @param defaultPipelineRoot the last fallback for the pipeline root (e.g. a global setting); may be null */
    public PipelineJobRequestFactory(String defaultPipelineRoot) {
        this.defaultPipelineRoot = defaultPipelineRoot;
    }

    /** @throws ValidationException listing every problem of the run and its template together */
    public PipelineJobRequest create(PipelineTemplate template, PipelineRunSpec run) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(run, "run");
        Problems problems = new Problems();
        String project = strip(run.project());
        String region = strip(run.region());
        GcpNames.requireLocation(project, region, problems);

        PipelineJob.Builder job = PipelineJob.newBuilder();
        RuntimeConfig.Builder config = RuntimeConfig.newBuilder();

        String jobId = jobId(template, run, problems);
        job.setDisplayName(displayName(template, run, problems));

        Struct spec = template.pipelineSpec();
        if (run.enableCaching() != null) {
            spec = TaskCachingOverride.apply(spec, run.enableCaching());
        }
        job.setPipelineSpec(spec);
        if (template.templateUri() != null) {
            job.setTemplateUri(template.templateUri());
        }

        RuntimeParameterBinder.bind(template, run.parameterValues(), problems, config);
        inputArtifacts(template, run, project, region, problems, config);

        PipelineRoot root = null;
        try {
            root = PipelineRootResolver.resolve(run.pipelineRoot(), template, defaultPipelineRoot);
            config.setGcsOutputDirectory(root.uri());
        } catch (ValidationException e) {
            problems.addAll(e);
        }
        failurePolicy(run.failurePolicy(), problems, config);
        if (run.persistentResourceRuntime() != null) {
            run.persistentResourceRuntime().toDefaultRuntime(project, region, problems).ifPresent(config::setDefaultRuntime);
        }
        job.setRuntimeConfig(config);

        Map<String, String> labels = new LinkedHashMap<>(template.labels());
        labels.putAll(run.labels());
        Labels.validate("labels", labels, problems);
        job.putAllLabels(labels);

        String serviceAccount = strip(run.serviceAccount());
        if (serviceAccount != null
                && GcpNames.check("serviceAccount", serviceAccount, GcpNames.SERVICE_ACCOUNT, GcpNames.SERVICE_ACCOUNT_FORM, problems)) {
            job.setServiceAccount(serviceAccount);
        }
        network(run, problems, job);
        kmsKey(run, region, problems, job);

        problems.throwIfAny();
        return new PipelineJobRequest("projects/" + project + "/locations/" + region, jobId, job.build(), root);
    }

    private static String jobId(PipelineTemplate template, PipelineRunSpec run, Problems problems) {
        String explicit = strip(run.jobId());
        if (explicit != null) {
            if (!PipelineJobIds.isValid(explicit)) {
                problems.add("jobId", "invalid job id '" + explicit + "': " + PipelineJobIds.ID_FORM);
            }
            return explicit;
        }
        if (run.runKey() == null || run.runKey().isBlank()) {
            problems.add("jobId", "give a job id or a run key to derive one from (the same key gives the same id, so a retried step finds its job)");
            return null;
        }
        return PipelineJobIds.derive(template.pipelineName(), run.runKey());
    }

    private static String displayName(PipelineTemplate template, PipelineRunSpec run, Problems problems) {
        String name = strip(run.displayName());
        if (name == null) {
            name = template.displayName() != null ? template.displayName() : template.pipelineName();
        }
        if (name.length() > MAX_DISPLAY_NAME) {
            problems.add("displayName", "at most " + MAX_DISPLAY_NAME + " characters, got " + name.length());
        }
        return name;
    }

    private static void inputArtifacts(PipelineTemplate template, PipelineRunSpec run, String project, String region,
            Problems problems, RuntimeConfig.Builder config) {
        run.inputArtifacts().forEach((name, value) -> {
            if (!template.inputArtifacts().contains(name)) {
                problems.add("inputArtifacts", "unknown input artifact '" + name + "'; " + (template.inputArtifacts().isEmpty()
                        ? "the pipeline has no input artifacts" : "the pipeline's input artifacts are " + String.join(", ", template.inputArtifacts())));
                return;
            }
            String id = strip(value);
            Matcher full = id == null ? null : ARTIFACT_NAME.matcher(id);
            if (full != null && full.matches()) {
                if (!full.group(1).equals(project) || !full.group(2).equals(region)) {
                    problems.add("inputArtifacts", "artifact '" + id + "' for '" + name + "' is not in the job's project "
                            + project + " and region " + region);
                    return;
                }
                id = full.group(3);
            } else if (id == null || !ARTIFACT_ID.matcher(id).matches()) {
                problems.add("inputArtifacts", "'" + value + "' for '" + name + "' is not an artifact id (or full name"
                        + " projects/P/locations/L/metadataStores/default/artifacts/ID)");
                return;
            }
            config.putInputArtifacts(name, RuntimeConfig.InputArtifact.newBuilder().setArtifactId(id).build());
        });
    }

    private static void failurePolicy(String value, Problems problems, RuntimeConfig.Builder config) {
        String policy = strip(value);
        if (policy == null) {
            return;
        }
        switch (policy.toLowerCase(Locale.ROOT)) {
            case "fast" -> config.setFailurePolicy(PipelineFailurePolicy.PIPELINE_FAILURE_POLICY_FAIL_FAST);
            case "slow" -> config.setFailurePolicy(PipelineFailurePolicy.PIPELINE_FAILURE_POLICY_FAIL_SLOW);
            default -> problems.add("failurePolicy", "'" + value + "' is not a failure policy; use fast (stop scheduling"
                    + " tasks after the first failure) or slow (run what can still run)");
        }
    }

    private static void network(PipelineRunSpec run, Problems problems, PipelineJob.Builder job) {
        String network = strip(run.network());
        if (network != null && GcpNames.check("network", network, GcpNames.NETWORK, GcpNames.NETWORK_FORM, problems)) {
            job.setNetwork(network);
        }
        for (String range : run.reservedIpRanges()) {
            String r = strip(range);
            if (r == null || r.chars().anyMatch(Character::isWhitespace)) {
                problems.add("reservedIpRanges", "'" + range + "' is not the name of a reserved IP range");
            } else {
                job.addReservedIpRanges(r);
            }
        }
        if (network == null && !run.reservedIpRanges().isEmpty()) {
            problems.add("reservedIpRanges", "reserved IP ranges belong to a VPC network: give the network too");
        }
    }

    private static void kmsKey(PipelineRunSpec run, String region, Problems problems, PipelineJob.Builder job) {
        String key = strip(run.kmsKeyName());
        if (key == null) {
            return;
        }
        if (!GcpNames.check("kmsKeyName", key, GcpNames.KMS_KEY, GcpNames.KMS_KEY_FORM, problems)) {
            return;
        }
        Matcher m = GcpNames.KMS_KEY.matcher(key);
        if (m.matches() && region != null && !m.group("location").equals(region)) {
            problems.add("kmsKeyName", "the key is in " + m.group("location") + " but the job runs in " + region
                    + "; Vertex AI needs a key in the job's region");
        } else {
            job.setEncryptionSpec(EncryptionSpec.newBuilder().setKmsKeyName(key));
        }
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
