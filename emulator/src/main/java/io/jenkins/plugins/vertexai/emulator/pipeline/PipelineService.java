package io.jenkins.plugins.vertexai.emulator.pipeline;

import com.google.cloud.aiplatform.v1beta1.CancelPipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.CreatePipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.DeletePipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.GetPipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.ListPipelineJobsRequest;
import com.google.cloud.aiplatform.v1beta1.ListPipelineJobsResponse;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineServiceGrpc;
import com.google.cloud.aiplatform.v1beta1.PipelineState;
import com.google.longrunning.Operation;
import com.google.protobuf.Empty;
import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.vertexai.emulator.clock.SimulatedClock;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;
import io.jenkins.plugins.vertexai.emulator.grpc.IdSequence;
import io.jenkins.plugins.vertexai.emulator.grpc.LocationName;
import io.jenkins.plugins.vertexai.emulator.grpc.Paging;
import io.jenkins.plugins.vertexai.emulator.grpc.RpcErrors;
import io.jenkins.plugins.vertexai.emulator.grpc.Unary;
import io.jenkins.plugins.vertexai.emulator.operation.OperationStore;
import io.jenkins.plugins.vertexai.emulator.pipeline.JobOrder.Listed;
import io.jenkins.plugins.vertexai.emulator.pipeline.sim.PipelineRunRequest;
import io.jenkins.plugins.vertexai.emulator.project.ProjectNumbers;
import io.jenkins.plugins.vertexai.emulator.pipeline.sim.PipelineRuns;
import io.jenkins.plugins.vertexai.emulator.resource.PersistentResourceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code google.cloud.aiplatform.v1beta1.PipelineService} for pipeline jobs: create, get, list, cancel and delete.
 * Training pipelines are not served (UNIMPLEMENTED).
 */
public final class PipelineService extends PipelineServiceGrpc.PipelineServiceImplBase {
    static final String COLLECTION = "pipelineJobs";

    private final PipelineJobStore jobs;
    private final PipelineRuns runs;
    private final PipelineJobValidator validator;
    private final OperationStore operations;
    private final SimulatedClock clock;
    private final IdSequence ids;
    private final ProjectNumbers projects;
    private final ListFaults listFaults;

    public PipelineService(PipelineJobStore jobs, PipelineRuns runs, PersistentResourceStore resources,
                           OperationStore operations, SimulatedClock clock, IdSequence ids, ProjectNumbers projects) {
        this(jobs, runs, resources, operations, clock, ids, projects, new ListFaults());
    }

    public PipelineService(PipelineJobStore jobs, PipelineRuns runs, PersistentResourceStore resources,
                           OperationStore operations, SimulatedClock clock, IdSequence ids, ProjectNumbers projects,
                           ListFaults listFaults) {
        this.listFaults = listFaults;
        this.jobs = jobs;
        this.runs = runs;
        this.projects = projects;
        this.validator = new PipelineJobValidator(resources, projects);
        this.operations = operations;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public void createPipelineJob(CreatePipelineJobRequest request, StreamObserver<PipelineJob> observer) {
        Unary.respond(observer, () -> {
            String jobId = request.getPipelineJobId().isEmpty() ? freeGeneratedId(projects.canonical(request.getParent()))
                    : request.getPipelineJobId();
            PipelineRunRequest run = validator.validate(request, jobId, clock.now());
            StoredPipelineJob job = jobs.create(run.jobName(), sequence ->
                    new StoredPipelineJob(run.jobName(), sequence, run.spec().pipelineName(), runs.start(run, clock::now)));
            return job.run().snapshot(clock::now);
        });
    }

    @Override
    public void getPipelineJob(GetPipelineJobRequest request, StreamObserver<PipelineJob> observer) {
        Unary.respond(observer, () -> find(request.getName()).run().snapshot(clock::now));
    }

    @Override
    public void listPipelineJobs(ListPipelineJobsRequest request, StreamObserver<ListPipelineJobsResponse> observer) {
        Unary.respond(observer, () -> {
            String parent = LocationName.parse("parent", projects.canonical(request.getParent())).toString();
            Predicate<JobFilter.Subject> filter = JobFilter.parse(request.getFilter());
            boolean defaultOrder = JobOrder.isDefault(request.getOrderBy());
            var order = defaultOrder ? null : JobOrder.parse(request.getOrderBy());
            ListView view = ListView.of(request.getReadMask());
            List<Listed> matching = new ArrayList<>();
            for (StoredPipelineJob job : jobs.list(parent)) { // newest first
                if (listFaults.hides(job.id())) {
                    continue;
                }
                PipelineJob snapshot = job.run().snapshot(clock::now);
                if (filter.test(new JobFilter.Subject(snapshot, job.pipelineName(), job.id()))) {
                    matching.add(new Listed(job.sequence(), snapshot));
                }
            }
            String query = parent + "|" + request.getFilter() + "|" + request.getOrderBy() + "|" + request.getReadMask().getPathsList();
            Paging.Page<Listed> page;
            int pageSize = listFaults.pageSize(request.getPageSize());
            if (defaultOrder) {
                page = Paging.page(matching, Listed::sequence, true, pageSize, request.getPageToken(), query);
            } else {
                matching.sort(order);
                page = Paging.pageByOffset(matching, pageSize, request.getPageToken(), query);
            }
            return ListPipelineJobsResponse.newBuilder()
                    .addAllPipelineJobs(page.items().stream().map(l -> view.render(l.job())).toList())
                    .setNextPageToken(page.nextPageToken())
                    .build();
        });
    }

    @Override
    public void cancelPipelineJob(CancelPipelineJobRequest request, StreamObserver<Empty> observer) {
        Unary.respond(observer, () -> {
            StoredPipelineJob job = find(request.getName());
            if (!job.run().cancel(clock::now)) {
                throw RpcErrors.failedPrecondition("PipelineJob " + job.name() + " is in state "
                        + job.run().state(clock::now) + " and cannot be cancelled");
            }
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void deletePipelineJob(DeletePipelineJobRequest request, StreamObserver<Operation> observer) {
        Unary.respond(observer, () -> {
            StoredPipelineJob job = find(request.getName());
            PipelineState state = job.run().state(clock::now);
            if (job.run().endTime(clock::now).isEmpty()) {
                throw RpcErrors.failedPrecondition("PipelineJob " + job.name() + " is " + state
                        + "; only a finished pipeline job can be deleted (cancel it first)");
            }
            jobs.delete(job);
            Instant now = clock.now();
            return operations.add(new DeletePipelineJobOperation(operations.newName(job.name()), now)).snapshot(now);
        });
    }

    private StoredPipelineJob find(String name) {
        if (LocationName.parseChild(COLLECTION, name) == null) {
            throw FieldViolations.single("name", "'" + name + "' is not of the form"
                    + " projects/{project}/locations/{location}/pipelineJobs/{pipeline_job}");
        }
        return jobs.find(projects.canonical(name)).orElseThrow(() -> RpcErrors.notFound("PipelineJob " + name + " not found"));
    }

    /** A generated id (numeric, as the service makes them) not in use under {@code parent}. */
    private String freeGeneratedId(String parent) {
        String id;
        do {
            id = Long.toString(ids.next());
        } while (jobs.contains(parent + "/" + COLLECTION + "/" + id));
        return id;
    }
}
