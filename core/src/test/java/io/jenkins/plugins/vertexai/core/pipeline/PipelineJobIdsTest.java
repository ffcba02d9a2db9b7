package io.jenkins.plugins.vertexai.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineJobIdsTest {

    @Test
    void sameKeySameIdDifferentKeysDifferentIds() {
        String a = PipelineJobIds.derive("add-numbers", "folder/job#12#step-3");
        assertEquals(a, PipelineJobIds.derive("add-numbers", "folder/job#12#step-3"));
        assertTrue(a.matches("add-numbers-[0-9a-f]{16}"), a);
        Set<String> ids = new HashSet<>();
        for (int build = 0; build < 2000; build++) {
            ids.add(PipelineJobIds.derive("add-numbers", "folder/job#" + build + "#step-3"));
        }
        assertEquals(2000, ids.size());
        assertNotEquals(a, PipelineJobIds.derive("add-numbers", "folder/job#12#step-4"));
    }

    @Test
    void derivedIdsAreValidWhateverTheName() {
        for (String name : List.of("My_Pipeline v2", "123-numbers-first", "---", "", "ÜBER pipeline", "a".repeat(300), "x-".repeat(100))) {
            String id = PipelineJobIds.derive(name, "key");
            assertTrue(PipelineJobIds.isValid(id), name + " -> " + id);
            assertTrue(id.length() <= 128, id);
            assertTrue(!id.contains("--"), id);
        }
        assertTrue(PipelineJobIds.derive("My_Pipeline v2", "k").startsWith("my-pipeline-v2-"));
        assertTrue(PipelineJobIds.derive("123-numbers-first", "k").startsWith("numbers-first-"));
        assertTrue(PipelineJobIds.derive("---", "k").startsWith("pipeline-"));
        assertEquals(128, PipelineJobIds.derive("a".repeat(300), "k").length());
    }

    @Test
    void aKeyIsNeeded() {
        assertThrows(IllegalArgumentException.class, () -> PipelineJobIds.derive("p", ""));
    }

    @Test
    void explicitIdsAreValidatedAndWin() {
        var template = TestFiles.template("nested-dags.yaml");
        var factory = new PipelineJobRequestFactory();
        var run = PipelineRunSpec.builder().project("proj-1").region("us-east1");
        assertEquals("my-run-1", factory.create(template, run.jobId("my-run-1").runKey("ignored").build()).jobId());
        for (String bad : List.of("1abc", "Upper", "has_underscore", "a".repeat(129))) {
            ValidationException e = assertThrows(ValidationException.class, () -> factory.create(template, run.jobId(bad).build()));
            assertEquals("jobId", e.problems().get(0).field());
            assertTrue(e.getMessage().contains("invalid job id"), e.getMessage());
        }
        ValidationException none = assertThrows(ValidationException.class,
                () -> factory.create(template, run.jobId(null).runKey(null).build()));
        assertTrue(none.getMessage().contains("give a job id or a run key"), none.getMessage());
        assertEquals(PipelineJobIds.derive("nested-dags", "k"), factory.create(template, run.runKey("k").build()).jobId());
    }
}
