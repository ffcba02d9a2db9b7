package io.jenkins.plugins.vertexai.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskCachingOverrideTest {
    private static final PipelineTemplate NESTED = TestFiles.template("nested-dags.yaml");

    /** Every task of the root DAG and of every DAG component. */
    private static List<Struct> tasks(Struct spec) {
        List<Struct> tasks = new ArrayList<>();
        List<Struct> components = new ArrayList<>();
        components.add(spec.getFieldsOrThrow("root").getStructValue());
        spec.getFieldsOrThrow("components").getStructValue().getFieldsMap().values().forEach(c -> components.add(c.getStructValue()));
        for (Struct c : components) {
            if (c.containsFields("dag")) {
                c.getFieldsOrThrow("dag").getStructValue().getFieldsOrThrow("tasks").getStructValue()
                        .getFieldsMap().values().forEach(t -> tasks.add(t.getStructValue()));
            }
        }
        return tasks;
    }

    private static Struct spec(Boolean enableCaching) {
        return new PipelineJobRequestFactory().create(NESTED, PipelineRunSpec.builder().project("proj-1").region("us-central1")
                .runKey("k").enableCaching(enableCaching).build()).pipelineJob().getPipelineSpec();
    }

    @Test
    void disablingReachesTasksInNestedDags() {
        List<Struct> tasks = tasks(spec(false));
        assertEquals(4, tasks.size());
        for (Struct t : tasks) {
            assertFalse(t.getFieldsOrThrow("cachingOptions").getStructValue().getFieldsOrThrow("enableCache").getBoolValue(), t.toString());
        }
    }

    @Test
    void enablingSetsEveryTaskAndReplacesItsCachingOptionsAsThePythonSdkDoes() {
        List<Struct> tasks = tasks(spec(true));
        assertEquals(4, tasks.size());
        for (Struct t : tasks) {
            assertTrue(t.getFieldsOrThrow("cachingOptions").getStructValue().getFieldsOrThrow("enableCache").getBoolValue(), t.toString());
        }
        Struct leafB = TaskCachingOverride.apply(NESTED.pipelineSpec(), false).getFieldsOrThrow("components").getStructValue()
                .getFieldsOrThrow("comp-inner").getStructValue().getFieldsOrThrow("dag").getStructValue()
                .getFieldsOrThrow("tasks").getStructValue().getFieldsOrThrow("leaf-b").getStructValue();
        // aiplatform's _set_enable_caching_value: task["cachingOptions"] = {"enableCache": enable_caching}.
        assertEquals(Struct.newBuilder().putFields("enableCache", com.google.protobuf.Value.newBuilder().setBoolValue(false).build()).build(),
                leafB.getFieldsOrThrow("cachingOptions").getStructValue());
    }

    @Test
    void nullLeavesTheSpecAsCompiled() {
        assertSame(NESTED.pipelineSpec(), spec(null));
        long withOptions = tasks(NESTED.pipelineSpec()).stream().filter(t -> t.containsFields("cachingOptions")).count();
        assertEquals(2, withOptions);
    }

    @Test
    void kfpSampleWithNestedPipelines() throws Exception {
        var dir = TestFiles.kfpSamples();
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.isPresent(), TestFiles.samplesMissingMessage());
        try (var loader = io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateLoader.builder().baseDirectory(dir.get()).build()) {
            Struct spec = TaskCachingOverride.apply(loader.load("pipeline_in_pipeline.yaml").pipelineSpec(), false);
            List<Struct> tasks = tasks(spec);
            assertTrue(tasks.size() > 3, "tasks: " + tasks.size());
            tasks.forEach(t -> assertFalse(t.getFieldsOrThrow("cachingOptions").getStructValue().getFieldsOrThrow("enableCache").getBoolValue()));
        }
    }
}
