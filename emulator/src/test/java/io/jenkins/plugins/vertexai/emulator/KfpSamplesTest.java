package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Pipelines.create;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.get;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.job;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.onResource;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.state;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.tasks;
import static io.jenkins.plugins.vertexai.emulator.Requests.assertStatus;
import static io.jenkins.plugins.vertexai.emulator.Requests.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail.TaskResourceUnavailableTimeoutBehavior;
import com.google.cloud.aiplatform.v1beta1.PipelineState;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail.State;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real compiled KFP samples (read from ../shared/kfp-samples beside the repository) through the emulator. */
class KfpSamplesTest {
    private Loopback loop;

    @BeforeEach
    void start() {
        loop = Loopback.frozen();
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    private PipelineJob run(String id, PipelineJob job) {
        loop.pipelines().createPipelineJob(create(id, job));
        loop.emulator.clock().advance(Duration.ofHours(2));
        return get(loop, id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello_world.yaml", "two_step_pipeline.yaml", "two_step_pipeline_containerized.yaml",
            "add_numbers.yaml", "pipeline_with_retry.yaml", "pipeline_with_env.yaml", "component_with_optional_inputs.yaml",
            "pipeline_with_condition.yaml", "pipeline_with_after.yaml", "pipeline_with_metrics_outputs.yaml",
            "lightweight_python_functions_pipeline.yaml", "pipeline_with_loops.yaml", "pipeline_in_pipeline.yaml",
            "nvidia_gpu_scheduling_check.yaml", "pipeline_with_string_machine_fields_pipeline_input.yaml",
            "pipeline_with_importer.yaml", "xgboost_sample_pipeline.yaml", "iris_pipeline_compiled.yaml",
            "long-running.yaml", "preprocess.yaml", "failing-fail_v2.yaml", "failing-pipeline_with_exit_handler.yaml"})
    void validSampleRunsToSuccess(String file) {
        PipelineJob job = job(KfpSamples.load(file));
        Map<String, Value> candidates = Map.of("a", number(1), "b", number(2), "message", text("hi"),
                "input_dict_parameter", Value.newBuilder().setStructValue(Struct.getDefaultInstance()).build(),
                "input_list_parameter", Value.newBuilder().setListValue(ListValue.getDefaultInstance()).build());
        job = job.toBuilder().setRuntimeConfig(job.getRuntimeConfig().toBuilder()
                .putAllParameterValues(requiredOnly(job, candidates))).build();
        PipelineJob done = run("sample", job);
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, done.getState(), () -> file + ": " + done.getError());
        for (PipelineTaskDetail task : done.getJobDetail().getTaskDetailsList()) {
            assertTrue(task.getState() == State.SUCCEEDED || task.getState() == State.NOT_TRIGGERED || task.getState() == State.SKIPPED, () -> file + ": " + task);
        }
    }

    @Test
    void failingSampleFailsWhereScripted() {
        loop.emulator.failTasks("fail", "Task failed: sys.exit(1)");
        PipelineJob done = run("fail-v2", job(KfpSamples.load("failing-fail_v2.yaml")));
        assertEquals(PipelineState.PIPELINE_STATE_FAILED, done.getState());
        assertEquals("The DAG failed because some tasks failed. The failed tasks are: [fail].", done.getError().getMessage());
    }

    @Test
    void exitHandlerSampleRunsItsHandlerAfterTheFailure() {
        loop.emulator.failTasks("fail-op", "Task failed.");
        PipelineJob done = run("exit", job(KfpSamples.load("failing-pipeline_with_exit_handler.yaml")));
        assertEquals(PipelineState.PIPELINE_STATE_FAILED, done.getState());
        assertEquals(State.FAILED, state(done, "exit-handler-1.fail-op"));
        assertEquals(State.SUCCEEDED, state(done, "exit-handler-1.print-op-2"));
        assertEquals(State.FAILED, state(done, "exit-handler-1"));
        assertEquals(State.SUCCEEDED, state(done, "print-op"));
    }

