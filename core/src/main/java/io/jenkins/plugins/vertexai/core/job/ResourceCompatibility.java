package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a pipeline job fits the persistent resource it runs on. CustomJobSpec.persistent_resource_id: "The network
 * and CMEK configs on the job should be consistent with those on the PersistentResource, otherwise, the job will be
 * rejected." Consistent is read as equal: the same VPC network (or none on both) and the same Cloud KMS key (or none).
 */
final class ResourceCompatibility {
    private ResourceCompatibility() {
    }

    /** What does not fit, in words; empty when the job fits the resource. */
    static Optional<String> mismatch(PipelineJob job, PersistentResourceResult resource) {
        List<String> problems = new ArrayList<>();
        String jobNetwork = job.getNetwork();
        String resourceNetwork = nullToEmpty(resource.network());
        if (!jobNetwork.equals(resourceNetwork)) {
            problems.add("the job's network is " + shown(jobNetwork) + " but the resource's is " + shown(resourceNetwork)
                    + " (set the run's network to the resource's)");
        }
        String jobKey = job.getEncryptionSpec().getKmsKeyName();
        String resourceKey = nullToEmpty(resource.kmsKeyName());
        if (!jobKey.equals(resourceKey)) {
            problems.add("the job's CMEK key is " + shown(jobKey) + " but the resource's is " + shown(resourceKey)
                    + " (set the run's kmsKeyName to the resource's)");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private static String shown(String value) {
        return value.isEmpty() ? "none" : value;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
