package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Pipelines.create;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.get;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.job;
import static io.jenkins.plugins.vertexai.emulator.SpecBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1beta1.PipelineState;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A running clock: the real instant a job ended, for measuring how late a client notices. */
class PipelineRealTimeTest {

    @Test
    void reportsTheRealInstantAJobEnded() {
        // QUEUED 5 s + PENDING 15 s + one 30 s task = 50 simulated seconds = 100 ms at 500×.
        try (Loopback loop = new Loopback(VertexAiEmulator.builder().speed(500))) {
            var created = loop.pipelines().createPipelineJob(create("timed",
                    job(new SpecBuilder("timed").root(task("a", "comp-a")).build())));
            String name = created.getName();
            Instant createdReal = loop.emulator.clock().realInstantOf(
                    io.jenkins.plugins.vertexai.emulator.grpc.Timestamps.toInstant(created.getCreateTime())).orElseThrow();
            assertTrue(loop.emulator.pipelineJobEndTime(name).isEmpty());
            CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS)).join();

            assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, get(loop, "timed").getState());
            Instant ended = loop.emulator.pipelineJobEndTime(name).orElseThrow();
            long afterCreate = Duration.between(createdReal, ended).toMillis();
            assertTrue(afterCreate >= 99 && afterCreate <= 101, "ended " + afterCreate + " ms after creation");
            assertTrue(ended.isBefore(Instant.now()));
        }
    }
}
