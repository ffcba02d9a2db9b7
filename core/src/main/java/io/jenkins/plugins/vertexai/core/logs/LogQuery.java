package io.jenkins.plugins.vertexai.core.logs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Logging query language filters for the entries of CustomJobs ({@code resource.type="ml_job"}, label {@code job_id}),
 * and the Logs Explorer link for them. Every clause is parenthesized: in this language OR binds tighter than AND.
 */
public final class LogQuery {
    private LogQuery() {
    }

    /** The numeric id of a CustomJob from its name {@code projects/P/locations/L/customJobs/ID}. */
    public static String jobId(String customJobName) {
        return customJobName.substring(customJobName.lastIndexOf('/') + 1);
    }

    /** All entries of these jobs. */
    public static String jobs(Collection<String> jobIds) {
        StringJoiner any = new StringJoiner(" OR ", "(", ")");
        jobIds.forEach(id -> any.add("resource.labels.job_id=" + quote(id)));
        return "resource.type=\"ml_job\" AND " + any;
    }

    /** The entries of each job after its position (none: all of its entries), in one query. */
    public static String after(Map<String, TaskLogCursor.Position> jobs) {
        StringJoiner any = new StringJoiner(" OR ", "(", ")");
        jobs.forEach((id, p) -> {
            String job = "resource.labels.job_id=" + quote(id);
            if (p == null) {
                any.add(job);
            } else {
                String t = quote(Instant.ofEpochSecond(p.seconds(), p.nanos()).toString());
                any.add("(" + job + " AND (timestamp>" + t + " OR (timestamp=" + t + " AND insertId>" + quote(p.insertId()) + ")))");
            }
        });
        return "resource.type=\"ml_job\" AND " + any;
    }

    /** The Logs Explorer page for {@code filter} in {@code project}. */
    public static String consoleUrl(String project, String filter) {
        return "https://console.cloud.google.com/logs/query;query="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20")
                + "?project=" + URLEncoder.encode(project, StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
