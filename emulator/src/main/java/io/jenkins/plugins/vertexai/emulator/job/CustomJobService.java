package io.jenkins.plugins.vertexai.emulator.job;

import com.google.cloud.aiplatform.v1beta1.CustomJob;
import com.google.cloud.aiplatform.v1beta1.GetCustomJobRequest;
import com.google.cloud.aiplatform.v1beta1.JobServiceGrpc;
import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.vertexai.emulator.clock.SimulatedClock;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;
import io.jenkins.plugins.vertexai.emulator.grpc.LocationName;
import io.jenkins.plugins.vertexai.emulator.grpc.RpcErrors;
import io.jenkins.plugins.vertexai.emulator.grpc.Unary;
import io.jenkins.plugins.vertexai.emulator.pipeline.sim.CustomJobIndex;
import io.jenkins.plugins.vertexai.emulator.project.ProjectNumbers;

/**
 * {@code google.cloud.aiplatform.v1beta1.JobService}, only {@code GetCustomJob}, for the CustomJobs that pipeline tasks
 * run in (named by their task details). The v1beta1 version, as for pipeline jobs; everything else is UNIMPLEMENTED.
 */
public final class CustomJobService extends JobServiceGrpc.JobServiceImplBase {
    private final CustomJobIndex customJobs;
    private final SimulatedClock clock;
    private final ProjectNumbers projects;

    public CustomJobService(CustomJobIndex customJobs, SimulatedClock clock, ProjectNumbers projects) {
        this.customJobs = customJobs;
        this.clock = clock;
        this.projects = projects;
    }

    @Override
    public void getCustomJob(GetCustomJobRequest request, StreamObserver<CustomJob> observer) {
        Unary.respond(observer, () -> {
            String name = request.getName();
            if (LocationName.parseChild("customJobs", name) == null) {
                throw FieldViolations.single("name", "'" + name + "' is not of the form"
                        + " projects/{project}/locations/{location}/customJobs/{custom_job}");
            }
            return customJobs.find(projects.canonical(name), clock::now)
                    .orElseThrow(() -> RpcErrors.notFound("CustomJob " + name + " not found"));
        });
    }
}
