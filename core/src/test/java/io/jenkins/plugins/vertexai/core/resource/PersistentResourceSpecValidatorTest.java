package io.jenkins.plugins.vertexai.core.resource;

import static io.jenkins.plugins.vertexai.core.resource.ValidationAssertions.assertNoProblem;
import static io.jenkins.plugins.vertexai.core.resource.ValidationAssertions.assertProblem;
import static io.jenkins.plugins.vertexai.core.resource.ValidationAssertions.invalid;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersistentResourceSpecValidatorTest {
    private static final ResourcePoolSpec POOL = ResourcePoolSpec.builder().machineType("n1-standard-4").replicaCount(1L).build();
    private static final PersistentResourceSpec VALID = PersistentResourceSpec.builder()
            .persistentResourceId("ci-cluster").project("my-project").region("us-central1").addResourcePool(POOL).build();

    private static PersistentResourceName validate(PersistentResourceSpec spec) {
        return PersistentResourceSpecValidator.validate(spec);
    }

    private static ValidationException invalidSpec(UnaryOperator<PersistentResourceSpec.Builder> change) {
        return invalid(() -> validate(change.apply(VALID.toBuilder()).build()));
    }

    private static ValidationException invalidPool(UnaryOperator<ResourcePoolSpec.Builder> change) {
        return invalidSpec(b -> b.resourcePools(List.of(change.apply(POOL.toBuilder()).build())));
    }

    private static void validPool(UnaryOperator<ResourcePoolSpec.Builder> change) {
        assertDoesNotThrow(() -> validate(VALID.toBuilder().resourcePools(List.of(change.apply(POOL.toBuilder()).build())).build()));
    }

    @Test
    void resolvesTheNameFromIdProjectAndRegion() {
        assertEquals(new PersistentResourceName("my-project", "us-central1", "ci-cluster"), validate(VALID));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ValidationException e = invalid(() -> validate(PersistentResourceSpec.builder()
                .addResourcePool(ResourcePoolSpec.builder().build()).displayName("").build()));
        assertProblem(e, "persistentResourceId", "is required", "projects/PROJECT/locations/REGION/persistentResources/ID");
        assertProblem(e, "project", "is required", "example.com:my-project");
        assertProblem(e, "region", "is required", "us-central1");
        assertProblem(e, "resourcePools[0].machineType", "is required", "n1-standard-4");
        assertProblem(e, "resourcePools[0].replicaCount", "is required", "minReplicaCount");
        assertProblem(e, "displayName", "must not be blank");
        assertEquals(6, e.problems().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad", "1abc", "ends-with-", "has_underscore", "x234567890123456789012345678901234567890123456789012345678901234"})
    void rejectsMalformedIds(String id) {
        assertProblem(invalidSpec(b -> b.persistentResourceId(id)), "persistentResourceId", "is not a valid id", "lowercase");
    }

    @Test
    void takesProjectAndRegionFromAFullName() {
        PersistentResourceSpec spec = VALID.toBuilder().project(null).region(null)
                .persistentResourceId("projects/other-project/locations/europe-west4/persistentResources/ci").build();
        assertEquals(new PersistentResourceName("other-project", "europe-west4", "ci"), validate(spec));
        assertEquals(new PersistentResourceName("other-project", "europe-west4", "ci"),
                validate(spec.toBuilder().project("other-project").region("europe-west4").build()));
    }

    @Test
    void aFullNameMustAgreeWithAGivenProjectAndRegion() {
        ValidationException e = invalidSpec(b -> b.persistentResourceId(
                "projects/other-project/locations/europe-west4/persistentResources/ci"));
        assertProblem(e, "project", "'my-project' conflicts with 'other-project'");
        assertProblem(e, "region", "'us-central1' conflicts with 'europe-west4'");
    }

    @Test
    void aFullNameWithTheProjectNumberAgreesWithTheProjectId() {
        // The service returns names with the number; the id beside it cannot be told apart without a call.
        PersistentResourceName name = PersistentResourceSpecValidator.resolveName(
                "projects/123456789012/locations/us-central1/persistentResources/ci", "my-project", "us-central1");
        assertEquals("projects/123456789012/locations/us-central1/persistentResources/ci", name.toString());
        assertProblem(invalidSpec(b -> b.persistentResourceId("projects/123/locations/us-central1/persistentResources/ci")
                .project("456")), "project", "'456' conflicts with '123'");
    }

    @Test
    void rejectsMalformedFullNames() {
        assertProblem(invalidSpec(b -> b.persistentResourceId("projects/p/locations/us-central1/persistentResource/x")),
                "persistentResourceId", "projects/PROJECT/locations/REGION/persistentResources/ID");
        assertProblem(invalidSpec(b -> b.project(null).region(null)
                        .persistentResourceId("projects/my-project/locations/us-central1/persistentResources/Bad_Id")),
                "persistentResourceId", "'Bad_Id' is not a valid id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-project", "example.com:my-project", "123456789012", "abcdef", "a23456789012345678901234567890"})
    void acceptsProjectForms(String project) {
        assertDoesNotThrow(() -> validate(VALID.toBuilder().project(project).build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"My-Project", "short", "ends-", "0123", "a234567890123456789012345678901", "example.com:Bad",
            "p", "1abc", "my-p"})
    void rejectsMalformedProjects(String project) {
        assertProblem(invalidSpec(b -> b.project(project)), "project", "is not a project id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-central1", "europe-west4", "northamerica-northeast1", "me-central2", "asia-southeast1"})
    void acceptsRegions(String region) {
        assertDoesNotThrow(() -> validate(VALID.toBuilder().region(region).build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-central", "US-CENTRAL1", "us-central1-a", "global", "uscentral1"})
    void rejectsMalformedRegions(String region) {
        assertProblem(invalidSpec(b -> b.region(region)), "region", "is not a region such as us-central1");
    }

    @Test
    void needsAtLeastOnePool() {
        assertProblem(invalidSpec(b -> b.resourcePools(List.of())), "resourcePools", "at least one resource pool");
    }

    @ParameterizedTest
    @ValueSource(strings = {"n1-standard-4", "a2-highgpu-1g", "a3-megagpu-8g", "ct5lp-hightpu-4t", "n2-custom-8-30720"})
    void acceptsMachineTypeForms(String machineType) {
        validPool(p -> p.machineType(machineType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"n1standard4", "N1-STANDARD-4", "n1-standard-", "n1 standard 4", "standard"})
    void rejectsMalformedMachineTypes(String machineType) {
        assertProblem(invalidPool(p -> p.machineType(machineType)), "resourcePools[0].machineType", "FAMILY-TYPE-N");
    }

    @Test
    void fixedPoolsNeedAtLeastOneReplica() {
        assertProblem(invalidPool(p -> p.replicaCount(0L)), "resourcePools[0].replicaCount", "at least 1, got 0");
        assertProblem(invalidPool(p -> p.replicaCount(null)), "resourcePools[0].replicaCount", "is required");
    }

    @Test
    void autoscalingPoolsNeedNoReplicaCount() {
        validPool(p -> p.replicaCount(null).minReplicaCount(1L).maxReplicaCount(4L));
        validPool(p -> p.replicaCount(2L).minReplicaCount(1L).maxReplicaCount(4L));
        validPool(p -> p.replicaCount(null).minReplicaCount(999L).maxReplicaCount(1000L));
        validPool(p -> p.replicaCount(4L).minReplicaCount(1L).maxReplicaCount(4L));
    }

    @Test
    void autoscalingNeedsBothBounds() {
        assertProblem(invalidPool(p -> p.minReplicaCount(1L)), "resourcePools[0].maxReplicaCount", "needs both");
        assertProblem(invalidPool(p -> p.maxReplicaCount(3L)), "resourcePools[0].minReplicaCount", "needs both");
    }

    @Test
    void autoscalingBoundsAreOrderedAndLimited() {
        assertProblem(invalidPool(p -> p.minReplicaCount(0L).maxReplicaCount(3L)), "resourcePools[0].minReplicaCount",
                "between 1 and 1000, got 0");
        assertProblem(invalidPool(p -> p.minReplicaCount(1L).maxReplicaCount(1001L)), "resourcePools[0].maxReplicaCount",
                "between 1 and 1000, got 1001");
        assertProblem(invalidPool(p -> p.minReplicaCount(5L).maxReplicaCount(3L)), "resourcePools[0].maxReplicaCount",
                "greater than minReplicaCount (5), got 3");
        // AutoscalingSpec: min_replica_count "must be ... < max_replica_count".
        assertProblem(invalidPool(p -> p.replicaCount(null).minReplicaCount(3L).maxReplicaCount(3L)),
                "resourcePools[0].maxReplicaCount", "greater than minReplicaCount (3), got 3", "replicaCount without autoscaling");
    }

    @Test
    void replicaCountMustLieWithinTheAutoscalingBounds() {
        ValidationException e = invalidPool(p -> p.replicaCount(5L).minReplicaCount(1L).maxReplicaCount(4L));
        assertProblem(e, "resourcePools[0].replicaCount", "between minReplicaCount (1) and maxReplicaCount (4)", "got 5");
        assertProblem(invalidPool(p -> p.replicaCount(1L).minReplicaCount(2L).maxReplicaCount(4L)),
                "resourcePools[0].replicaCount", "got 1");
    }

    @Test
    void acceleratorsNeedAKnownTypeAndAPositiveCount() {
        validPool(p -> p.acceleratorType("NVIDIA_TESLA_T4").acceleratorCount(2));
        validPool(p -> p.acceleratorType("NVIDIA_L4"));
        validPool(p -> p.acceleratorType("nvidia-tesla-t4"));
        assertProblem(invalidPool(p -> p.acceleratorType("NVIDIA_TESLA_Z9")), "resourcePools[0].acceleratorType",
                "'NVIDIA_TESLA_Z9' is not an accelerator type", "NVIDIA_TESLA_T4", "TPU_V3");
        assertProblem(invalidPool(p -> p.acceleratorType("NVIDIA_TESLA_T4").acceleratorCount(0)),
                "resourcePools[0].acceleratorCount", "at least 1");
        assertProblem(invalidPool(p -> p.acceleratorCount(1)), "resourcePools[0].acceleratorCount", "without acceleratorType");
    }

    @Test
    void acceleratorListExcludesPlaceholders() {
        assertEquals(false, AcceleratorTypes.names().contains("UNRECOGNIZED"));
        assertEquals(false, AcceleratorTypes.names().contains("ACCELERATOR_TYPE_UNSPECIFIED"));
        assertEquals(true, AcceleratorTypes.parse("ACCELERATOR_TYPE_UNSPECIFIED").isEmpty());
    }

    @Test
    void diskTypeAndSizeHaveVertexBounds() {
        validPool(p -> p.diskType("hyperdisk-balanced").diskSizeGb(100));
        validPool(p -> p.diskType("pd-standard").diskSizeGb(64_000));
        validPool(p -> p.diskSizeGb(500));
        assertProblem(invalidPool(p -> p.diskType("pd-balanced")), "resourcePools[0].diskType",
                "pd-ssd, pd-standard, hyperdisk-balanced");
        assertProblem(invalidPool(p -> p.diskSizeGb(99)), "resourcePools[0].diskSizeGb", "between 100 and 64000 GB, got 99");
        assertProblem(invalidPool(p -> p.diskSizeGb(64_001)), "resourcePools[0].diskSizeGb", "got 64001");
    }

    @Test
    void poolIdsAreWellFormedAndUnique() {
        ValidationException e = invalidSpec(b -> b.resourcePools(List.of(POOL.toBuilder().id("a").build(),
                POOL.toBuilder().id("a").build(), POOL.toBuilder().id("Bad_Id").build(), POOL)));
        assertProblem(e, "resourcePools[1].id", "'a' is already the id of resourcePools[0]");
        assertProblem(e, "resourcePools[2].id", "not a valid pool id");
        assertNoProblem(e, "resourcePools[0].id");
        assertNoProblem(e, "resourcePools[3].id");
    }

    @Test
    void labelsFollowTheSharedRules() {
        assertProblem(invalidSpec(b -> b.label("Team", "ML")), "labels", "invalid key 'Team'");
        assertProblem(invalidSpec(b -> b.label("1team", "ml")), "labels", "invalid key '1team'");
        assertProblem(invalidSpec(b -> b.label("k".repeat(65), "v")), "labels", "invalid key 'kkk", "at most 64 characters");
        assertProblem(invalidSpec(b -> b.label("k", "v".repeat(65))), "labels", "invalid value 'vvv");
        assertProblem(invalidSpec(b -> b.label("team", "ML!")), "labels", "invalid value 'ML!'");
    }

    @Test
    void labelsMayHaveSixtyFourCharactersAndInternationalOnes() {
        // PersistentResource.labels: "no longer than 64 characters (Unicode codepoints) ... International characters are allowed."
        assertDoesNotThrow(() -> validate(VALID.toBuilder().label("k".repeat(64), "v".repeat(64)).label("équipe", "données")
                .label("チーム", "機械学習").label("empty", "").label("𝒶", "𝒷".repeat(64)).build()));
    }

    @Test
    void displayNameIsAtMost128Characters() {
        assertDoesNotThrow(() -> validate(VALID.toBuilder().displayName("é".repeat(128)).build()));
        assertProblem(invalidSpec(b -> b.displayName("x".repeat(129))), "displayName", "at most 128", "got 129");
    }

    @Test
    void serviceAccountNeedsTheCustomServiceAccountFlag() {
        assertDoesNotThrow(() -> validate(VALID.toBuilder().serviceAccount("runner@p.iam.gserviceaccount.com").build()));
        assertDoesNotThrow(() -> validate(VALID.toBuilder().enableCustomServiceAccount(true)
                .serviceAccount("runner@p.iam.gserviceaccount.com").build()));
        assertProblem(invalidSpec(b -> b.enableCustomServiceAccount(false).serviceAccount("runner@p.iam.gserviceaccount.com")),
                "serviceAccount", "only allowed with enableCustomServiceAccount");
        assertDoesNotThrow(() -> validate(VALID.toBuilder().enableCustomServiceAccount(false).build()));
    }

    @Test
    void serviceAccountMustLookLikeAnEmail() {
        assertProblem(invalidSpec(b -> b.serviceAccount("runner")), "serviceAccount", "not a service account email");
    }

    @Test
    void kmsKeyHasTheCloudKmsForm() {
        assertDoesNotThrow(() -> validate(VALID.toBuilder()
                .kmsKeyName("projects/p/locations/us-central1/keyRings/r/cryptoKeys/k").build()));
        assertProblem(invalidSpec(b -> b.kmsKeyName("projects/p/keyRings/r/cryptoKeys/k")), "kmsKeyName",
                "projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY");
    }

    @Test
    void networkHasTheComputeForm() {
        assertProblem(invalidSpec(b -> b.network("my-vpc")), "network", "projects/PROJECT_NUMBER/global/networks/NETWORK");
    }

    @Test
    void reservedIpRangesAreNonBlankAndNeedANetwork() {
        assertDoesNotThrow(() -> validate(VALID.toBuilder().network("projects/1/global/networks/vpc")
                .reservedIpRanges(List.of("range-a")).build()));
        ValidationException e = invalidSpec(b -> b.reservedIpRanges(List.of("range-a", " ")));
        assertProblem(e, "reservedIpRanges[1]", "must not be blank");
        assertProblem(e, "reservedIpRanges", "need a network");
    }

    @Test
    void namesWithWhitespaceInASegmentAreRejected() {
        assertProblem(invalidSpec(b -> b.kmsKeyName("projects/p/locations/us-central1/keyRings/my ring/cryptoKeys/k")),
                "kmsKeyName", "projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY");
        assertProblem(invalidSpec(b -> b.network("projects/1/global/networks/my vpc")), "network",
                "projects/PROJECT_NUMBER/global/networks/NETWORK");
    }

    @Test
    void thePublicPatternsAreTheSharedOnes() {
        assertEquals(io.jenkins.plugins.vertexai.core.GcpNames.PROJECT, PersistentResourceSpecValidator.PROJECT);
        assertEquals(io.jenkins.plugins.vertexai.core.GcpNames.REGION, PersistentResourceSpecValidator.REGION);
    }
}
