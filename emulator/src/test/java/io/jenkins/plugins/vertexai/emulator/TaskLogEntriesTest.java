package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Pipelines.create;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.get;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.job;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.tasks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.logging.type.LogSeverity;
import com.google.logging.v2.ListLogEntriesRequest;
import com.google.logging.v2.ListLogEntriesResponse;
import com.google.logging.v2.LogEntry;
import com.google.logging.v2.LoggingServiceV2Grpc;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskExecutorDetail.ContainerDetail;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cloud Logging's ListLogEntries over the log lines of simulated task attempts, as the official stubs see them. */
class TaskLogEntriesTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final String PROJECT = "projects/123456789012";
    private Loopback loop;
    private String first;
    private String second;

    @BeforeEach
    void start() {
        loop = new Loopback(VertexAiEmulator.builder().speed(0).simulatedStart(START).taskLog("add", "loading data\nfitting"));
        loop.emulator.failTasks("add", "ZeroDivisionError");
        loop.pipelines().createPipelineJob(create("retry", job(KfpSamples.load("pipeline_with_retry.yaml"))));
        loop.emulator.clock().advance(Duration.ofHours(1));
        ContainerDetail c = tasks(get(loop, "retry")).get("add").getExecutorDetail().getContainerDetail();
        first = id(c.getFailedMainJobs(0));
        second = id(c.getMainJob());
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    private static String id(String customJob) {
        return customJob.substring(customJob.lastIndexOf('/') + 1);
    }

    private LoggingServiceV2Grpc.LoggingServiceV2BlockingStub logging() {
        return LoggingServiceV2Grpc.newBlockingStub(loop.channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static ListLogEntriesRequest.Builder request(String filter) {
        return ListLogEntriesRequest.newBuilder().addResourceNames(PROJECT).setFilter(filter);
    }

    private static String jobs(String... ids) {
        StringBuilder s = new StringBuilder("resource.type=\"ml_job\" AND (");
        for (int i = 0; i < ids.length; i++) {
            s.append(i == 0 ? "" : " OR ").append("resource.labels.job_id=\"").append(ids[i]).append('"');
        }
        return s.append(')').toString();
    }

    private List<LogEntry> all(ListLogEntriesRequest.Builder req) {
        List<LogEntry> out = new ArrayList<>();
        String token = "";
        do {
            ListLogEntriesResponse page = logging().listLogEntries(req.setPageToken(token).build());
            assertTrue(page.getEntriesCount() <= Math.max(req.getPageSize(), 1) || req.getPageSize() == 0);
            out.addAll(page.getEntriesList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return out;
    }

    private static List<String> texts(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::getTextPayload).toList();
    }

    @Test
    void aFailedAttemptLogsItsLinesAndATraceback() {
        List<LogEntry> entries = all(request(jobs(first)));
        List<String> text = texts(entries);
        assertEquals("Waiting for job to be provisioned.", text.get(0));
        assertTrue(text.indexOf("Starting add (attempt 1 of 4)") < text.indexOf("loading data"), text.toString());
        assertTrue(text.indexOf("loading data") < text.indexOf("fitting"), text.toString());
        assertEquals("RuntimeError: ZeroDivisionError", text.get(text.size() - 2));
        assertEquals("The replica workerpool0-0 exited with a non-zero status of 1.", text.get(text.size() - 1));
        LogEntry trace = entries.get(text.indexOf("Traceback (most recent call last):"));
        assertEquals(LogSeverity.ERROR, trace.getSeverity());
        assertEquals("ml_job", trace.getResource().getType());
        assertEquals(first, trace.getResource().getLabelsOrThrow("job_id"));
        assertEquals("workerpool0-0", trace.getResource().getLabelsOrThrow("task_name"));
        assertEquals("projects/123456789012/logs/workerpool0-0", trace.getLogName());
        assertEquals("projects/123456789012/logs/ml.googleapis.com%2F" + first, entries.get(0).getLogName());
        assertTrue(entries.stream().allMatch(e -> e.getResource().getLabelsOrThrow("job_id").equals(first)));
    }

    @Test
    void anOrOfJobsComesInTimestampThenInsertIdOrderOverPagesAndNewestFirstOnRequest() {
        List<LogEntry> oneGo = all(request(jobs(first, second)).setPageSize(1000));
        List<LogEntry> paged = all(request(jobs(first, second)).setPageSize(3));
        assertEquals(oneGo, paged, "pages neither repeat nor skip");
        Comparator<LogEntry> order = Comparator.comparingLong((LogEntry e) -> e.getTimestamp().getSeconds())
                .thenComparingInt(e -> e.getTimestamp().getNanos()).thenComparing(LogEntry::getInsertId);
        assertEquals(oneGo.stream().sorted(order).toList(), oneGo);
        assertTrue(oneGo.stream().anyMatch(e -> e.getResource().getLabelsOrThrow("job_id").equals(second)));
        assertTrue(texts(oneGo).contains("Starting add (attempt 4 of 4)"), texts(oneGo).toString());
        List<LogEntry> newest = all(request(jobs(first, second)).setOrderBy("timestamp desc").setPageSize(4));
        assertEquals(oneGo.stream().sorted(order.reversed()).toList(), newest);
        assertEquals(50, logging().listLogEntries(request(jobs(first, second)).build()).getEntriesCount() == Math.min(50, oneGo.size()) ? 50 : -1,
                "the default page size is 50");
    }

    @Test
    void aTimestampAndInsertIdCursorGivesExactlyTheRest() {
        List<LogEntry> entries = all(request(jobs(first)));
        LogEntry third = entries.get(2);
        String t = Instant.ofEpochSecond(third.getTimestamp().getSeconds(), third.getTimestamp().getNanos()).toString();
        String after = jobs(first) + " AND (timestamp>\"" + t + "\" OR (timestamp=\"" + t + "\" AND insertId>\"" + third.getInsertId() + "\"))";
        assertEquals(entries.subList(3, entries.size()), all(request(after)));
        assertEquals(List.of(), all(request(jobs(first) + " AND severity>=ERROR AND textPayload:\"loading\"")));
        assertEquals(List.of("loading data"), texts(all(request(jobs(first) + " textPayload:\"loading\""))));
    }

    @Test
    void entriesAppearAsTheSimulatedRunGoesOn() {
        Loopback fresh = new Loopback(VertexAiEmulator.builder().speed(0).simulatedStart(START));
        try {
            fresh.pipelines().createPipelineJob(create("later", job(KfpSamples.load("pipeline_with_retry.yaml"))));
            fresh.emulator.clock().advance(Duration.ofSeconds(21));
            String main = tasks(get(fresh, "later")).get("add").getExecutorDetail().getContainerDetail().getMainJob();
            var stub = LoggingServiceV2Grpc.newBlockingStub(fresh.channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            int early = stub.listLogEntries(request(jobs(id(main))).build()).getEntriesCount();
            fresh.emulator.clock().advance(Duration.ofHours(1));
            int late = stub.listLogEntries(request(jobs(id(main))).build()).getEntriesCount();
            assertTrue(early < late, early + " then " + late);
            assertEquals(0, stub.listLogEntries(ListLogEntriesRequest.newBuilder().addResourceNames("projects/another-project")
                    .setFilter(jobs(id(main))).build()).getEntriesCount(), "the job's entries are in its own project only");
        } finally {
            fresh.close();
        }
    }

    @Test
    void badRequestsAreInvalidArgumentNamingTheField() {
        assertInvalid("resource_names", ListLogEntriesRequest.newBuilder().setFilter(jobs(first)).build());
        assertInvalid("page_size", request(jobs(first)).setPageSize(1001).build());
        assertInvalid("order_by", request(jobs(first)).setOrderBy("severity desc").build());
        assertInvalid("filter", request("resource.type=\"ml_job\" AND (").build());
        assertInvalid("filter", request("timestamp>\"yesterday\"").build());
        assertInvalid("page_token", request(jobs(first)).setPageToken("bm9wZQ").build());
        String token = logging().listLogEntries(request(jobs(first)).setPageSize(2).build()).getNextPageToken();
        assertInvalid("page_token", request(jobs(second)).setPageSize(2).setPageToken(token).build());
    }

    private void assertInvalid(String field, ListLogEntriesRequest req) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> logging().listLogEntries(req));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains(field), e.getStatus().getDescription());
    }
}
