package io.jenkins.plugins.vertexai.core;

import io.jenkins.plugins.vertexai.core.async.Backoff;
import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.async.RetryPolicy;
import io.jenkins.plugins.vertexai.core.async.WatchSettings;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An emulator on loopback plus an engine talking to it through the unchanged official client. */
public final class EmulatorFixture implements AutoCloseable {
    /** Fast polls: the emulator's clock is compressed. */
    public static final PollingPolicy FAST = new PollingPolicy(new Backoff(Duration.ofMillis(20), 1.5, Duration.ofMillis(100)), Duration.ofSeconds(30));
    public static final RetryPolicy FAST_RETRY = new RetryPolicy(12, new Backoff(Duration.ofMillis(10), 2, Duration.ofMillis(200)), Duration.ofSeconds(10));
    /**
     * Watchers at the pace of {@link #FAST} polls; the overlap is in the emulator's (compressed) server time; no request
     * budget unless a test sets one.
     */
    public static final WatchSettings FAST_WATCH = new WatchSettings(Duration.ofMillis(50), Duration.ofSeconds(1), 2,
            Duration.ofHours(1), 0);

    public final VertexAiEmulator emulator;
    public final VertexEngine engine;
    public final VertexConnection connection;
    public final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

    public EmulatorFixture(VertexAiEmulator.Builder builder) {
        this(builder, FAST_WATCH);
    }

    public EmulatorFixture(VertexAiEmulator.Builder builder, WatchSettings watch) {
        this.emulator = builder.port(0).build().start();
        this.engine = new VertexEngine(FAST_RETRY, watch);
        this.connection = VertexConnection.emulator(emulator.hostPort());
    }

    public static VertexAiEmulator.Builder fastEmulator() {
        return VertexAiEmulator.builder().speed(1200).provisioningTime(Duration.ofMinutes(10))
                .rebootTime(Duration.ofMinutes(10)).deleteTime(Duration.ofMinutes(10)).seed(7); // 0.5 s each: seen by polls on a loaded machine
    }

    public ProgressListener listener() {
        return events::add;
    }

    public boolean logged(ProgressEvent.Kind kind, String text) {
        return events.stream().anyMatch(e -> e.kind() == kind && e.toLogLine().contains(text));
    }

    @Override
    public void close() {
        engine.close();
        emulator.close();
    }
}
