package io.jenkins.plugins.vertexai.core.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersistentResourceSpecsTest {
    private static final ResourcePoolSpec FILE_POOL = ResourcePoolSpec.builder().machineType("n1-standard-4").replicaCount(1L).build();
    private static final ResourcePoolSpec FLAG_POOL = ResourcePoolSpec.builder().machineType("n1-standard-8").replicaCount(2L).build();

    private static final PersistentResourceSpec FILE = PersistentResourceSpec.builder()
            .persistentResourceId("from-file").project("file-project").region("us-central1")
            .displayName("File name").addResourcePool(FILE_POOL).enableCustomServiceAccount(false)
            .serviceAccount("file@p.iam.gserviceaccount.com").network("projects/1/global/networks/file")
            .labels(Map.of("team", "file", "env", "dev")).kmsKeyName("projects/p/locations/l/keyRings/r/cryptoKeys/file")
            .reservedIpRanges(List.of("file-range")).build();

    @Test
    void explicitValuesWinFieldByField() {
        PersistentResourceSpec explicit = PersistentResourceSpec.builder()
                .persistentResourceId("explicit").project("explicit-project").region("europe-west4")
                .displayName("Explicit").addResourcePool(FLAG_POOL).enableCustomServiceAccount(true)
                .serviceAccount("x@p.iam.gserviceaccount.com").network("projects/1/global/networks/x")
                .labels(Map.of("team", "x")).kmsKeyName("projects/p/locations/l/keyRings/r/cryptoKeys/x")
                .reservedIpRanges(List.of("x-range")).build();
        assertEquals(explicit, PersistentResourceSpecs.merge(FILE, explicit));
    }

    @Test
    void unsetExplicitValuesKeepTheFilesValues() {
        PersistentResourceSpec merged = PersistentResourceSpecs.merge(FILE, PersistentResourceSpec.builder().build());
        assertEquals(FILE, merged);
    }

    @Test
    void blankExplicitTextCountsAsNotGiven() {
        PersistentResourceSpec explicit = PersistentResourceSpec.builder().displayName(" ").network("").build();
        PersistentResourceSpec merged = PersistentResourceSpecs.merge(FILE, explicit);
        assertEquals("File name", merged.displayName());
        assertEquals(FILE.network(), merged.network());
    }

    @Test
    void explicitPoolsReplaceTheFilesPoolsAsAWhole() {
        PersistentResourceSpec explicit = PersistentResourceSpec.builder().addResourcePool(FLAG_POOL).build();
        assertEquals(List.of(FLAG_POOL), PersistentResourceSpecs.merge(FILE, explicit).resourcePools());
    }

    @Test
    void explicitLabelsReplaceTheFilesLabelsAsAWhole() {
        PersistentResourceSpec explicit = PersistentResourceSpec.builder().label("team", "x").build();
        assertEquals(Map.of("team", "x"), PersistentResourceSpecs.merge(FILE, explicit).labels());
    }

    @Test
    void anExplicitFalseOverridesTheFile() {
        PersistentResourceSpec file = FILE.toBuilder().enableCustomServiceAccount(true).build();
        PersistentResourceSpec explicit = PersistentResourceSpec.builder().enableCustomServiceAccount(false).build();
        assertEquals(Boolean.FALSE, PersistentResourceSpecs.merge(file, explicit).enableCustomServiceAccount());
    }

    @Test
    void eitherSideMayBeMissing() {
        assertSame(FILE, PersistentResourceSpecs.merge(FILE, null));
        assertSame(FILE, PersistentResourceSpecs.merge(null, FILE));
        assertEquals(PersistentResourceSpec.builder().build(), PersistentResourceSpecs.merge(null, null));
    }
}
