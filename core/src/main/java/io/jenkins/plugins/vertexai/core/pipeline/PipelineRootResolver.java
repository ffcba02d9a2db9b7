package io.jenkins.plugins.vertexai.core.pipeline;

import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import java.util.regex.Pattern;

/**
 * Picks the pipeline root (where tasks write their outputs), first given wins: the run's explicit value, the
 * spec's {@code defaultPipelineRoot}, a PipelineJob JSON's {@code runtimeConfig.gcsOutputDirectory}, the caller's
 * default. None is an error: buckets are never created here.
 */
public final class PipelineRootResolver {
    public static final String FIELD = "pipelineRoot";
    private static final Pattern GCS = Pattern.compile("^gs://[a-z0-9][a-z0-9._-]{1,61}[a-z0-9](/.*)?$");

    public enum Origin {
        EXPLICIT("the run's pipeline root"),
        SPEC_DEFAULT("the pipeline spec's defaultPipelineRoot"),
        JOB_RUNTIME_CONFIG("the template's runtimeConfig.gcsOutputDirectory"),
        CALLER_DEFAULT("the default pipeline root");

        private final String description;

        Origin(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** The chosen root and where it came from, for build logs. */
    public record PipelineRoot(String uri, Origin origin) {
    }

    private PipelineRootResolver() {
    }

    public static PipelineRoot resolve(String explicit, PipelineTemplate template, String callerDefault) {
        PipelineRoot root = first(explicit, Origin.EXPLICIT);
        if (root == null) {
            root = first(template.defaultPipelineRoot(), Origin.SPEC_DEFAULT);
        }
        if (root == null) {
            root = first(template.gcsOutputDirectory(), Origin.JOB_RUNTIME_CONFIG);
        }
        if (root == null) {
            root = first(callerDefault, Origin.CALLER_DEFAULT);
        }
        if (root == null) {
            throw ValidationException.of(FIELD, "no pipeline root: give one (gs://BUCKET/PATH), compile the pipeline with"
                    + " a pipeline_root, or set a default; the bucket must already exist");
        }
        if (!GCS.matcher(root.uri()).matches()) {
            throw ValidationException.of(FIELD, "'" + root.uri() + "' (from " + root.origin().description()
                    + ") is not a Cloud Storage location of the form gs://BUCKET/PATH (a bucket name is 3 to 63 lowercase letters,"
                    + " digits, '-', '_' and '.', starting and ending with a letter or digit)");
        }
        return root;
    }

    private static PipelineRoot first(String value, Origin origin) {
        return value == null || value.isBlank() ? null : new PipelineRoot(value.strip(), origin);
    }
}
