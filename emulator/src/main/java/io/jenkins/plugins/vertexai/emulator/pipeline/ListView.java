package io.jenkins.plugins.vertexai.emulator.pipeline;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.protobuf.FieldMask;
import com.google.protobuf.util.FieldMaskUtil;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;

/**
 * A pipeline job as ListPipelineJobs returns it. Without a {@code read_mask}, the whole job but its runtime detail
 * ({@code job_detail}: task details come from GetPipelineJob only); with one, only the fields it names (the Python
 * SDK's simple view asks for e.g. {@code name}, {@code state}, {@code update_time} and {@code job_detail.pipeline_context}),
 * and never {@code job_detail.task_details}. Whether the real list leaves out all of {@code job_detail} or only the
 * task details is not documented; the emulator takes the stricter reading.
 */
final class ListView {
    private final FieldMask mask; // null: no read_mask

    private ListView(FieldMask mask) {
        this.mask = mask;
    }

    static ListView of(FieldMask readMask) {
        if (readMask.getPathsCount() == 0) {
            return new ListView(null);
        }
        for (String path : readMask.getPathsList()) {
            if (!FieldMaskUtil.isValid(PipelineJob.class, FieldMask.newBuilder().addPaths(path).build())) {
                throw FieldViolations.single("read_mask", "'" + path + "' is not a field of PipelineJob (use field names"
                        + " such as name, state, update_time, error, job_detail.pipeline_context)");
            }
        }
        return new ListView(FieldMaskUtil.normalize(readMask));
    }

    PipelineJob render(PipelineJob job) {
        if (mask == null) {
            return job.toBuilder().clearJobDetail().build();
        }
        PipelineJob.Builder out = PipelineJob.newBuilder();
        FieldMaskUtil.merge(mask, job, out);
        if (out.hasJobDetail()) {
            out.getJobDetailBuilder().clearTaskDetails();
        }
        return out.build();
    }
}
