package io.jenkins.plugins.vertexai.core.resource;

import static io.jenkins.plugins.vertexai.core.resource.ValidationAssertions.assertProblem;
import static io.jenkins.plugins.vertexai.core.resource.ValidationAssertions.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1.AcceleratorType;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.ResourcePool;
import com.google.protobuf.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PersistentResourceProtosTest {
    private static final ResourcePoolSpec CPU = ResourcePoolSpec.builder().machineType("n1-standard-4").replicaCount(2L)
            .diskType("pd-ssd").diskSizeGb(200).build();
    private static final ResourcePoolSpec GPU = ResourcePoolSpec.builder().id("gpu").machineType("n1-standard-8")
            .acceleratorType("NVIDIA_TESLA_T4").acceleratorCount(2).minReplicaCount(1L).maxReplicaCount(4L).build();
    private static final PersistentResourceSpec SPEC = PersistentResourceSpec.builder()
            .persistentResourceId("ci-cluster").project("my-project").region("us-central1")
            .resourcePools(List.of(CPU, GPU)).serviceAccount("runner@my-project.iam.gserviceaccount.com")
            .network("projects/1/global/networks/vpc").label("team", "ml")
            .kmsKeyName("projects/p/locations/us-central1/keyRings/r/cryptoKeys/k")
            .reservedIpRanges(List.of("range-a")).build();

    @Test
    void convertsEveryField() {
        PersistentResource proto = PersistentResourceProtos.toProto(SPEC);
        assertEquals("", proto.getName());
        assertEquals("ci-cluster", proto.getDisplayName());
        assertEquals(2, proto.getResourcePoolsCount());

        ResourcePool cpu = proto.getResourcePools(0);
        assertEquals("", cpu.getId());
        assertEquals("n1-standard-4", cpu.getMachineSpec().getMachineType());
        assertEquals(AcceleratorType.ACCELERATOR_TYPE_UNSPECIFIED, cpu.getMachineSpec().getAcceleratorType());
        assertEquals(2, cpu.getReplicaCount());
        assertFalse(cpu.hasAutoscalingSpec());
        assertEquals("pd-ssd", cpu.getDiskSpec().getBootDiskType());
        assertEquals(200, cpu.getDiskSpec().getBootDiskSizeGb());

        ResourcePool gpu = proto.getResourcePools(1);
        assertEquals("gpu", gpu.getId());
        assertEquals(AcceleratorType.NVIDIA_TESLA_T4, gpu.getMachineSpec().getAcceleratorType());
        assertEquals(2, gpu.getMachineSpec().getAcceleratorCount());
        assertFalse(gpu.hasReplicaCount());
        assertEquals(1, gpu.getAutoscalingSpec().getMinReplicaCount());
        assertEquals(4, gpu.getAutoscalingSpec().getMaxReplicaCount());
        assertFalse(gpu.hasDiskSpec());

        assertEquals(Map.of("team", "ml"), proto.getLabelsMap());
        assertEquals("projects/1/global/networks/vpc", proto.getNetwork());
        assertEquals("projects/p/locations/us-central1/keyRings/r/cryptoKeys/k", proto.getEncryptionSpec().getKmsKeyName());
        assertTrue(proto.getResourceRuntimeSpec().getServiceAccountSpec().getEnableCustomServiceAccount());
        assertEquals("runner@my-project.iam.gserviceaccount.com",
                proto.getResourceRuntimeSpec().getServiceAccountSpec().getServiceAccount());
        assertEquals(List.of("range-a"), proto.getReservedIpRangesList());
    }

    @Test
    void leavesUnsetOptionalFieldsUnset() {
        PersistentResource proto = PersistentResourceProtos.toProto(PersistentResourceSpec.builder()
                .persistentResourceId("ci").addResourcePool(ResourcePoolSpec.builder().machineType("n1-standard-4")
                        .replicaCount(1L).build()).build());
        assertFalse(proto.hasEncryptionSpec());
        assertEquals("", proto.getNetwork());
        assertFalse(proto.getResourcePools(0).hasDiskSpec());
        assertTrue(proto.getResourceRuntimeSpec().getServiceAccountSpec().getEnableCustomServiceAccount());
        assertEquals("", proto.getResourceRuntimeSpec().getServiceAccountSpec().getServiceAccount());
    }

    @Test
    void displayNameDefaultsToTheBareIdAndHonoursAGivenOne() {
        PersistentResourceSpec fullName = SPEC.toBuilder()
                .persistentResourceId("projects/my-project/locations/us-central1/persistentResources/ci").build();
        assertEquals("ci", PersistentResourceProtos.toProto(fullName).getDisplayName());
        assertEquals("CI", PersistentResourceProtos.toProto(SPEC.toBuilder().displayName("CI").build()).getDisplayName());
    }

    @Test
    void acceleratorCountDefaultsToOneLikeGcloud() {
        PersistentResource proto = PersistentResourceProtos.toProto(SPEC.toBuilder().resourcePools(List.of(
                CPU.toBuilder().acceleratorType("nvidia-l4").build())).build());
        assertEquals(AcceleratorType.NVIDIA_L4, proto.getResourcePools(0).getMachineSpec().getAcceleratorType());
        assertEquals(1, proto.getResourcePools(0).getMachineSpec().getAcceleratorCount());
    }

    @Test
    void customServiceAccountCanBeTurnedOff() {
        PersistentResource proto = PersistentResourceProtos.toProto(SPEC.toBuilder().enableCustomServiceAccount(false)
                .serviceAccount(null).build());
        assertFalse(proto.getResourceRuntimeSpec().getServiceAccountSpec().getEnableCustomServiceAccount());
    }

    @Test
    void anUnknownAcceleratorIsAValidationError() {
        assertProblem(invalid(() -> PersistentResourceProtos.toProto(SPEC.toBuilder().resourcePools(List.of(
                CPU.toBuilder().acceleratorType("NVIDIA_TESLA_Z9").build())).build())),
                "resourcePools[0].acceleratorType", "not an accelerator type");
    }

    /** What the server returns for {@link #SPEC}: the request plus server-filled fields. */
    private static PersistentResource existing() {
        PersistentResource.Builder server = PersistentResourceProtos.toProto(SPEC).toBuilder()
                .setName("projects/my-project/locations/us-central1/persistentResources/ci-cluster")
                .setState(PersistentResource.State.RUNNING)
                .setCreateTime(Timestamp.newBuilder().setSeconds(1_700_000_000))
                .putLabels("aiplatform.googleapis.com/managed", "true");
        server.getResourcePoolsBuilder(0).setId("pool-server-named").setUsedReplicaCount(1);
        // An autoscaling pool's replica count moves with load.
        server.getResourcePoolsBuilder(1).setReplicaCount(3).setUsedReplicaCount(3);
        return server.build();
    }

    private static List<String> driftAfter(UnaryOperator<PersistentResource.Builder> change) {
        return PersistentResourceProtos.drift(SPEC, change.apply(existing().toBuilder()).build());
    }

    @Test
    void noDriftWhenOnlyServerFilledFieldsDiffer() {
        assertEquals(List.of(), PersistentResourceProtos.drift(SPEC, existing()));
    }

    @Test
    void reportsPoolFieldDifferences() {
        List<String> drift = driftAfter(r -> {
            r.getResourcePoolsBuilder(0).setReplicaCount(1).getMachineSpecBuilder().setMachineType("n1-standard-8");
            r.getResourcePoolsBuilder(0).getDiskSpecBuilder().setBootDiskType("pd-standard").setBootDiskSizeGb(100);
            r.getResourcePoolsBuilder(1).getMachineSpecBuilder().setAcceleratorType(AcceleratorType.NVIDIA_L4).setAcceleratorCount(1);
            r.getResourcePoolsBuilder(1).getAutoscalingSpecBuilder().setMinReplicaCount(2).setMaxReplicaCount(8);
            return r;
        });
        assertEquals(List.of(
                "resourcePools[0].machineType: wanted 'n1-standard-4', found 'n1-standard-8'",
                "resourcePools[0].replicaCount: wanted 2, found 1",
                "resourcePools[0].diskType: wanted 'pd-ssd', found 'pd-standard'",
                "resourcePools[0].diskSizeGb: wanted 200, found 100",
                "resourcePools[1].acceleratorType: wanted NVIDIA_TESLA_T4, found NVIDIA_L4",
                "resourcePools[1].acceleratorCount: wanted 2, found 1",
                "resourcePools[1].minReplicaCount: wanted 1, found 2",
                "resourcePools[1].maxReplicaCount: wanted 4, found 8"), drift);
    }

    @Test
    void reportsAutoscalingThatIsNotWanted() {
        List<String> drift = driftAfter(r -> {
            r.getResourcePoolsBuilder(0).getAutoscalingSpecBuilder().setMinReplicaCount(1).setMaxReplicaCount(2);
            return r;
        });
        assertEquals(List.of("resourcePools[0].minReplicaCount: wanted none, found 1",
                "resourcePools[0].maxReplicaCount: wanted none, found 2"), drift);
    }

    @Test
    void matchesPoolsByIdWhenTheWantedPoolHasOne() {
        PersistentResource swapped = existing().toBuilder().clearResourcePools()
                .addResourcePools(existing().getResourcePools(1)).addResourcePools(existing().getResourcePools(0)).build();
        List<String> drift = PersistentResourceProtos.drift(SPEC, swapped);
        // The gpu pool is found by id; the id-less cpu pool is compared with whatever sits at its position.
        assertEquals(List.of(
                "resourcePools[0].machineType: wanted 'n1-standard-4', found 'n1-standard-8'",
                "resourcePools[0].acceleratorType: wanted none, found NVIDIA_TESLA_T4",
                "resourcePools[0].acceleratorCount: wanted 0, found 2",
                "resourcePools[0].minReplicaCount: wanted none, found 1",
                "resourcePools[0].maxReplicaCount: wanted none, found 4",
                "resourcePools[0].replicaCount: wanted 2, found 3",
                "resourcePools[0].diskType: wanted 'pd-ssd', found none",
                "resourcePools[0].diskSizeGb: wanted 200, found 0"), drift);
    }

    @Test
    void reportsMissingPoolsAndPoolCount() {
        PersistentResource onePool = existing().toBuilder().removeResourcePools(1).build();
        assertEquals(List.of("resourcePools: wanted 2 pools, found 1 pool",
                "resourcePools[1]: wanted a pool with id 'gpu', found none"), PersistentResourceProtos.drift(SPEC, onePool));
    }

    @Test
    void reportsResourceLevelDifferences() {
        List<String> drift = driftAfter(r -> {
            r.getResourceRuntimeSpecBuilder().getServiceAccountSpecBuilder()
                    .setEnableCustomServiceAccount(false).setServiceAccount("other@p.iam.gserviceaccount.com");
            r.setNetwork("").clearEncryptionSpec().clearReservedIpRanges().addReservedIpRanges("range-b");
            r.putLabels("team", "infra").putLabels("extra", "x");
            return r;
        });
        assertEquals(List.of(
                "enableCustomServiceAccount: wanted true, found false",
                "serviceAccount: wanted 'runner@my-project.iam.gserviceaccount.com', found 'other@p.iam.gserviceaccount.com'",
                "network: wanted 'projects/1/global/networks/vpc', found none",
                "kmsKeyName: wanted 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k', found none",
                "labels.extra: wanted none, found 'x'",
                "labels.team: wanted 'ml', found 'infra'",
                "reservedIpRanges: wanted [range-a], found [range-b]"), drift);
    }

    @Test
    void comparesTheDisplayNameOnlyWhenOneIsGiven() {
        PersistentResource renamed = existing().toBuilder().setDisplayName("Renamed in the console").build();
        assertEquals(List.of(), PersistentResourceProtos.drift(SPEC, renamed));
        assertEquals(List.of("displayName: wanted 'CI', found 'Renamed in the console'"),
                PersistentResourceProtos.drift(SPEC.toBuilder().displayName("CI").build(), renamed));
    }
}