    @Test
    void loopSampleIteratesOverKnownItems() {
        PipelineJob done = run("loops", job(KfpSamples.load("pipeline_with_loops.yaml")));
        Map<String, PipelineTaskDetail> tasks = tasks(done);
        assertEquals(2, count(tasks, "for-loop-1.for-loop-1-iteration-", ".print-text")); // loop_parameter defaults to [a, b]
        assertEquals(1, count(tasks, "for-loop-2.for-loop-2-iteration-", ".print-struct")); // items from an output: once
        assertEquals(2, count(tasks, "for-loop-4.for-loop-4-iteration-", ".print-struct-2")); // raw items
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, done.getState());
    }

    @Test
    void nestedPipelineSampleRunsItsInnerDag() {
        PipelineJob done = run("nested", job(KfpSamples.load("pipeline_in_pipeline.yaml")));
        Map<String, PipelineTaskDetail> tasks = tasks(done);
        assertEquals(tasks.get("inner-pipeline").getTaskId(), tasks.get("inner-pipeline.print-op2").getParentTaskId());
        assertTrue(tasks.get("inner-pipeline.print-op2").getStartTime().getSeconds()
                >= tasks.get("inner-pipeline.print-op1").getEndTime().getSeconds());
    }

    @Test
    void gpuSampleOnCpuOnlyResourceFailsOrFallsBack() {
        String resource = loop.runningResource("cpu-only", pool("e2-standard-4", 2));
        Struct spec = KfpSamples.load("nvidia_gpu_scheduling_check.yaml");
        PipelineJob failed = run("gpu-fail", onResource(job(spec), resource, 60_000, TaskResourceUnavailableTimeoutBehavior.FAIL));
        assertEquals(PipelineState.PIPELINE_STATE_FAILED, failed.getState());
        assertTrue(tasks(failed).get("verify-gpu-scheduled").getError().getMessage().contains("1 × nvidia.com/gpu"));
        PipelineJob fellBack = run("gpu-fallback", onResource(job(spec), resource, 60_000, TaskResourceUnavailableTimeoutBehavior.FALL_BACK_TO_ON_DEMAND));
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, fellBack.getState());
        var job = Pipelines.mainJob(loop, tasks(fellBack).get("verify-gpu-scheduled"));
        assertEquals("", job.getJobSpec().getPersistentResourceId(), "ran on demand");
        assertEquals(60, job.getStartTime().getSeconds() - job.getCreateTime().getSeconds(), "after waiting 60 s");
    }

    @Test
    void machineFieldsFromPipelineInputsAreResolved() {
        PipelineJob done = run("machine", job(KfpSamples.load("pipeline_with_string_machine_fields_pipeline_input.yaml")));
        var machine = Pipelines.mainJob(loop, tasks(done).get("sum-numbers")).getJobSpec().getWorkerPoolSpecs(0).getMachineSpec();
        assertEquals(com.google.cloud.aiplatform.v1beta1.AcceleratorType.NVIDIA_TESLA_P4, machine.getAcceleratorType());
        assertEquals(1, machine.getAcceleratorCount());
    }

    @Test
    void retrySampleUsesItsRetries() {
        loop.emulator.failTasks("add", "ZeroDivisionError");
        PipelineJob done = run("retry", job(KfpSamples.load("pipeline_with_retry.yaml")));
        PipelineTaskDetail add = tasks(done).get("add");
        assertEquals("ZeroDivisionError (after 4 attempts)", add.getError().getMessage());
        assertEquals(120, add.getEndTime().getSeconds() - add.getStartTime().getSeconds());
    }

    @Test
    void invalidSamplesAreRejectedNamingTheField() {
        PipelineJob withoutName = job(KfpSamples.load("invalid-no_name.yaml"));
        PipelineJob misspelled = job(KfpSamples.load("invalid-invalid_yaml.yaml"));
        String noName = assertStatus(Status.Code.INVALID_ARGUMENT, () -> loop.pipelines().createPipelineJob(
                create("no-name", withoutName)));
        assertTrue(noName.contains("pipeline_job.pipeline_spec.pipelineInfo.name: required"), noName);
        String badYaml = assertStatus(Status.Code.INVALID_ARGUMENT, () -> loop.pipelines().createPipelineJob(
                create("bad-yaml", misspelled)));
        assertTrue(badYaml.contains("pipeline_job.pipeline_spec.root.dag.tasks['echo'].componentRef.name: unknown component 'comp-echo'"), badYaml);
    }

    /** The candidates the sample requires (declared without default and not optional). */
    private static Map<String, Value> requiredOnly(PipelineJob job, Map<String, Value> candidates) {
        Struct declared = job.getPipelineSpec().getFieldsOrThrow("root").getStructValue().getFieldsMap()
                .getOrDefault("inputDefinitions", Value.getDefaultInstance()).getStructValue()
                .getFieldsMap().getOrDefault("parameters", Value.getDefaultInstance()).getStructValue();
        Map<String, Value> out = new java.util.HashMap<>();
        candidates.forEach((k, v) -> {
            Value d = declared.getFieldsMap().get(k);
            boolean required = d != null && !d.getStructValue().containsFields("defaultValue")
                    && !d.getStructValue().getFieldsMap().getOrDefault("isOptional", Value.getDefaultInstance()).getBoolValue();
            if (required) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static long count(Map<String, PipelineTaskDetail> tasks, String prefix, String suffix) {
        return tasks.keySet().stream().filter(n -> n.startsWith(prefix) && n.endsWith(suffix)).count();
    }

    private static Value text(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    private static Value number(double d) {
        return Value.newBuilder().setNumberValue(d).build();
    }
}
