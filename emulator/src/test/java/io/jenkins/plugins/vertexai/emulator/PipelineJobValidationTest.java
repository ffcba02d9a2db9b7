package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Pipelines.create;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.job;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.onResource;
import static io.jenkins.plugins.vertexai.emulator.Requests.assertStatus;
import static io.jenkins.plugins.vertexai.emulator.SpecBuilder.after;
import static io.jenkins.plugins.vertexai.emulator.SpecBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1.ResourceRuntimeSpec;
import com.google.cloud.aiplatform.v1.ServiceAccountSpec;
import com.google.cloud.aiplatform.v1beta1.CreatePipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail.TaskResourceUnavailableTimeoutBehavior;
import com.google.cloud.aiplatform.v1beta1.PipelineState;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Status;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineJobValidationTest {
    private static Loopback loop;

    @BeforeAll
    static void start() {
        loop = Loopback.frozen();
    }

    @AfterAll
    static void stop() {
        loop.close();
    }

    /** A pipeline with one parameter of each type, all required but the optional one. */
    private static SpecBuilder typed() {
        return new SpecBuilder("typed").root(task("step", "comp-step"))
                .param("s", "STRING", null, false)
                .param("i", "NUMBER_INTEGER", null, false)
                .param("d", "NUMBER_DOUBLE", "0.5", true)
                .param("b", "BOOLEAN", "false", true)
                .param("l", "LIST", "[]", true)
                .param("m", "STRUCT", "{}", true);
    }

    private static PipelineJob typedJob(Value s, Value i) {
        PipelineJob job = job(typed().build());
        return job.toBuilder().setRuntimeConfig(job.getRuntimeConfig().toBuilder()
                .putParameterValues("s", s).putParameterValues("i", i)).build();
    }

    @SuppressWarnings("deprecation") // the deprecated runtime_config.parameters is under test
    static Stream<Arguments> invalidRequests() {
        PipelineJob valid = typedJob(text("x"), number(3));
        return Stream.of(
                bad("parent", r -> r.setParent("projects/demo"), "parent: 'projects/demo' is not of the form"),
                bad("job id", r -> r.setPipelineJobId("Nightly_Run"), "pipeline_job_id: 'Nightly_Run' must be 1 to 128 characters"),
                bad("labels", r -> r.setPipelineJob(valid.toBuilder().putLabels("Team", "x")), "pipeline_job.labels: invalid key 'Team'"),
                bad("no spec", r -> r.setPipelineJob(valid.toBuilder().clearPipelineSpec()), "pipeline_job.pipeline_spec: required"),
                bad("template uri", r -> r.setPipelineJob(valid.toBuilder().clearPipelineSpec().setTemplateUri("https://us-central1-kfp.pkg.dev/p/r/t/v1")),
                        "pipeline_job.pipeline_spec: required: the emulator cannot fetch template_uri"),
                bad("no pipeline name", r -> r.setPipelineJob(valid.toBuilder().setPipelineSpec(
                                SpecBuilder.struct(new SpecBuilder("x").root(task("a", "comp-a")).json().replace("\"pipelineInfo\": {\"name\": \"x\"}", "\"pipelineInfo\": {}")))),
                        "pipeline_job.pipeline_spec.pipelineInfo.name: required"),
                bad("no root", r -> r.setPipelineJob(valid.toBuilder().setPipelineSpec(
                                SpecBuilder.struct("{\"pipelineInfo\": {\"name\": \"x\"}, \"schemaVersion\": \"2.1.0\"}"))),
                        "pipeline_job.pipeline_spec.root: required"),
                bad("no schema version", r -> r.setPipelineJob(valid.toBuilder().setPipelineSpec(
                                SpecBuilder.struct(new SpecBuilder("x").root(task("a", "comp-a")).json().replace("\"schemaVersion\": \"2.1.0\",", "")))),
                        "pipeline_job.pipeline_spec.schemaVersion: required"),
                bad("unknown component", r -> r.setPipelineJob(valid.toBuilder().setPipelineSpec(
                                SpecBuilder.struct(new SpecBuilder("x").root(task("a", "comp-a")).json().replace("\"name\": \"comp-a\"", "\"name\": \"comp-zzz\"")))),
                        "pipeline_job.pipeline_spec.root.dag.tasks['a'].componentRef.name: unknown component 'comp-zzz'"),
                bad("unknown dependency", r -> r.setPipelineJob(valid.toBuilder().setPipelineSpec(
                                new SpecBuilder("x").root(task("a", "comp-a", after("ghost"))).build())),
                        "pipeline_job.pipeline_spec.root.dag.tasks['a'].dependentTasks: unknown task 'ghost' in the same DAG"),
                bad("dependency cycle", r -> r.setPipelineJob(valid.toBuilder().setPipelineSpec(
                                new SpecBuilder("x").root(task("a", "comp-a", after("b")), task("b", "comp-a", after("a"))).build())),
                        "pipeline_job.pipeline_spec.root.dag.tasks: dependency cycle: a -> b -> a"),
                bad("recursive component", r -> r.setPipelineJob(valid.toBuilder().setPipelineSpec(
                                new SpecBuilder("x").root(task("a", "comp-loop")).dag("comp-loop", task("again", "comp-loop")).build())),
                        "pipeline_job.pipeline_spec.components['comp-loop']: refers to itself"),
                bad("unknown parameter", r -> r.setPipelineJob(with(valid, "nope", text("x"))),
                        "pipeline_job.runtime_config.parameter_values['nope']: unknown parameter; pipeline 'typed' takes: s, i, d, b, l, m"),
                bad("string type", r -> r.setPipelineJob(with(valid, "s", number(1))),
                        "pipeline_job.runtime_config.parameter_values['s']: expected STRING, got number 1.0"),
                bad("integer type", r -> r.setPipelineJob(with(valid, "i", number(1.5))),
                        "pipeline_job.runtime_config.parameter_values['i']: expected NUMBER_INTEGER, got number 1.5"),
                bad("double type", r -> r.setPipelineJob(with(valid, "d", text("0.5"))),
                        "pipeline_job.runtime_config.parameter_values['d']: expected NUMBER_DOUBLE, got string \"0.5\""),
                bad("boolean type", r -> r.setPipelineJob(with(valid, "b", text("true"))),
                        "pipeline_job.runtime_config.parameter_values['b']: expected BOOLEAN, got string \"true\""),
                bad("list type", r -> r.setPipelineJob(with(valid, "l", text("[1]"))),
                        "pipeline_job.runtime_config.parameter_values['l']: expected LIST, got string"),
                bad("struct type", r -> r.setPipelineJob(with(valid, "m", Value.newBuilder().setListValue(ListValue.getDefaultInstance()).build())),
                        "pipeline_job.runtime_config.parameter_values['m']: expected STRUCT, got list"),
                bad("required missing", r -> r.setPipelineJob(job(typed().build()).toBuilder().setRuntimeConfig(
                                job(typed().build()).getRuntimeConfig().toBuilder().putParameterValues("s", text("x")))),
                        "pipeline_job.runtime_config.parameter_values['i']: required parameter (NUMBER_INTEGER) is missing: it has no default and is not optional"),
                bad("deprecated parameters with 2.1.0", r -> r.setPipelineJob(valid.toBuilder().setRuntimeConfig(valid.getRuntimeConfig().toBuilder()
                                .putParameters("s", com.google.cloud.aiplatform.v1beta1.Value.newBuilder().setStringValue("x").build()))),
                        "pipeline_job.runtime_config.parameters: deprecated and not accepted with schemaVersion 2.1.0; use runtime_config.parameter_values"),
                bad("parameter_values with 2.0.0", r -> r.setPipelineJob(valid.toBuilder().setPipelineSpec(legacySpec())),
                        "pipeline_job.runtime_config.parameter_values: needs a schemaVersion above 2.0.0"),
                bad("legacy parameter type", r -> r.setPipelineJob(job(legacySpec()).toBuilder().setRuntimeConfig(job(legacySpec()).getRuntimeConfig().toBuilder()
                                .putParameters("n", com.google.cloud.aiplatform.v1beta1.Value.newBuilder().setStringValue("x").build()))),
                        "pipeline_job.runtime_config.parameters['n']: expected INT, got STRING_VALUE"),
                bad("no pipeline root", r -> r.setPipelineJob(valid.toBuilder().setRuntimeConfig(valid.getRuntimeConfig().toBuilder().clearGcsOutputDirectory())),
                        "pipeline_job.runtime_config.gcs_output_directory: gcs_output_directory is empty."),
                // RuntimeConfig.gcs_output_directory is REQUIRED: a spec's defaultPipelineRoot does not stand in for it.
                bad("only a default pipeline root", r -> r.setPipelineJob(PipelineJob.newBuilder().setPipelineSpec(SpecBuilder.struct(
                                new SpecBuilder("rooted").root(task("a", "comp-a")).json().replaceFirst("\\{", "{\"defaultPipelineRoot\": \"gs://b/r\", ")))),
                        "pipeline_job.runtime_config.gcs_output_directory: gcs_output_directory is empty."),
                bad("pipeline root not on GCS", r -> r.setPipelineJob(valid.toBuilder().setRuntimeConfig(valid.getRuntimeConfig().toBuilder().setGcsOutputDirectory("/tmp/root"))),
                        "pipeline_job.runtime_config.gcs_output_directory: '/tmp/root' is not a Cloud Storage URI"),
                bad("malformed resource name", r -> r.setPipelineJob(onResource(valid, "my-resource", 0, TaskResourceUnavailableTimeoutBehavior.FAIL)),
                        "pipeline_job.runtime_config.default_runtime.persistent_resource_runtime_detail.persistent_resource_name: 'my-resource' is not of the form"),
                bad("resource elsewhere", r -> r.setPipelineJob(onResource(valid, "projects/demo/locations/europe-west4/persistentResources/x", 0, TaskResourceUnavailableTimeoutBehavior.FAIL)),
                        "must be in the pipeline job's project and location " + Loopback.PARENT),
                bad("negative wait", r -> r.setPipelineJob(onResource(valid, Requests.resourceName("x"), -1, TaskResourceUnavailableTimeoutBehavior.FAIL)),
                        "persistent_resource_runtime_detail.task_resource_unavailable_wait_time_ms: must not be negative, got -1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void rejectsInvalidRequestNamingTheField(String what, UnaryOperator<CreatePipelineJobRequest.Builder> change, String expected) {
        CreatePipelineJobRequest request = change.apply(create("valid-id", typedJob(text("x"), number(3))).toBuilder()).build();
        String description = assertStatus(Status.Code.INVALID_ARGUMENT, () -> loop.pipelines().createPipelineJob(request));
        assertTrue(description.contains(expected), () -> "description: " + description + "\nexpected: " + expected);
    }

    @Test
    @SuppressWarnings("deprecation")
    void acceptsValidParametersDefaultsAndLegacySchemas() {
        PipelineJob created = loop.pipelines().createPipelineJob(create("typed-ok", typedJob(text("x"), number(3))));
        assertEquals(Pipelines.jobName("typed-ok"), created.getName());
        assertEquals(PipelineState.PIPELINE_STATE_QUEUED, created.getState());
        assertEquals("typed", created.getDisplayName());
        PipelineJob legacy = job(legacySpec()).toBuilder().setRuntimeConfig(job(legacySpec()).getRuntimeConfig().toBuilder()
                .putParameters("n", com.google.cloud.aiplatform.v1beta1.Value.newBuilder().setIntValue(3).build())).build();
        loop.pipelines().createPipelineJob(create("legacy-ok", legacy));
    }

    @Test
    void alreadyExistsAndGeneratedIds() {
        PipelineJob job = typedJob(text("x"), number(3));
        loop.pipelines().createPipelineJob(create("taken", job));
        String message = assertStatus(Status.Code.ALREADY_EXISTS, () -> loop.pipelines().createPipelineJob(create("taken", job)));
        assertEquals("PipelineJob " + Pipelines.jobName("taken") + " already exists", message);
        String a = loop.pipelines().createPipelineJob(create("", job)).getName();
        String b = loop.pipelines().createPipelineJob(create("", job)).getName();
        assertTrue(a.startsWith(Loopback.PARENT + "/pipelineJobs/") && !a.equals(b), a + " " + b);
    }

    @Test
    void defaultRuntimeNeedsARunningResourceWithCustomServiceAccounts() {
        PipelineJob job = typedJob(text("x"), number(3));
        String missing = assertStatus(Status.Code.FAILED_PRECONDITION, () -> loop.pipelines().createPipelineJob(create("on-missing",
                onResource(job, Requests.resourceName("absent"), 0, TaskResourceUnavailableTimeoutBehavior.FAIL))));
        assertEquals("PersistentResource " + Requests.resourceName("absent") + " not found: create it, and wait until it is RUNNING,"
                + " before running pipeline jobs on it", missing);

        loop.resources().createPersistentResource(Requests.create("slow"));
        String provisioning = assertStatus(Status.Code.FAILED_PRECONDITION, () -> loop.pipelines().createPipelineJob(create("on-slow",
                onResource(job, Requests.resourceName("slow"), 0, TaskResourceUnavailableTimeoutBehavior.FAIL))));
        assertEquals("PersistentResource " + Requests.resourceName("slow") + " is PROVISIONING; pipeline jobs can only run on a"
                + " RUNNING (or REBOOTING) persistent resource", provisioning);

        loop.resources().createPersistentResource(Requests.create("no-sa", Requests.resource(Requests.pool("n1-standard-4", 1))
                .toBuilder().setResourceRuntimeSpec(ResourceRuntimeSpec.newBuilder().setServiceAccountSpec(
                        ServiceAccountSpec.newBuilder().setEnableCustomServiceAccount(false))).build()));
        loop.emulator.clock().advance(Duration.ofHours(1));
        String noServiceAccount = assertStatus(Status.Code.FAILED_PRECONDITION, () -> loop.pipelines().createPipelineJob(create("on-no-sa",
                onResource(job, Requests.resourceName("no-sa"), 0, TaskResourceUnavailableTimeoutBehavior.FAIL))));
        assertTrue(noServiceAccount.contains("was created without resource_runtime_spec.service_account_spec.enable_custom_service_account"),
                noServiceAccount);
        loop.pipelines().createPipelineJob(create("on-slow", onResource(job, Requests.resourceName("slow"), 0, TaskResourceUnavailableTimeoutBehavior.FAIL)));
    }

    private static Struct legacySpec() {
        return SpecBuilder.struct(new SpecBuilder("legacy").schemaVersion("2.0.0").root(task("a", "comp-a")).json()
                .replace("\"root\": {\"dag\"", "\"root\": {\"inputDefinitions\": {\"parameters\": {\"n\": {\"type\": \"INT\"}}}, \"dag\""));
    }

    private static PipelineJob with(PipelineJob job, String name, Value value) {
        return job.toBuilder().setRuntimeConfig(job.getRuntimeConfig().toBuilder().putParameterValues(name, value)).build();
    }

    private static Arguments bad(String what, UnaryOperator<CreatePipelineJobRequest.Builder> change, String expected) {
        return Arguments.of(what, change, expected);
    }

    private static Value text(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    private static Value number(double d) {
        return Value.newBuilder().setNumberValue(d).build();
    }
}
