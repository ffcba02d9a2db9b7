package io.jenkins.plugins.vertexai.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.cli.VertexAiCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The bench end to end with a tiny N: both modes, with faults; its lines parse and no run is lost or duplicated. */
class BenchCommandTest {
    private static final Pattern MODE_LINE = Pattern.compile("mode=(async|blocking) +runs=\\d+ ok=\\d+ peak_threads=-?\\d+"
            + " heap_mb=-?[\\d.]+ gets_per_run=[\\d.]+ polls_per_interval=[\\d.]+ detect_lag_ms_p50=-?\\d+"
            + " detect_lag_ms_p99=-?\\d+ wall_s=[\\d.]+ duplicates=-?\\d+ lost=\\d+");
    private static final Pattern RATIO_LINE = Pattern.compile("ratio threads_blocking_over_async=[\\d.]+ heap_blocking_over_async=-?[\\d.]+");
    private static final Pattern SUBMIT_LINE = Pattern.compile("submit_p50_ms_cached=[\\d.]+ submit_p50_ms_fresh=[\\d.]+ ratio=[\\d.]+");

    @Test
    @Timeout(60)
    void tinyRunWithFaultsLosesNothing() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new VertexAiCli());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        int code = cl.execute("bench", "--runs", "20", "--mode", "both", "--faults", "--poll-interval", "200ms",
                "--speed", "40", "--submit-samples", "20");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        String text = out.toString();
        assertEquals(0, code, "exit code; stdout:\n" + text + "\nstderr:\n" + err);
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(4, lines.size(), text);
        assertTrue(MODE_LINE.matcher(lines.get(0)).matches(), lines.get(0));
        assertTrue(MODE_LINE.matcher(lines.get(1)).matches(), lines.get(1));
        assertTrue(RATIO_LINE.matcher(lines.get(2)).matches(), lines.get(2));
        assertTrue(SUBMIT_LINE.matcher(lines.get(3)).matches(), lines.get(3));

        Map<String, String> async = fields(lines.get(0));
        Map<String, String> blocking = fields(lines.get(1));
        assertEquals("async", async.get("mode"));
        assertEquals("blocking", blocking.get("mode"));
        for (Map<String, String> m : List.of(async, blocking)) {
            assertEquals("20", m.get("runs"), m.toString());
            assertEquals("20", m.get("ok"), m.toString());
            assertEquals("0", m.get("duplicates"), m.toString());
            assertEquals("0", m.get("lost"), m.toString());
            assertTrue(Double.parseDouble(m.get("gets_per_run")) >= 1, m.toString());
        }
        // A thread per run for the naive waiter; none per run for core's.
        assertTrue(Integer.parseInt(blocking.get("peak_threads")) >= 20, blocking.toString());
        assertTrue(Integer.parseInt(async.get("peak_threads")) <= 8, async.toString());
        System.out.println("bench test took " + took.toMillis() + " ms:\n" + text);
    }

    private static final Pattern WATCH_LINE = Pattern.compile("mode=(watch|poll) +runs=20 calls_per_minute=\\d+ lists_per_minute=[\\d.]+"
            + " gets_per_minute=\\d+ change_gets_per_minute=\\d+ safety_gets_per_minute=\\d+ detect_lag_ms_p50=-?\\d+"
            + " detect_lag_ms_p99=-?\\d+ peak_threads=-?\\d+ heap_mb=-?[\\d.]+ ended=\\d+ ok=\\d+ max_calls_60s=\\d+ budget=(300|none)"
            + " duplicates=\\d+ lost=\\d+");

    @Test
    @Timeout(120)
    void watchAgainstPollWithFaultsLosesNothingAndKeepsTheBudget() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new VertexAiCli());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        // At x20 the 5 s interval is 250 ms real and the budget 300 a simulated minute; 20 runs, 60 simulated seconds.
        int code = cl.execute("bench", "--mode", "compare", "--runs", "20", "--watch-speed", "20", "--window", "60s",
                "--changes-per-minute", "60", "--faults");
        String text = out.toString();
        assertEquals(0, code, "exit code; stdout:\n" + text + "\nstderr:\n" + err);
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(3, lines.size(), text);
        assertTrue(WATCH_LINE.matcher(lines.get(0)).matches(), lines.get(0));
        assertTrue(WATCH_LINE.matcher(lines.get(1)).matches(), lines.get(1));
        assertTrue(lines.get(2).matches("ratio runs=20 calls_poll_over_watch=[\\d.]+"), lines.get(2));
        Map<String, String> watch = fields(lines.get(0));
        Map<String, String> poll = fields(lines.get(1));
        for (Map<String, String> m : List.of(watch, poll)) {
            assertEquals("0", m.get("lost"), m.toString());
            assertEquals("0", m.get("duplicates"), m.toString());
            assertEquals(m.get("ended"), m.get("ok"), m.toString());
        }
        assertTrue(Long.parseLong(watch.get("max_calls_60s")) <= 300, watch.toString());
        assertTrue(Integer.parseInt(watch.get("peak_threads")) <= 8, watch.toString());
        // Polling reads every run every interval; the watcher lists once per interval and reads what changed.
        assertTrue(Double.parseDouble(poll.get("gets_per_minute")) > Double.parseDouble(watch.get("gets_per_minute")), text);
    }

    @Test
    @Timeout(90)
    void logsAllStreamsEveryLineOnceWithoutAThreadPerRun() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new VertexAiCli());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("bench", "--runs", "2", "--mode", "async", "--poll-interval", "200ms", "--speed", "40",
                "--submit-samples", "0", "--logs", "all", "--log-runs", "20", "--log-interval", "500ms");
        String text = out.toString();
        assertEquals(0, code, "exit code; stdout:\n" + text + "\nstderr:\n" + err);
        String line = text.lines().filter(l -> l.startsWith("mode=logs-all")).findFirst().orElseThrow(() -> new AssertionError(text));
        assertTrue(Pattern.compile("mode=logs-all runs=20 ok=20 peak_threads=-?\\d+ log_lines=\\d+ duplicates=0 lost=0 list_calls=\\d+"
                + " list_calls_max_60s=\\d+ quota_per_min=60 wall_s=[\\d.]+").matcher(line).matches(), line);
        Map<String, String> m = fields(line);
        assertEquals(20L * 4 * (20 + 8), Long.parseLong(m.get("log_lines")), "every task's lines, each once");
        assertTrue(Integer.parseInt(m.get("peak_threads")) <= 8, line);
        // One shared query per interval for all twenty runs, not one per run; within Cloud Logging's read quota.
        assertTrue(Long.parseLong(m.get("list_calls_max_60s")) <= 60, line);
        assertTrue(Long.parseLong(m.get("list_calls")) < 20 * 4, "far fewer calls than one per task: " + line);
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : line.trim().split("\\s+")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }
}
