package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import io.jenkins.plugins.vertexai.core.EmulatorFixture;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequestFactory;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRunSpec;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Submits many copies of the test pipeline under explicit ids and waits for them all through the engine. */
final class WatchedJobs {
    static final String PARENT = "projects/test-project/locations/us-central1";
    static final String GET = "google.cloud.aiplatform.v1beta1.PipelineService/GetPipelineJob";
    static final String LIST = "google.cloud.aiplatform.v1beta1.PipelineService/ListPipelineJobs";

    private WatchedJobs() {
    }

    static PipelineJob job() throws IOException {
        try (InputStream in = WatchedJobs.class.getResourceAsStream("/runner/train-eval.yaml")) {
            return new PipelineJobRequestFactory().create(PipelineTemplateParser.parse(in.readAllBytes(), "train-eval.yaml"),
                    PipelineRunSpec.builder().templateLocation("train-eval.yaml").project("test-project").region("us-central1")
                            .jobId("template").parameter("rows", "250").build()).pipelineJob();
        }
    }

    /** Submits {@code ids} (one at a time, so submissions are not what is measured), then waits for all at once. */
    static List<PipelineRunResult> runAll(EmulatorFixture fx, List<String> ids, PipelineWaitOptions wait) throws IOException {
        PipelineRunner runner = fx.engine.pipelines(fx.connection);
        PipelineJob job = job();
        for (String id : ids) {
            runner.submit(PARENT, id, job, ProgressListener.NONE).join();
        }
        List<CompletableFuture<PipelineRunResult>> waits = new ArrayList<>();
        for (String id : ids) {
            waits.add(runner.await(PipelineJobName.parse("name", PARENT + "/pipelineJobs/" + id), wait, ProgressListener.NONE));
        }
        return waits.stream().map(CompletableFuture::join).toList();
    }

    static List<String> ids(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(prefix + "-" + i);
        }
        return ids;
    }
}
