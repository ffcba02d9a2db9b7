package io.jenkins.plugins.vertexai.core.resource;

import static io.jenkins.plugins.vertexai.core.resource.ValidationAssertions.assertProblem;
import static io.jenkins.plugins.vertexai.core.resource.ValidationAssertions.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentResourceConfigFileTest {
    private static final String SOURCE = "pr.yaml";

    /** gcloud's documented {@code --config} example, verbatim: resourcePoolSpecs as a single mapping. */
    private static final String GOOGLE_EXAMPLE = """
            resourcePoolSpecs:
              machineSpec:
                machineType: n1-standard-4
              replicaCount: 1
            """;

    private static final String FULL = """
            displayName: Training cluster
            labels:
              team: ml
              cost-center: 1234
            network: projects/123456/global/networks/vertex-vpc
            reservedIpRanges:
              - vertex-ai-range
            encryptionSpec:
              kmsKeyName: projects/p/locations/us-central1/keyRings/r/cryptoKeys/k
            resourceRuntimeSpec:
              serviceAccountSpec:
                enableCustomServiceAccount: true
                serviceAccount: runner@my-project.iam.gserviceaccount.com
            resourcePoolSpecs:
              - id: cpu
                machineSpec:
                  machineType: n1-standard-4
                replicaCount: 1
                diskSpec:
                  bootDiskType: pd-ssd
                  bootDiskSizeGb: 200
              - id: gpu
                machineSpec:
                  machineType: n1-standard-8
                  acceleratorType: NVIDIA_TESLA_T4
                  acceleratorCount: 2
                replicaCount: "2"
                autoscalingSpec:
                  minReplicaCount: 1
                  maxReplicaCount: 4
            """;

    private static PersistentResourceSpec parse(String yaml) {
        return PersistentResourceConfigFile.parse(yaml, SOURCE);
    }

    @Test
    void readsGooglesDocumentedExampleAsOnePool() {
        PersistentResourceSpec spec = parse(GOOGLE_EXAMPLE);
        assertEquals(List.of(ResourcePoolSpec.builder().machineType("n1-standard-4").replicaCount(1L).build()),
                spec.resourcePools());
        assertNull(spec.displayName());
        assertNull(spec.enableCustomServiceAccount());
        assertTrue(spec.labels().isEmpty());
    }

    @Test
    void readsAFullMultiPoolConfig() {
        PersistentResourceSpec spec = parse(FULL);
        assertEquals("Training cluster", spec.displayName());
        assertEquals(Map.of("team", "ml", "cost-center", "1234"), spec.labels());
        assertEquals("projects/123456/global/networks/vertex-vpc", spec.network());
        assertEquals(List.of("vertex-ai-range"), spec.reservedIpRanges());
        assertEquals("projects/p/locations/us-central1/keyRings/r/cryptoKeys/k", spec.kmsKeyName());
        assertEquals(Boolean.TRUE, spec.enableCustomServiceAccount());
        assertEquals("runner@my-project.iam.gserviceaccount.com", spec.serviceAccount());
        assertEquals(List.of(
                ResourcePoolSpec.builder().id("cpu").machineType("n1-standard-4").replicaCount(1L)
                        .diskType("pd-ssd").diskSizeGb(200).build(),
                ResourcePoolSpec.builder().id("gpu").machineType("n1-standard-8").acceleratorType("NVIDIA_TESLA_T4")
                        .acceleratorCount(2).replicaCount(2L).minReplicaCount(1L).maxReplicaCount(4L).build()),
                spec.resourcePools());
    }

    @Test
    void acceptsTheApiNameResourcePools() {
        PersistentResourceSpec spec = parse("""
                resourcePools:
                  - machineSpec: {machineType: n1-standard-4}
                    replicaCount: 3
                """);
        assertEquals(3L, spec.resourcePools().get(0).replicaCount());
    }

    @Test
    void aFileMayLeavePoolsToExplicitValues() {
        PersistentResourceSpec spec = parse("labels: {team: ml}\n");
        assertTrue(spec.resourcePools().isEmpty());
        assertEquals(Map.of("team", "ml"), spec.labels());
    }

    @Test
    void rejectsBothPoolKeys() {
        ValidationException e = invalid(() -> parse("resourcePools: []\nresourcePoolSpecs: [{replicaCount: 1}]\n"));
        assertProblem(e, "resourcePools", "either resourcePoolSpecs or resourcePools");
    }

    @Test
    void rejectsUnderscoreKeysSuggestingTheCamelCaseKey() {
        ValidationException e = invalid(() -> parse("""
                resource_pool_specs:
                  - machine_spec: {machineType: n1-standard-4}
                """));
        assertProblem(e, "resource_pool_specs", "underscores", "use 'resourcePoolSpecs'", "line 1");
        e = invalid(() -> parse("""
                resourcePoolSpecs:
                  - machineSpec: {machine_type: n1-standard-4}
                    replica_count: 1
                """));
        assertProblem(e, "resourcePoolSpecs[0].machineSpec.machine_type", "use 'machineType'");
        assertProblem(e, "resourcePoolSpecs[0].replica_count", "use 'replicaCount'", "pr.yaml, line 3");
    }

    @Test
    void rejectsUnknownKeysListingTheValidOnes() {
        ValidationException e = invalid(() -> parse("""
                name: x
                resourcePoolSpecs:
                  - machineSpec: {machineType: n1-standard-4, gpu: 1}
                    replicaCount: 1
                    usedReplicaCount: 1
                """));
        assertProblem(e, "name", "unknown key 'name'", "displayName, resourcePoolSpecs, resourcePools");
        assertProblem(e, "resourcePoolSpecs[0].machineSpec.gpu", "machineType, acceleratorType, acceleratorCount");
        assertProblem(e, "resourcePoolSpecs[0].usedReplicaCount", "id, machineSpec, replicaCount, autoscalingSpec, diskSpec");
        assertEquals(3, e.problems().size());
    }

    @Test
    void reportsWrongTypesWithTheirPathAndLine() {
        ValidationException e = invalid(() -> parse("""
                displayName: [a, b]
                labels: [a]
                reservedIpRanges: range-a
                resourceRuntimeSpec:
                  serviceAccountSpec:
                    enableCustomServiceAccount: maybe
                resourcePoolSpecs:
                  - machineSpec: {machineType: n1-standard-4}
                    replicaCount: 1
                  - machineSpec:
                      - machineType: n1-standard-4
                    replicaCount: two
                    diskSpec: {bootDiskSizeGb: 1.5}
                    autoscalingSpec: {minReplicaCount: true}
                """));
        assertProblem(e, "displayName", "must be text, got a list");
        assertProblem(e, "labels", "must be a mapping", "got a list");
        assertProblem(e, "reservedIpRanges", "must be a list", "got 'range-a'");
        assertProblem(e, "resourceRuntimeSpec.serviceAccountSpec.enableCustomServiceAccount", "true or false", "line 6");
        assertProblem(e, "resourcePoolSpecs[1].machineSpec", "must be a mapping", "got a list", "line 10");
        assertProblem(e, "resourcePoolSpecs[1].replicaCount", "whole number", "got 'two'", "line 12");
        assertProblem(e, "resourcePoolSpecs[1].diskSpec.bootDiskSizeGb", "whole number", "1.5");
        assertProblem(e, "resourcePoolSpecs[1].autoscalingSpec.minReplicaCount", "whole number", "boolean true");
        assertEquals(8, e.problems().size());
    }

    @Test
    void rejectsPoolsThatAreNotMappings() {
        assertProblem(invalid(() -> parse("resourcePoolSpecs: n1-standard-4\n")), "resourcePoolSpecs",
                "a list of pools, or one pool as a mapping");
        assertProblem(invalid(() -> parse("resourcePoolSpecs:\n  - n1-standard-4\n")), "resourcePoolSpecs[0]",
                "must be a mapping");
        assertProblem(invalid(() -> parse("resourcePoolSpecs:\n  -\n")), "resourcePoolSpecs[0]", "empty pool");
    }

    @Test
    void labelValuesMustBeTextNotBooleans() {
        ValidationException e = invalid(() -> parse("labels: {enabled: yes, owner:, empty: \"\"}\n"));
        assertProblem(e, "labels.enabled", "quote it");
        assertProblem(e, "labels.owner", "has no value");
        assertEquals(2, e.problems().size());
    }

    @Test
    void keepsTimestampsAsStrings() {
        PersistentResourceSpec spec = parse("displayName: 2024-01-01\nlabels: {day: 2024-01-01}\n");
        assertEquals("2024-01-01", spec.displayName());
        assertEquals("2024-01-01", spec.labels().get("day"));
    }

    @Test
    void refusesArbitraryTypes() {
        ValidationException e = invalid(() -> parse("displayName: !!javax.script.ScriptEngineManager [x]\n"));
        assertProblem(e, SOURCE, "not valid YAML");
    }

    @Test
    void rejectsEmptyAndCommentOnlyFiles() {
        assertProblem(invalid(() -> parse("")), SOURCE, "empty");
        assertProblem(invalid(() -> parse("# nothing here\n")), SOURCE, "empty");
        assertProblem(invalid(() -> parse("---\n")), SOURCE, "empty");
    }

    @Test
    void rejectsATopLevelThatIsNotAMapping() {
        assertProblem(invalid(() -> parse("- a\n- b\n")), SOURCE, "mapping at the top level", "got a list");
    }

    @Test
    void reportsInvalidYamlWithItsLine() {
        ValidationException e = invalid(() -> parse("displayName: ok\nlabels: {team: ml\nnetwork: x\n"));
        assertProblem(e, SOURCE, "not valid YAML at line 3");
    }

    @Test
    void rejectsDuplicateKeysWithTheirLine() {
        assertProblem(invalid(() -> parse("displayName: a\ndisplayName: b\n")), SOURCE, "not valid YAML at line 2",
                "duplicate key");
    }

    @Test
    void rejectsASecondDocument() {
        assertProblem(invalid(() -> parse(GOOGLE_EXAMPLE + "---\nlabels: {}\n")), SOURCE, "more than one YAML document");
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("pr.yaml"), FULL);
        assertEquals(parse(FULL), PersistentResourceConfigFile.read(file));
    }

    @Test
    void reportsMissingAndNonUtf8Files(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.yaml");
        assertProblem(invalid(() -> PersistentResourceConfigFile.read(missing)), missing.toString(), "not found");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), "displayName: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertProblem(invalid(() -> PersistentResourceConfigFile.read(latin1)), latin1.toString(), "not UTF-8");
    }
}
