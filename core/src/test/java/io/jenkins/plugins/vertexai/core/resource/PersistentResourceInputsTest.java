package io.jenkins.plugins.vertexai.core.resource;

import static io.jenkins.plugins.vertexai.core.resource.ValidationAssertions.assertProblem;
import static io.jenkins.plugins.vertexai.core.resource.ValidationAssertions.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.aiplatform.v1.PersistentResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both input forms together, as a step or CLI uses them: file, flags, merge, validation, request, drift. */
class PersistentResourceInputsTest {
    private static final PersistentResourceSpec FLAGS = PersistentResourceSpec.builder()
            .persistentResourceId("ci-cluster").project("my-project").region("us-central1").build();

    @Test
    void googlesExampleBecomesAValidRequest() {
        PersistentResourceSpec file = PersistentResourceConfigFile.parse("""
                resourcePoolSpecs:
                  machineSpec:
                    machineType: n1-standard-4
                  replicaCount: 1
                """, "config.yaml");
        PersistentResourceSpec spec = PersistentResourceSpecs.merge(file, FLAGS);
        assertEquals(new PersistentResourceName("my-project", "us-central1", "ci-cluster"),
                PersistentResourceSpecValidator.validate(spec));
        PersistentResource request = PersistentResourceProtos.toProto(spec);
        assertEquals("n1-standard-4", request.getResourcePools(0).getMachineSpec().getMachineType());
        assertEquals(1, request.getResourcePools(0).getReplicaCount());
        assertEquals(List.of(), PersistentResourceProtos.drift(spec, request));
    }

    @Test
    void flagPoolsReplaceFilePoolsAndFileLabelsSurvive() {
        PersistentResourceSpec file = PersistentResourceConfigFile.parse("""
                labels: {team: ml}
                resourcePools:
                  - machineSpec: {machineType: n1-standard-4}
                    replicaCount: 1
                """, "config.yaml");
        PersistentResourceSpec flags = FLAGS.toBuilder().resourcePools(ResourcePoolSpecParser.parseAll(List.of(
                "machine-type=n1-standard-8,min-replica-count=1,max-replica-count=3",
                "machine-type=g2-standard-8,accelerator-type=NVIDIA_L4,replica-count=1"))).build();
        PersistentResourceSpec spec = PersistentResourceSpecs.merge(file, flags);
        PersistentResourceSpecValidator.validate(spec);
        PersistentResource request = PersistentResourceProtos.toProto(spec);
        assertEquals(2, request.getResourcePoolsCount());
        assertEquals("n1-standard-8", request.getResourcePools(0).getMachineSpec().getMachineType());
        assertEquals("ml", request.getLabelsMap().get("team"));
    }

    @Test
    void problemsFromTheMergedSpecNameTheMergedFields() {
        PersistentResourceSpec file = PersistentResourceConfigFile.parse("""
                resourcePoolSpecs:
                  - machineSpec: {machineType: n1-standard-4, acceleratorCount: 2}
                """, "config.yaml");
        var e = invalid(() -> PersistentResourceSpecValidator.validate(PersistentResourceSpecs.merge(file, FLAGS)));
        assertProblem(e, "resourcePools[0].replicaCount", "is required");
        assertProblem(e, "resourcePools[0].acceleratorCount", "without acceleratorType");
        assertEquals(2, e.problems().size());
    }
}
