package io.jenkins.plugins.vertexai.core.resource;

import java.util.List;

/** Operations on whole {@link PersistentResourceSpec}s. */
public final class PersistentResourceSpecs {
    private PersistentResourceSpecs() {
    }

    /**
     * Combines a {@code --config} file with explicitly given values; explicit values override the file, as in
     * gcloud. Field by field:
     * <ul>
     *   <li>Single values (id, project, region, display name, enable-custom-service-account, service account,
     *       network, KMS key): the explicit value when it is non-null and, for text, not blank; otherwise the
     *       file's. Blank counts as "not given" because an empty form field is how a UI says so.</li>
     *   <li>Resource pools: a non-empty explicit list replaces the file's pools as a whole; pools are never merged
     *       one by one, since their order carries no identity. (gcloud appends {@code --resource-pool-spec} pools to
     *       the file's; replacing lets a job override a shared file's pools.)</li>
     *   <li>Labels: a non-empty explicit map replaces the file's labels as a whole, as gcloud does.</li>
     *   <li>Reserved IP ranges: a non-empty explicit list replaces the file's.</li>
     * </ul>
     * Either argument may be null, meaning nothing was given from that side. Nothing is validated here.
     */
    public static PersistentResourceSpec merge(PersistentResourceSpec fromFile, PersistentResourceSpec explicit) {
        if (fromFile == null) {
            return explicit == null ? PersistentResourceSpec.builder().build() : explicit;
        }
        if (explicit == null) {
            return fromFile;
        }
        return PersistentResourceSpec.builder()
                .persistentResourceId(text(explicit.persistentResourceId(), fromFile.persistentResourceId()))
                .project(text(explicit.project(), fromFile.project()))
                .region(text(explicit.region(), fromFile.region()))
                .displayName(text(explicit.displayName(), fromFile.displayName()))
                .resourcePools(list(explicit.resourcePools(), fromFile.resourcePools()))
                .enableCustomServiceAccount(explicit.enableCustomServiceAccount() != null
                        ? explicit.enableCustomServiceAccount() : fromFile.enableCustomServiceAccount())
                .serviceAccount(text(explicit.serviceAccount(), fromFile.serviceAccount()))
                .network(text(explicit.network(), fromFile.network()))
                .labels(explicit.labels().isEmpty() ? fromFile.labels() : explicit.labels())
                .kmsKeyName(text(explicit.kmsKeyName(), fromFile.kmsKeyName()))
                .reservedIpRanges(list(explicit.reservedIpRanges(), fromFile.reservedIpRanges()))
                .build();
    }

    private static String text(String explicit, String fromFile) {
        return explicit != null && !explicit.isBlank() ? explicit : fromFile;
    }

    private static <T> List<T> list(List<T> explicit, List<T> fromFile) {
        return explicit.isEmpty() ? fromFile : explicit;
    }
}
