package io.jenkins.plugins.vertexai.core;

import io.jenkins.plugins.vertexai.core.async.Durations;
import java.time.Duration;
import java.time.Instant;

/**
 * Something worth telling the user while a resource or a run is worked on. {@code subject} names what the event
 * is about (a resource, a job, a task); {@code elapsed} counts from the start of the operation.
 */
public record ProgressEvent(Instant at, Kind kind, String subject, String message, Duration elapsed, String link) {
    public enum Kind {
        /** A request was sent or an object found. */
        INFO,
        /** The remote state changed. */
        STATE,
        /** A new progress message from the operation metadata. */
        PROGRESS,
        /** A pipeline task changed state. */
        TASK,
        /** A line of a task's own log (Cloud Logging). */
        LOG,
        /** A transient failure being retried. */
        RETRY,
        /** Something the user should look at, the work goes on. */
        WARNING,
        /** The final outcome. */
        RESULT
    }

    /** A log line: {@code [mm:ss] subject: message}, plus the link when there is one. */
    public String toLogLine() {
        String line = "[" + Durations.clock(elapsed) + "] " + (subject == null ? "" : subject + ": ") + message;
        return link == null ? line : line + " " + link;
    }

    @Override
    public String toString() {
        return toLogLine();
    }
}
