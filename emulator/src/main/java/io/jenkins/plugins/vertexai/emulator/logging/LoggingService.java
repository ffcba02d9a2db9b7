package io.jenkins.plugins.vertexai.emulator.logging;

import com.google.logging.v2.ListLogEntriesRequest;
import com.google.logging.v2.ListLogEntriesResponse;
import com.google.logging.v2.LogEntry;
import com.google.logging.v2.LoggingServiceV2Grpc;
import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.vertexai.emulator.clock.SimulatedClock;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;
import io.jenkins.plugins.vertexai.emulator.grpc.Unary;
import io.jenkins.plugins.vertexai.emulator.pipeline.sim.CustomJobIndex;
import io.jenkins.plugins.vertexai.emulator.project.ProjectNumbers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code google.logging.v2.LoggingServiceV2}, only {@code ListLogEntries}, over the log entries of the CustomJobs that
 * simulated pipeline tasks run in (see {@code TaskLogs}): {@code resource_names} of the form {@code projects/P} (id or
 * number), a filter in the subset {@link LogFilter} knows, {@code order_by} {@code "timestamp asc"} (default) or
 * {@code "timestamp desc"} with equal timestamps in {@code insert_id} order, {@code page_size} (default 50, at most
 * 1000) and page tokens. Everything else of the Logging API is UNIMPLEMENTED.
 */
public final class LoggingService extends LoggingServiceV2Grpc.LoggingServiceV2ImplBase {
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final Comparator<LogEntry> ORDER = Comparator
            .comparingLong((LogEntry e) -> e.getTimestamp().getSeconds())
            .thenComparingInt(e -> e.getTimestamp().getNanos())
            .thenComparing(LogEntry::getInsertId);

    private final CustomJobIndex customJobs;
    private final SimulatedClock clock;
    private final ProjectNumbers projects;

    public LoggingService(CustomJobIndex customJobs, SimulatedClock clock, ProjectNumbers projects) {
        this.customJobs = customJobs;
        this.clock = clock;
        this.projects = projects;
    }

    @Override
    public void listLogEntries(ListLogEntriesRequest request, StreamObserver<ListLogEntriesResponse> observer) {
        Unary.respond(observer, () -> list(request));
    }

    private ListLogEntriesResponse list(ListLogEntriesRequest request) {
        List<String> parents = new ArrayList<>(request.getResourceNamesList());
        if (parents.isEmpty()) {
            throw FieldViolations.single("resource_names", "at least one resource name is required, e.g. projects/my-project");
        }
        if (parents.size() > 100) {
            throw FieldViolations.single("resource_names", "at most 100 resource names, got " + parents.size());
        }
        if (request.getFilter().length() > 20_000) {
            throw FieldViolations.single("filter", "the filter is longer than 20,000 characters");
        }
        if (request.getPageSize() < 0 || request.getPageSize() > MAX_PAGE_SIZE) {
            throw FieldViolations.single("page_size", "must be within [0, 1000], got " + request.getPageSize());
        }
        String order = request.getOrderBy().trim().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        boolean descending;
        if (order.isEmpty() || order.equals("timestamp asc") || order.equals("timestamp")) {
            descending = false;
        } else if (order.equals("timestamp desc")) {
            descending = true;
        } else {
            throw FieldViolations.single("order_by", "only \"timestamp asc\" and \"timestamp desc\" are permitted, got \""
                    + request.getOrderBy() + "\"");
        }
        LogFilter filter = LogFilter.parse(request.getFilter());
        Set<String> ids = filter.jobIds() == null ? customJobs.ids() : filter.jobIds();
        List<LogEntry> matching = new ArrayList<>();
        for (String parent : parents) {
            String[] parts = parent.split("/");
            if (parts.length != 2 || !parts[0].equals("projects") || parts[1].isEmpty()) {
                throw FieldViolations.single("resource_names", "'" + parent + "' is not of the form projects/PROJECT_ID"
                        + " (the emulator serves projects only)");
            }
            long number = projects.numberOf(parts[1]);
            String projectId = projects.idOf(parts[1]);
            for (String id : new TreeSet<>(ids)) {
                for (LogEntry e : customJobs.logEntries(id, number, projectId, clock::now)) {
                    if (filter.matches(e)) {
                        matching.add(e);
                    }
                }
            }
        }
        matching.sort(descending ? ORDER.reversed() : ORDER);
        String query = String.join(",", parents) + "|" + request.getFilter() + "|" + descending;
        LogEntry after = request.getPageToken().isEmpty() ? null : decode(request.getPageToken(), query);
        int size = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
        ListLogEntriesResponse.Builder page = ListLogEntriesResponse.newBuilder();
        Comparator<LogEntry> order2 = descending ? ORDER.reversed() : ORDER;
        for (LogEntry e : matching) {
            if (after != null && order2.compare(e, after) <= 0) {
                continue;
            }
            if (page.getEntriesCount() == size) {
                page.setNextPageToken(encode(page.getEntries(size - 1), query));
                break;
            }
            page.addEntries(e);
        }
        return page.build();
    }

    /** A token names the last entry returned (timestamp and insert id), so entries that appear later are not skipped. */
    private static String encode(LogEntry last, String query) {
        String raw = "v1:" + Integer.toHexString(query.hashCode()) + ":" + last.getTimestamp().getSeconds() + ":"
                + last.getTimestamp().getNanos() + ":" + last.getInsertId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static LogEntry decode(String token, String query) {
        try {
            String[] p = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 5);
            if (p.length == 5 && p[0].equals("v1") && p[1].equals(Integer.toHexString(query.hashCode()))) {
                return LogEntry.newBuilder().setTimestamp(com.google.protobuf.Timestamp.newBuilder()
                        .setSeconds(Long.parseLong(p[2])).setNanos(Integer.parseInt(p[3]))).setInsertId(p[4]).build();
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw FieldViolations.single("page_token", "invalid page token, or one from a request with other parameters;"
                + " pass the next_page_token of the previous response with the same resource names, filter and order");
    }
}
