package io.jenkins.plugins.vertexai.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Samples the live threads every few milliseconds on a daemon thread of its own, and keeps the peak. It counts the
 * threads the waiters can be charged with: every live Java thread except itself, the JVM's own (thread group
 * {@code system} and the JDK's innocuous group: JIT compiler threads come and go with load) and the in-process
 * emulator's server-side threads ({@link #isEmulatorThread}). A raw {@link ThreadMXBean#getThreadCount()} peak is
 * kept too, for the record.
 */
final class ThreadSampler implements AutoCloseable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Thread sampler;
    private final long periodNanos;
    private volatile boolean running = true;
    private volatile int peak;
    private volatile int rawPeak;
    private volatile Map<String, Integer> atPeak = Map.of();
    private volatile long samples;

    private ThreadSampler(Duration period) {
        this.periodNanos = period.toNanos();
        this.sampler = new Thread(this::loop, "bench-thread-sampler");
        sampler.setDaemon(true);
    }

    /** Starts sampling at once; the first sample is taken before this returns. */
    static ThreadSampler start(Duration period) {
        ThreadSampler s = new ThreadSampler(period);
        s.sample();
        s.sampler.start();
        return s;
    }

    private void loop() {
        while (running) {
            sample();
            try {
                TimeUnit.NANOSECONDS.sleep(periodNanos);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        int raw = THREADS.getThreadCount();
        Thread[] all = snapshot();
        int n = 0;
        for (Thread t : all) {
            if (t != null && counted(t, sampler)) {
                n++;
            }
        }
        samples++;
        if (raw > rawPeak) {
            rawPeak = raw;
        }
        if (n > peak) {
            peak = n;
            atPeak = histogram(all, sampler);
        }
    }

    /** Peak of counted threads since the start. */
    int peak() {
        return peak;
    }

    /** Peak of {@link ThreadMXBean#getThreadCount()} (all live Java threads) since the start. */
    int rawPeak() {
        return rawPeak;
    }

    /** Counted threads by name (digits folded) at the peak. */
    Map<String, Integer> namesAtPeak() {
        return atPeak;
    }

    long samples() {
        return samples;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counted threads now (same rule as the sampler). */
    static int countNow() {
        int n = 0;
        for (Thread t : snapshot()) {
            if (t != null && counted(t, null)) {
                n++;
            }
        }
        return n;
    }

    static int rawNow() {
        return THREADS.getThreadCount();
    }

    static Map<String, Integer> histogramNow() {
        return histogram(snapshot(), null);
    }

    private static Thread[] snapshot() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 64];
        int n = root.enumerate(all, true);
        while (n == all.length) { // grew meanwhile
            all = new Thread[all.length * 2];
            n = root.enumerate(all, true);
        }
        return all;
    }

    private static boolean counted(Thread t, Thread self) {
        if (t == self || !t.isAlive()) {
            return false;
        }
        ThreadGroup g = t.getThreadGroup();
        if (g == null || g.getParent() == null || "InnocuousThreadGroup".equals(g.getName())) {
            return false; // terminated, or one of the JVM's own
        }
        return !isEmulatorThread(t.getName());
    }

    /**
     * The emulator's server side: its scheduler, and gRPC's default server executor (a cached pool that grows with
     * concurrent calls). The client never runs on the latter: the engine gives its channels their own executor.
     */
    static boolean isEmulatorThread(String name) {
        return name.startsWith("vertex-ai-emulator") || name.startsWith("grpc-default-executor")
                || name.startsWith("grpc-default-boss") || name.startsWith("grpc-nio-boss");
    }

    private static Map<String, Integer> histogram(Thread[] all, Thread self) {
        Map<String, Integer> m = new TreeMap<>();
        for (Thread t : all) {
            if (t != null && counted(t, self)) {
                m.merge(t.getName().replaceAll("\\d+", "N"), 1, Integer::sum);
            }
        }
        return m;
    }
}
