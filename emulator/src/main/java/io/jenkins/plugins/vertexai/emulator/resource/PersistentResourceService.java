package io.jenkins.plugins.vertexai.emulator.resource;

import com.google.cloud.aiplatform.v1.CreatePersistentResourceRequest;
import com.google.cloud.aiplatform.v1.DeletePersistentResourceRequest;
import com.google.cloud.aiplatform.v1.GetPersistentResourceRequest;
import com.google.cloud.aiplatform.v1.ListPersistentResourcesRequest;
import com.google.cloud.aiplatform.v1.ListPersistentResourcesResponse;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.PersistentResourceServiceGrpc;
import com.google.cloud.aiplatform.v1.RebootPersistentResourceRequest;
import com.google.cloud.aiplatform.v1.ResourcePool;
import com.google.longrunning.Operation;
import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.vertexai.emulator.catalog.MachineCatalog;
import io.jenkins.plugins.vertexai.emulator.clock.SimulatedClock;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;
import io.jenkins.plugins.vertexai.emulator.grpc.LocationName;
import io.jenkins.plugins.vertexai.emulator.grpc.Paging;
import io.jenkins.plugins.vertexai.emulator.grpc.RpcErrors;
import io.jenkins.plugins.vertexai.emulator.grpc.Unary;
import io.jenkins.plugins.vertexai.emulator.operation.OperationStore;
import io.jenkins.plugins.vertexai.emulator.operation.OperationWaiters;
import io.jenkins.plugins.vertexai.emulator.project.ProjectNumbers;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** {@code google.cloud.aiplatform.v1.PersistentResourceService}: create, get, list, delete and reboot. */
public final class PersistentResourceService extends PersistentResourceServiceGrpc.PersistentResourceServiceImplBase {
    static final String COLLECTION = "persistentResources";

    private final PersistentResourceStore resources;
    private final OperationStore operations;
    private final OperationWaiters waiters;
    private final SimulatedClock clock;
    private final MachineCatalog catalog;
    private final PersistentResourceValidator validator;
    private final ProvisioningFaults faults;
    private final ResourceTimings timings;
    private final ProjectNumbers projects;

    public PersistentResourceService(PersistentResourceStore resources, OperationStore operations,
                                     OperationWaiters waiters, SimulatedClock clock, MachineCatalog catalog,
                                     ProvisioningFaults faults, ResourceTimings timings, ProjectNumbers projects) {
        this.projects = projects;
        this.resources = resources;
        this.operations = operations;
        this.waiters = waiters;
        this.clock = clock;
        this.catalog = catalog;
        this.validator = new PersistentResourceValidator(catalog);
        this.faults = faults;
        this.timings = timings;
    }

    @Override
    public void createPersistentResource(CreatePersistentResourceRequest request, StreamObserver<Operation> observer) {
        Unary.respond(observer, () -> {
            validator.validate(request);
            // Stored and returned under the project number, whichever form the request used.
            LocationName parent = LocationName.parse("parent", projects.canonical(request.getParent()));
            String name = parent.child(COLLECTION, request.getPersistentResourceId());
            PersistentResource spec = normalize(request.getPersistentResource(), name);
            var failure = faults.failureFor(request.getPersistentResourceId(), spec, parent.location());
            Instant now = clock.now();
            SimulatedResource resource = resources.create(name, now, sequence -> new SimulatedResource(name, sequence,
                    spec, now, new ProvisioningPlan(spec, catalog, now, timings.provisioning()), failure, timings));
            return operations.add(new CreateResourceOperation(operations.newName(name), resource)).snapshot(now);
        });
    }

    @Override
    public void getPersistentResource(GetPersistentResourceRequest request, StreamObserver<PersistentResource> observer) {
        Unary.respond(observer, () -> {
            Instant now = clock.now();
            return find(request.getName(), now).snapshot(now);
        });
    }

    @Override
    public void listPersistentResources(ListPersistentResourcesRequest request,
                                        StreamObserver<ListPersistentResourcesResponse> observer) {
        Unary.respond(observer, () -> {
            String parent = LocationName.parse("parent", projects.canonical(request.getParent())).toString();
            Instant now = clock.now();
            Paging.Page<SimulatedResource> page = Paging.page(resources.list(parent, now), SimulatedResource::sequence,
                    false, request.getPageSize(), request.getPageToken(), parent);
            return ListPersistentResourcesResponse.newBuilder()
                    .addAllPersistentResources(page.items().stream().map(r -> r.snapshot(now)).toList())
                    .setNextPageToken(page.nextPageToken())
                    .build();
        });
    }

    @Override
    public void deletePersistentResource(DeletePersistentResourceRequest request, StreamObserver<Operation> observer) {
        Unary.respond(observer, () -> {
            Instant now = clock.now();
            SimulatedResource resource = find(request.getName(), now);
            Instant goneAt = resource.startDelete(now);
            waiters.recheckAllLater(); // a create still provisioning now ends early
            return operations.add(new DeleteResourceOperation(operations.newName(resource.name()), now, goneAt))
                    .snapshot(now);
        });
    }

    @Override
    public void rebootPersistentResource(RebootPersistentResourceRequest request, StreamObserver<Operation> observer) {
        Unary.respond(observer, () -> {
            Instant now = clock.now();
            SimulatedResource resource = find(request.getName(), now);
            SimulatedResource.Reboot reboot = resource.startReboot(now);
            return operations.add(new RebootResourceOperation(operations.newName(resource.name()), resource, reboot))
                    .snapshot(now);
        });
    }

    private SimulatedResource find(String name, Instant now) {
        if (LocationName.parseChild(COLLECTION, name) == null) {
            throw FieldViolations.single("name", "'" + name + "' is not of the form"
                    + " projects/{project}/locations/{location}/persistentResources/{persistent_resource}");
        }
        return resources.find(projects.canonical(name), now)
                .orElseThrow(() -> RpcErrors.notFound("PersistentResource " + name + " not found"));
    }

    /** The request with its name and pool ids filled in and output-only fields cleared. */
    private static PersistentResource normalize(PersistentResource requested, String name) {
        PersistentResource.Builder b = requested.toBuilder().setName(name)
                .clearState().clearError().clearCreateTime().clearStartTime().clearUpdateTime().clearResourceRuntime();
        Set<String> taken = new HashSet<>();
        requested.getResourcePoolsList().forEach(p -> taken.add(p.getId()));
        int next = 0;
        for (int i = 0; i < b.getResourcePoolsCount(); i++) {
            ResourcePool.Builder pool = b.getResourcePools(i).toBuilder().clearUsedReplicaCount();
            if (pool.getId().isEmpty()) {
                while (taken.contains("pool-" + next)) {
                    next++;
                }
                pool.setId("pool-" + next);
                taken.add(pool.getId());
            }
            b.setResourcePools(i, pool);
        }
        return b.build();
    }
}
