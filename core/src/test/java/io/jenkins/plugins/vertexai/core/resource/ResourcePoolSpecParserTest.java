package io.jenkins.plugins.vertexai.core.resource;

import static io.jenkins.plugins.vertexai.core.resource.ValidationAssertions.assertProblem;
import static io.jenkins.plugins.vertexai.core.resource.ValidationAssertions.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcePoolSpecParserTest {
    private static final String FIELD = "--resource-pool-spec";

    @Test
    void parsesEveryKey() {
        ResourcePoolSpec pool = ResourcePoolSpecParser.parse("replica-count=2,machine-type=n1-standard-4,"
                + "accelerator-type=NVIDIA_TESLA_T4,accelerator-count=1,disk-type=pd-ssd,disk-size=200,"
                + "min-replica-count=1,max-replica-count=4");
        assertEquals(ResourcePoolSpec.builder().machineType("n1-standard-4").replicaCount(2L).minReplicaCount(1L)
                .maxReplicaCount(4L).acceleratorType("NVIDIA_TESLA_T4").acceleratorCount(1).diskType("pd-ssd")
                .diskSizeGb(200).build(), pool);
    }

    @Test
    void leavesMissingKeysNullAndHasNoPoolId() {
        ResourcePoolSpec pool = ResourcePoolSpecParser.parse("machine-type=n1-standard-4,replica-count=1");
        assertEquals(ResourcePoolSpec.builder().machineType("n1-standard-4").replicaCount(1L).build(), pool);
    }

    @Test
    void toleratesWhitespaceAndShellQuotes() {
        ResourcePoolSpec pool = ResourcePoolSpecParser.parse("  replica-count = 1 , machine-type='n1-standard-4'  ");
        assertEquals("n1-standard-4", pool.machineType());
        assertEquals(1L, pool.replicaCount());
    }

    @Test
    void rejectsUnknownKeysListingTheValidOnes() {
        ValidationException e = invalid(() -> ResourcePoolSpecParser.parse("machine-type=n1-standard-4,replicas=2"));
        assertProblem(e, FIELD, "unknown key 'replicas'", "valid keys: machine-type, replica-count");
    }

    @Test
    void keysAreCaseSensitiveKebabCase() {
        ValidationException e = invalid(() -> ResourcePoolSpecParser.parse("Machine-Type=n1,replica_count=1"));
        assertProblem(e, FIELD, "'Machine-Type'", "lowercase");
        assertProblem(e, FIELD, "'replica_count'", "did you mean 'replica-count'");
    }

    @Test
    void rejectsGcloudLocalSsdCountAsUnsupported() {
        assertProblem(invalid(() -> ResourcePoolSpecParser.parse("local-ssd-count=1")), FIELD, "not supported");
    }

    @Test
    void rejectsDuplicateKeys() {
        ValidationException e = invalid(() -> ResourcePoolSpecParser.parse("replica-count=1,replica-count=2"));
        assertProblem(e, FIELD, "'replica-count' is given more than once");
    }

    @Test
    void rejectsEmptyValuesAndItemsWithoutEquals() {
        ValidationException e = invalid(() -> ResourcePoolSpecParser.parse("machine-type=,replica-count,,"));
        assertProblem(e, FIELD, "'machine-type' has an empty value");
        assertProblem(e, FIELD, "'replica-count' has no '='", "replica-count=1,machine-type=n1-standard-4");
        assertProblem(e, FIELD, "empty item");
    }

    @Test
    void rejectsNonNumericAndOversizedNumbers() {
        ValidationException e = invalid(() -> ResourcePoolSpecParser.parse(
                "replica-count=two,disk-size=1.5,accelerator-count=99999999999,max-replica-count=99999999999999999999"));
        assertProblem(e, FIELD, "'replica-count' must be a whole number such as replica-count=2, got 'two'");
        assertProblem(e, FIELD, "'disk-size' must be a whole number");
        assertProblem(e, FIELD, "'accelerator-count' is too large");
        assertProblem(e, FIELD, "'max-replica-count' is too large");
        assertEquals(4, e.problems().size());
    }

    @Test
    void rejectsAnEmptySpec() {
        assertProblem(invalid(() -> ResourcePoolSpecParser.parse("  ")), FIELD, "is empty", "valid keys");
    }

    @Test
    void parseAllNamesTheFlagPosition() {
        assertEquals(2, ResourcePoolSpecParser.parseAll(List.of("machine-type=a,replica-count=1",
                "machine-type=b,replica-count=2")).size());
        ValidationException e = invalid(() -> ResourcePoolSpecParser.parseAll(List.of("machine-type=a", "x=1")));
        assertProblem(e, FIELD + "[1]", "unknown key 'x'");
        assertEquals(1, e.problems().size());
    }
}
