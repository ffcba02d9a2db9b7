package io.jenkins.plugins.vertexai.core.logs;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a run shows of its tasks' logs.
 *
 * @param mode      none, the failing tasks' last lines (default), or all lines
 * @param maxLines  at most this many lines per run; a note says when the cap is reached
 * @param tailLines how many last lines of a failed task {@link TaskLogMode#ERRORS} shows
 * @param interval  how often {@link TaskLogMode#ALL} reads new lines (one query for all the run's active jobs)
 * @param resume    where a resumed wait goes on from ({@link TaskLogCursor#START} for a new one)
 * @param onCursor  told the cursor after each read, to keep it with the step (must be quick)
 */
public record TaskLogOptions(TaskLogMode mode, int maxLines, int tailLines, Duration interval, TaskLogCursor resume,
                             Consumer<TaskLogCursor> onCursor) {
    public static final int DEFAULT_MAX_LINES = 5000;
    public static final int DEFAULT_TAIL_LINES = 50;
    public static final TaskLogOptions DEFAULT = new TaskLogOptions(TaskLogMode.ERRORS, DEFAULT_MAX_LINES, DEFAULT_TAIL_LINES,
            Duration.ofSeconds(15), TaskLogCursor.START, c -> { });
    public static final TaskLogOptions NONE = DEFAULT.withMode(TaskLogMode.NONE);

    public TaskLogOptions {
        if (maxLines < 0 || tailLines < 1 || tailLines > 1000) {
            throw new IllegalArgumentException("maxLines must be >= 0 and tailLines within [1, 1000]");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        resume = resume == null ? TaskLogCursor.START : resume;
        onCursor = onCursor == null ? c -> { } : onCursor;
    }

    public TaskLogOptions withMode(TaskLogMode m) {
        return new TaskLogOptions(m, maxLines, tailLines, interval, resume, onCursor);
    }

    public TaskLogOptions withMaxLines(int n) {
        return new TaskLogOptions(mode, n, tailLines, interval, resume, onCursor);
    }

    public TaskLogOptions withInterval(Duration d) {
        return new TaskLogOptions(mode, maxLines, tailLines, d, resume, onCursor);
    }

    /** Goes on from {@code cursor} (null: from the start) and tells {@code listener} each new cursor. */
    public TaskLogOptions withCursor(TaskLogCursor cursor, Consumer<TaskLogCursor> listener) {
        return new TaskLogOptions(mode, maxLines, tailLines, interval, cursor, listener);
    }
}
