package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.protobuf.Value;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * How simulated pipeline tasks behave: how long they run, which fail, and which jobs are held in RUNNING. Task
 * patterns fully match the task's name ({@code taskInfo.name}); the most recently added matching rule wins. Rules are
 * read when a job is created, so later changes do not alter jobs already running.
 */
public final class TaskScript {
    private record Rule<T>(Pattern pattern, T value) {
    }

    private volatile Duration defaultDuration;
    private final List<Rule<Duration>> durations = new CopyOnWriteArrayList<>();
    private final List<Rule<String>> failures = new CopyOnWriteArrayList<>();
    private final List<Rule<Duration>> holds = new CopyOnWriteArrayList<>();
    private final List<Rule<Boolean>> pauses = new CopyOnWriteArrayList<>();
    private final List<Rule<Duration[]>> spreadHolds = new CopyOnWriteArrayList<>();
    private final List<Rule<Map.Entry<String, Value>>> outputs = new CopyOnWriteArrayList<>();
    private final List<Rule<String>> logs = new CopyOnWriteArrayList<>();

    public TaskScript(Duration defaultDuration) {
        this.defaultDuration = nonNegative(defaultDuration);
    }

    /** How long every task runs unless a pattern says otherwise. */
    public void defaultDuration(Duration duration) {
        this.defaultDuration = nonNegative(duration);
    }

    /** Tasks whose name matches run for {@code duration}. */
    public void duration(String taskNameRegex, Duration duration) {
        durations.add(new Rule<>(Pattern.compile(taskNameRegex), nonNegative(duration)));
    }

    /** Tasks whose name matches fail with {@code message} at the end of their run (after any retries). */
    public void fail(String taskNameRegex, String message) {
        failures.add(new Rule<>(Pattern.compile(taskNameRegex), message));
    }

    /** Jobs whose id or display name matches stay RUNNING without starting a task for {@code hold}. */
    public void hold(String jobRegex, Duration hold) {
        holds.add(new Rule<>(Pattern.compile(jobRegex), nonNegative(hold)));
    }

    /**
     * Jobs whose id matches are held as by {@link #hold}, each for its own duration in [{@code min}, {@code max}), spread
     * evenly by a hash of the id: many jobs then change state at different times (benchmarks of watchers).
     */
    public void holdSpread(String jobIdRegex, Duration min, Duration max) {
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max must not be below min");
        }
        spreadHolds.add(new Rule<>(Pattern.compile(jobIdRegex), new Duration[] {nonNegative(min), max}));
    }

    /** Jobs whose id or display name matches go PAUSED when they would start running, until cancelled. */
    public void pause(String jobRegex) {
        pauses.add(new Rule<>(Pattern.compile(jobRegex), true));
    }

    /**
     * Tasks whose name matches produce {@code value} for {@code name}: their output parameter of that name, or else a
     * metric of that name in their {@code system.Metrics} output artifacts.
     */
    public void output(String taskNameRegex, String name, Value value) {
        outputs.add(new Rule<>(Pattern.compile(taskNameRegex), Map.entry(name, value)));
    }

    /** Tasks whose name matches also log {@code text} (one log entry per line of it) while they run. */
    public void log(String taskNameRegex, String text) {
        logs.add(new Rule<>(Pattern.compile(taskNameRegex), text));
    }

    /** The scripted log lines of a task, in the order the rules were added. */
    List<String> logsOf(String taskName) {
        List<String> lines = new java.util.ArrayList<>();
        for (Rule<String> rule : logs) {
            if (rule.pattern().matcher(taskName).matches()) {
                lines.addAll(List.of(rule.value().split("\\R", -1)));
            }
        }
        return lines;
    }

    /** The scripted output values of a task, by name (a later rule wins). */
    Map<String, Value> outputsOf(String taskName) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (Rule<Map.Entry<String, Value>> rule : outputs) {
            if (rule.pattern().matcher(taskName).matches()) {
                values.put(rule.value().getKey(), rule.value().getValue());
            }
        }
        return values;
    }

    /** Whether a job, by its id or display name, is scripted to pause. */
    public boolean pauses(String jobId, String displayName) {
        return lastMatch(pauses, jobId).or(() -> lastMatch(pauses, displayName)).orElse(false);
    }

    Duration durationOf(String taskName) {
        return lastMatch(durations, taskName).orElse(defaultDuration);
    }

    Optional<String> failureOf(String taskName) {
        return lastMatch(failures, taskName);
    }

    /** The hold for a job, by its id or display name; zero when none matches. */
    public Duration holdOf(String jobId, String displayName) {
        Optional<Duration[]> spread = lastMatch(spreadHolds, jobId);
        if (spread.isPresent()) {
            long span = spread.get()[1].minus(spread.get()[0]).toMillis();
            // A well-mixed hash of the id (ids often differ only in their last digits), uniform over the span.
            long h = jobId.hashCode() * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
            return spread.get()[0].plusMillis(span == 0 ? 0 : Math.floorMod(h, span));
        }
        return lastMatch(holds, jobId).or(() -> lastMatch(holds, displayName)).orElse(Duration.ZERO);
    }

    private static <T> Optional<T> lastMatch(List<Rule<T>> rules, String name) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule<T> rule = rules.get(i);
            if (rule.pattern().matcher(name).matches()) {
                return Optional.of(rule.value());
            }
        }
        return Optional.empty();
    }

    private static Duration nonNegative(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("a duration must not be negative, got " + d);
        }
        return d;
    }
}
