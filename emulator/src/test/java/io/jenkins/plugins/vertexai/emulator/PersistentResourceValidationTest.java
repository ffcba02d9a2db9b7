package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Requests.assertStatus;
import static io.jenkins.plugins.vertexai.emulator.Requests.create;
import static io.jenkins.plugins.vertexai.emulator.Requests.gpuPool;
import static io.jenkins.plugins.vertexai.emulator.Requests.pool;
import static io.jenkins.plugins.vertexai.emulator.Requests.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1.AcceleratorType;
import com.google.cloud.aiplatform.v1.CreatePersistentResourceRequest;
import com.google.cloud.aiplatform.v1.MachineSpec;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.ResourcePool;
import com.google.cloud.aiplatform.v1.ResourceRuntimeSpec;
import com.google.cloud.aiplatform.v1.ServiceAccountSpec;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PersistentResourceValidationTest {
    private static Loopback loop;

    @BeforeAll
    static void start() {
        loop = Loopback.frozen();
    }

    @AfterAll
    static void stop() {
        loop.close();
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                bad("parent", r -> r.setParent("projects/demo"),
                        "parent: 'projects/demo' is not of the form projects/{project}/locations/{location}"),
                bad("missing id", r -> r.setPersistentResourceId(""), "persistent_resource_id: required"),
                bad("upper-case id", r -> r.setPersistentResourceId("Bad_Id"), "persistent_resource_id: 'Bad_Id' must be"),
                bad("id ending in dash", r -> r.setPersistentResourceId("abc-"), "persistent_resource_id: 'abc-' must be"),
                bad("id too long", r -> r.setPersistentResourceId("a".repeat(64)), "persistent_resource_id: 'aaaa"),
                bad("no pool", r -> r.setPersistentResource(resource()),
                        "persistent_resource.resource_pools: at least one resource pool is required"),
                bad("no machine type", r -> r.setPersistentResource(resource(ResourcePool.newBuilder().setReplicaCount(1).build())),
                        "persistent_resource.resource_pools[0].machine_spec.machine_type: required"),
                bad("unknown machine type", r -> r.setPersistentResource(resource(pool("n1-foo", 1))),
                        "persistent_resource.resource_pools[0].machine_spec.machine_type: unknown machine type 'n1-foo'; known: n1-standard-1, n1-standard-2"),
                bad("second pool", r -> r.setPersistentResource(resource(pool("n1-standard-4", 1), pool("x9-mega", 1))),
                        "persistent_resource.resource_pools[1].machine_spec.machine_type: unknown machine type 'x9-mega'"),
                bad("zero replicas", r -> r.setPersistentResource(resource(pool("n1-standard-4", 0))),
                        "persistent_resource.resource_pools[0].replica_count: must be at least 1"),
                bad("autoscaling min 0", r -> r.setPersistentResource(resource(autoscaling(0, 3))),
                        "persistent_resource.resource_pools[0].autoscaling_spec.min_replica_count: must be at least 1, got 0"),
                bad("autoscaling max below min", r -> r.setPersistentResource(resource(autoscaling(3, 2))),
                        "persistent_resource.resource_pools[0].autoscaling_spec.max_replica_count: must be greater than min_replica_count and at most 1000 (min_replica_count 3), got 2"),
                // AutoscalingSpec: min "must be ... < max_replica_count", max "must be ... > min_replica_count".
                bad("autoscaling max equal to min", r -> r.setPersistentResource(resource(autoscaling(2, 2))),
                        "autoscaling_spec.max_replica_count: must be greater than min_replica_count and at most 1000 (min_replica_count 2), got 2"),
                bad("autoscaling max above 1000", r -> r.setPersistentResource(resource(autoscaling(1, 1001))),
                        "autoscaling_spec.max_replica_count: must be greater than min_replica_count and at most 1000 (min_replica_count 1), got 1001"),
                bad("replicas below the autoscaling minimum", r -> r.setPersistentResource(resource(autoscaling(2, 4).toBuilder().setReplicaCount(1).build())),
                        "persistent_resource.resource_pools[0].replica_count: must be within the autoscaling bounds [2, 4], got 1"),
                // DiskSpec.boot_disk_type: "Valid values: pd-ssd, pd-standard or hyperdisk-balanced".
                bad("pd-balanced boot disk", r -> r.setPersistentResource(resource(pool("n1-standard-4", 1).toBuilder()
                                .setDiskSpec(com.google.cloud.aiplatform.v1.DiskSpec.newBuilder().setBootDiskType("pd-balanced")).build())),
                        "persistent_resource.resource_pools[0].disk_spec.boot_disk_type: unknown disk type 'pd-balanced'; valid: hyperdisk-balanced, pd-ssd, pd-standard"),
                bad("label key of 65 characters", r -> r.setPersistentResource(resource(pool("n1-standard-4", 1)).toBuilder().putLabels("k".repeat(65), "v").build()),
                        "persistent_resource.labels: invalid key 'kkkk"),
                bad("label value of 65 characters", r -> r.setPersistentResource(resource(pool("n1-standard-4", 1)).toBuilder().putLabels("k", "v".repeat(65)).build()),
                        "persistent_resource.labels: invalid value 'vvvv"),
                bad("label key starting with a digit", r -> r.setPersistentResource(resource(pool("n1-standard-4", 1)).toBuilder().putLabels("1team", "v").build()),
                        "persistent_resource.labels: invalid key '1team'"),
                bad("replicas outside autoscaling", r -> r.setPersistentResource(resource(autoscaling(2, 4).toBuilder().setReplicaCount(5).build())),
                        "persistent_resource.resource_pools[0].replica_count: must be within the autoscaling bounds [2, 4], got 5"),
                bad("accelerator of another family", r -> r.setPersistentResource(resource(gpuPool("n1-standard-8", 1, AcceleratorType.NVIDIA_L4, 1))),
                        "persistent_resource.resource_pools[0].machine_spec.accelerator_type: NVIDIA_L4 is not available for n1 machine types; n1 takes NVIDIA_TESLA_K80, NVIDIA_TESLA_P100, NVIDIA_TESLA_V100, NVIDIA_TESLA_P4, NVIDIA_TESLA_T4"),
                bad("accelerator on e2", r -> r.setPersistentResource(resource(gpuPool("e2-standard-4", 1, AcceleratorType.NVIDIA_TESLA_T4, 1))),
                        "machine_spec.accelerator_type: e2 machine types take no accelerators, got NVIDIA_TESLA_T4"),
                bad("A100 on g2", r -> r.setPersistentResource(resource(gpuPool("g2-standard-8", 1, AcceleratorType.NVIDIA_TESLA_A100, 1))),
                        "NVIDIA_TESLA_A100 is not available for g2 machine types; g2 takes NVIDIA_L4"),
                bad("H100 on a2", r -> r.setPersistentResource(resource(gpuPool("a2-highgpu-1g", 1, AcceleratorType.NVIDIA_H100_80GB, 1))),
                        "NVIDIA_H100_80GB is not available for a2 machine types"),
                bad("accelerator without count", r -> r.setPersistentResource(resource(gpuPool("n1-standard-8", 1, AcceleratorType.NVIDIA_TESLA_T4, 0))),
                        "persistent_resource.resource_pools[0].machine_spec.accelerator_count: must be at least 1 with accelerator_type NVIDIA_TESLA_T4"),
                bad("count without accelerator", r -> r.setPersistentResource(resource(gpuPool("n1-standard-8", 1, AcceleratorType.ACCELERATOR_TYPE_UNSPECIFIED, 2))),
                        "persistent_resource.resource_pools[0].machine_spec.accelerator_type: required with accelerator_count 2"),
                bad("wrong built-in count", r -> r.setPersistentResource(resource(gpuPool("a2-highgpu-2g", 1, AcceleratorType.NVIDIA_TESLA_A100, 1))),
                        "machine_spec.accelerator_count: a2-highgpu-2g has 2 NVIDIA_TESLA_A100 built in; accelerator_count must be 2, got 1"),
                bad("duplicate pool ids", r -> r.setPersistentResource(resource(pool("n1-standard-4", 1).toBuilder().setId("p").build(),
                                pool("n1-standard-4", 1).toBuilder().setId("p").build())),
                        "persistent_resource.resource_pools[1].id: duplicate resource pool id 'p'"),
                bad("service account without custom service accounts", r -> r.setPersistentResource(resource(pool("n1-standard-4", 1)).toBuilder()
                                .setResourceRuntimeSpec(ResourceRuntimeSpec.newBuilder().setServiceAccountSpec(
                                        ServiceAccountSpec.newBuilder().setServiceAccount("sa@demo.iam.gserviceaccount.com"))).build()),
                        "persistent_resource.resource_runtime_spec.service_account_spec.service_account: only allowed when enable_custom_service_account is true"),
                bad("label key", r -> r.setPersistentResource(resource(pool("n1-standard-4", 1)).toBuilder().putLabels("Env", "prod").build()),
                        "persistent_resource.labels: invalid key 'Env'"),
                bad("label value", r -> r.setPersistentResource(resource(pool("n1-standard-4", 1)).toBuilder().putLabels("env", "Prod!").build()),
                        "persistent_resource.labels: invalid value 'Prod!' for key 'env'"),
                bad("too many labels", r -> r.setPersistentResource(withLabels(65)),
                        "persistent_resource.labels: at most 64 labels are allowed, got 65"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void rejectsInvalidRequestNamingTheField(String what, UnaryOperator<CreatePersistentResourceRequest.Builder> change,
                                             String expected) {
        CreatePersistentResourceRequest request = change.apply(create("valid-id").toBuilder()).build();
        String description = assertStatus(Status.Code.INVALID_ARGUMENT, () -> loop.resources().createPersistentResource(request));
        assertTrue(description.contains(expected), () -> "description: " + description + "\nexpected: " + expected);
    }

    @Test
    void reportsEveryProblemAtOnceWithFieldViolationDetails() {
        CreatePersistentResourceRequest request = create("Bad", resource(pool("n1-foo", 0))).toBuilder().build();
        StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                () -> loop.resources().createPersistentResource(request));
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        BadRequest details = status.getDetailsList().stream().filter(a -> a.is(BadRequest.class))
                .map(a -> unpack(a)).findFirst().orElseThrow();
        assertEquals(java.util.List.of("persistent_resource_id", "persistent_resource.resource_pools[0].machine_spec.machine_type",
                        "persistent_resource.resource_pools[0].replica_count"),
                details.getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList());
    }

    @Test
    void acceptsBuiltInAndListedAccelerators() {
        long before = loop.emulator.stats().persistentResourcesCreated();
        loop.resources().createPersistentResource(create("g2", resource(pool("g2-standard-24", 1))));
        loop.resources().createPersistentResource(create("a2", resource(gpuPool("a2-highgpu-1g", 1, AcceleratorType.NVIDIA_A100_80GB, 1))));
        loop.resources().createPersistentResource(create("n1-gpu", resource(gpuPool("n1-standard-8", 2, AcceleratorType.NVIDIA_TESLA_V100, 4))));
        loop.resources().createPersistentResource(create("scaling", resource(autoscaling(1, 1000))));
        assertEquals(before + 4, loop.emulator.stats().persistentResourcesCreated());
    }

    @Test
    void acceptsEveryDocumentedDiskTypeAndLabelsOfSixtyFourInternationalCharacters() {
        for (String disk : java.util.List.of("pd-ssd", "pd-standard", "hyperdisk-balanced")) {
            loop.resources().createPersistentResource(create("disk-" + disk, resource(pool("n1-standard-4", 1).toBuilder()
                    .setDiskSpec(com.google.cloud.aiplatform.v1.DiskSpec.newBuilder().setBootDiskType(disk)).build())));
        }
        PersistentResource labelled = resource(pool("n1-standard-4", 1)).toBuilder()
                .putLabels("k".repeat(64), "v".repeat(64)).putLabels("équipe", "données").putLabels("チーム", "機械学習")
                .putLabels("empty", "").build();
        loop.resources().createPersistentResource(create("labelled", labelled));
        assertEquals(labelled.getLabelsMap(), loop.resources().getPersistentResource(
                com.google.cloud.aiplatform.v1.GetPersistentResourceRequest.newBuilder()
                        .setName(Requests.resourceName("labelled")).build()).getLabelsMap());
    }

    @Test
    void acceptsAutoscalingWithReplicaCountWithinBounds() {
        loop.resources().createPersistentResource(create("bounded", resource(autoscaling(1, 4).toBuilder().setReplicaCount(1).build())));
        loop.resources().createPersistentResource(create("at-max", resource(autoscaling(1, 4).toBuilder().setReplicaCount(4).build())));
    }

    private static Arguments bad(String what, UnaryOperator<CreatePersistentResourceRequest.Builder> change, String expected) {
        return Arguments.of(what, change, expected);
    }

    private static ResourcePool autoscaling(long min, long max) {
        return ResourcePool.newBuilder()
                .setMachineSpec(MachineSpec.newBuilder().setMachineType("n1-standard-4"))
                .setAutoscalingSpec(ResourcePool.AutoscalingSpec.newBuilder().setMinReplicaCount(min).setMaxReplicaCount(max))
                .build();
    }

    private static PersistentResource withLabels(int count) {
        PersistentResource.Builder b = resource(pool("n1-standard-4", 1)).toBuilder();
        for (int i = 0; i < count; i++) {
            b.putLabels("k" + i, "v");
        }
        return b.build();
    }

    private static BadRequest unpack(com.google.protobuf.Any any) {
        try {
            return any.unpack(BadRequest.class);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
