package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Pipelines.create;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.get;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.job;
import static io.jenkins.plugins.vertexai.emulator.Requests.assertStatus;
import static io.jenkins.plugins.vertexai.emulator.SpecBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1beta1.ListPipelineJobsRequest;
import com.google.cloud.aiplatform.v1beta1.ListPipelineJobsResponse;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineState;
import com.google.protobuf.FieldMask;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ListPipelineJobs as the watcher uses it: the documented filter grammar, read_mask, order_by, the list view (no task
 * details) and per-method call counts. Four one-task jobs created a second apart; at +50.5 s job-0 has ended (+50 s) and
 * job-1..3 are RUNNING since +21..+23 s (their last update).
 */
class PipelineJobListTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final String LIST = "google.cloud.aiplatform.v1beta1.PipelineService/ListPipelineJobs";
    private Loopback loop;

    @BeforeEach
    void start() {
        loop = new Loopback(VertexAiEmulator.builder().speed(0).simulatedStart(START));
        for (int i = 0; i < 4; i++) {
            PipelineJob j = job(new SpecBuilder("p" + i).root(task("a", "comp-a")).build()).toBuilder()
                    .setDisplayName("run-" + i).putLabels("n", "n" + i).putLabels(i % 2 == 0 ? "even" : "odd", "yes").build();
            loop.pipelines().createPipelineJob(create("job-" + i, j));
            loop.emulator.clock().advance(Duration.ofSeconds(1));
        }
        loop.emulator.clock().advance(Duration.ofMillis(46_500)); // now +50.5 s
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    private ListPipelineJobsResponse page(ListPipelineJobsRequest.Builder b) {
        return loop.pipelines().listPipelineJobs(b.setParent(Loopback.PARENT).build());
    }

    private List<String> ids(String filter, String orderBy) {
        return page(ListPipelineJobsRequest.newBuilder().setFilter(filter).setOrderBy(orderBy)).getPipelineJobsList().stream()
                .map(j -> j.getName().substring(j.getName().lastIndexOf('/') + 1)).toList();
    }

    private static String at(int seconds) {
        return "\"" + START.plusSeconds(seconds) + "\"";
    }

    @Test
    void filterGrammar() {
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, get(loop, "job-0").getState());
        // The watcher's query: changed since a watermark.
        assertEquals(List.of("job-3", "job-2", "job-0"), ids("update_time > " + at(21), ""));
        assertEquals(List.of("job-1"), ids("update_time<=" + at(21) + " AND update_time>=" + at(21), ""));
        assertEquals(List.of("job-0"), ids("end_time >= " + at(0), ""));
        assertEquals(List.of("job-3", "job-2", "job-1"), ids("end_time != " + at(50), ""));
        // OR binds tighter than AND; juxtaposition is AND; parentheses group; NOT and - negate.
        assertEquals(List.of("job-3", "job-0"), ids("state=\"PIPELINE_STATE_SUCCEEDED\" OR (labels.n=\"n3\" create_time>" + at(2) + ")", ""));
        assertEquals(List.of("job-2"), ids("labels.even:* AND NOT labels.n=\"n0\"", ""));
        assertEquals(List.of("job-3", "job-1"), ids("-labels:even", ""));
        assertEquals(List.of("job-2", "job-1"), ids("(display_name:\"run-1\" OR display_name=\"run-2\") AND state!=PIPELINE_STATE_SUCCEEDED", ""));
        assertEquals(List.of("job-1"), ids("pipeline_name=\"p1\"", ""));
        assertEquals(List.of("job-3"), ids("pipeline_job_user_id:\"*-3\"", ""));
        // Refused as the documented grammar refuses them, naming the problem.
        assertTrue(assertStatus(Status.Code.INVALID_ARGUMENT, () -> ids("color=\"red\"", "")).contains("unsupported field 'color'"));
        assertTrue(assertStatus(Status.Code.INVALID_ARGUMENT, () -> ids("state<\"x\"", "")).contains("'<' does not apply to 'state'"));
        assertTrue(assertStatus(Status.Code.INVALID_ARGUMENT, () -> ids("pipeline_name:\"p\"", "")).contains("supports = and != only"));
        assertTrue(assertStatus(Status.Code.INVALID_ARGUMENT, () -> ids("(state=\"A\"", "")).contains("missing ')'"));
        assertTrue(assertStatus(Status.Code.INVALID_ARGUMENT, () -> ids("update_time > \"yesterday\"", "")).contains("RFC 3339"));
    }

    @Test
    void readMaskReturnsOnlyTheNamedFields() {
        FieldMask watch = FieldMask.newBuilder().addPaths("name").addPaths("state").addPaths("update_time").addPaths("error").build();
        List<PipelineJob> jobs = page(ListPipelineJobsRequest.newBuilder().setReadMask(watch)).getPipelineJobsList();
        assertEquals(4, jobs.size());
        for (PipelineJob j : jobs) {
            assertFalse(j.getName().isEmpty());
            assertTrue(j.hasUpdateTime());
            assertFalse(j.hasCreateTime() || j.hasPipelineSpec() || j.hasJobDetail() || j.hasRuntimeConfig(), j.toString());
            assertTrue(j.getLabelsMap().isEmpty() && j.getDisplayName().isEmpty());
        }
        assertEquals(PipelineJob.newBuilder().setName(jobs.get(3).getName()).setState(PipelineState.PIPELINE_STATE_SUCCEEDED)
                .setUpdateTime(get(loop, "job-0").getUpdateTime()).build(), jobs.get(3));
        // The SDK's simple view asks for the run contexts; task details never come from a list.
        PipelineJob withContext = page(ListPipelineJobsRequest.newBuilder().setReadMask(FieldMask.newBuilder()
                .addPaths("job_detail.pipeline_run_context").addPaths("job_detail.task_details"))).getPipelineJobs(0);
        assertTrue(withContext.getJobDetail().hasPipelineRunContext());
        assertEquals(0, withContext.getJobDetail().getTaskDetailsCount());
        assertTrue(assertStatus(Status.Code.INVALID_ARGUMENT, () -> page(ListPipelineJobsRequest.newBuilder()
                .setReadMask(FieldMask.newBuilder().addPaths("colour")))).contains("'colour' is not a field of PipelineJob"));
    }

    @Test
    void theListViewHasNoJobDetailWhileGetHasTheTasks() {
        PipelineJob listed = page(ListPipelineJobsRequest.newBuilder().setFilter("pipeline_job_user_id=\"job-1\"")).getPipelineJobs(0);
        PipelineJob got = get(loop, "job-1");
        assertFalse(listed.hasJobDetail());
        assertTrue(got.getJobDetail().getTaskDetailsCount() > 0);
        assertEquals(got.toBuilder().clearJobDetail().build(), listed);
    }

    @Test
    void orderByTimesAndPagesInThatOrder() {
        assertEquals(List.of("job-0", "job-3", "job-2", "job-1"), ids("", "update_time desc"));
        assertEquals(List.of("job-1", "job-2", "job-3", "job-0"), ids("", "update_time"));
        // Ascending, a job without an end time comes after those with one; ties keep newest first.
        assertEquals(List.of("job-0", "job-3", "job-2", "job-1"), ids("", "end_time"));
        assertEquals(List.of("job-0", "job-1", "job-2", "job-3"), ids("", "end_time, create_time"));
        assertEquals(List.of("job-0", "job-1", "job-2", "job-3"), ids("", "create_time"));
        List<String> paged = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListPipelineJobsResponse p = page(ListPipelineJobsRequest.newBuilder().setOrderBy("update_time desc").setPageSize(3)
                    .setPageToken(token).setReadMask(FieldMask.newBuilder().addPaths("name")));
            p.getPipelineJobsList().forEach(j -> paged.add(j.getName().substring(j.getName().lastIndexOf('/') + 1)));
            token = p.getNextPageToken();
            pages++;
        } while (!token.isEmpty());
        assertEquals(List.of("job-0", "job-3", "job-2", "job-1"), paged);
        assertEquals(2, pages);
        assertTrue(assertStatus(Status.Code.INVALID_ARGUMENT, () -> ids("", "color")).contains("unsupported field 'color'"));
        assertTrue(assertStatus(Status.Code.INVALID_ARGUMENT, () -> ids("", "update_time sideways")).contains("FIELD desc"));
    }

    @Test
    void countsCallsPerMethod() {
        long before = loop.emulator.stats().rpcCount(LIST);
        ids("", "");
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> ids("color=1", ""));
        assertEquals(before + 2, loop.emulator.stats().rpcCount(LIST), "refused calls count too");
    }
}
