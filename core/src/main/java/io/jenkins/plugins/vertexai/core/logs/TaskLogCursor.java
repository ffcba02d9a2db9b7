package io.jenkins.plugins.vertexai.core.logs;

import com.google.logging.v2.LogEntry;
import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How far a run's task logs have been shown, small and serializable so that a step can keep it and a resumed step
 * goes on from there: per CustomJob the last entry shown (timestamp plus insert id, the service's order), the lines
 * shown against the cap, and the tasks whose failure tail was shown.
 */
public final class TaskLogCursor implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final TaskLogCursor START = new TaskLogCursor(Map.of(), 0, Set.of());

    /** An entry's place in the order Cloud Logging lists them: timestamp, then insert id. */
    public record Position(long seconds, int nanos, String insertId) implements Serializable, Comparable<Position> {
        private static final long serialVersionUID = 1L;

        static Position of(LogEntry e) {
            return new Position(e.getTimestamp().getSeconds(), e.getTimestamp().getNanos(), e.getInsertId());
        }

        @Override
        public int compareTo(Position o) {
            int c = Long.compare(seconds, o.seconds);
            if (c == 0) {
                c = Integer.compare(nanos, o.nanos);
            }
            return c != 0 ? c : insertId.compareTo(o.insertId);
        }
    }

    private final HashMap<String, Position> byJob;
    private final int shown;
    private final HashSet<String> tailed;

    TaskLogCursor(Map<String, Position> byJob, int shown, Set<String> tailed) {
        this.byJob = new HashMap<>(byJob);
        this.shown = shown;
        this.tailed = new HashSet<>(tailed);
    }

    /** The last entry shown of each CustomJob, by its numeric id. */
    public Map<String, Position> positions() {
        return Collections.unmodifiableMap(byJob);
    }

    /** Lines shown so far (counts against the run's cap). */
    public int shown() {
        return shown;
    }

    /** Tasks whose last lines were shown after they failed. */
    public Set<String> tailed() {
        return Collections.unmodifiableSet(tailed);
    }

    @Override
    public String toString() {
        return "TaskLogCursor{jobs=" + byJob.size() + ", shown=" + shown + ", tailed=" + tailed + "}";
    }
}
