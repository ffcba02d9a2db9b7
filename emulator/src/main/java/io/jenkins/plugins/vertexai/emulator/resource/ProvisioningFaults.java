package io.jenkins.plugins.vertexai.emulator.resource;

import com.google.cloud.aiplatform.v1.AcceleratorType;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.ResourcePool;
import io.grpc.Status;
import io.jenkins.plugins.vertexai.emulator.catalog.MachineCatalog;
import io.jenkins.plugins.vertexai.emulator.catalog.ReplicaCapacity;
import io.jenkins.plugins.vertexai.emulator.grpc.RpcErrors;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Scripted provisioning failures: resources whose id matches a pattern, and accelerators that are out of stock.
 * Consulted when a resource is created, so changing the rules later does not alter resources already provisioning.
 */
public final class ProvisioningFaults {
    private record IdRule(Pattern id, String message) {
    }

    private final List<IdRule> failingIds = new CopyOnWriteArrayList<>();
    private final Set<String> stockOuts = ConcurrentHashMap.newKeySet();
    private final MachineCatalog catalog;

    public ProvisioningFaults(MachineCatalog catalog) {
        this.catalog = catalog;
    }

    /** Resources whose id fully matches {@code idRegex} end in ERROR with {@code message}. */
    public void failProvisioning(String idRegex, String message) {
        failingIds.add(new IdRule(Pattern.compile(idRegex), message));
    }

    /** Resources with a pool needing {@code acceleratorType} (attached or built in) end in ERROR with a stock-out. */
    public void stockOut(String acceleratorType) {
        try {
            AcceleratorType type = AcceleratorType.valueOf(acceleratorType);
            if (type == AcceleratorType.UNRECOGNIZED || type == AcceleratorType.ACCELERATOR_TYPE_UNSPECIFIED) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown accelerator type '" + acceleratorType + "', e.g. NVIDIA_L4", e);
        }
        stockOuts.add(acceleratorType);
    }

    /** The failure this (validated, named) resource will meet, if any; a stock-out wins as it comes first. */
    Optional<ProvisioningFailure> failureFor(String id, PersistentResource resource, String location) {
        for (ResourcePool pool : resource.getResourcePoolsList()) {
            ReplicaCapacity capacity = catalog.capacityOf(pool.getMachineSpec());
            if (capacity.acceleratorType() != null && stockOuts.contains(capacity.acceleratorType())) {
                String message = "Resources are insufficient in region " + location + ": " + capacity.acceleratorType()
                        + " is out of stock (resource pool " + pool.getId() + ", " + pool.getMachineSpec().getMachineType()
                        + "). Try a different region or accelerator, or try again later.";
                return Optional.of(new ProvisioningFailure(RpcErrors.status(Status.Code.RESOURCE_EXHAUSTED, message), true));
            }
        }
        return failingIds.stream()
                .filter(rule -> rule.id().matcher(id).matches())
                .findFirst()
                .map(rule -> new ProvisioningFailure(RpcErrors.status(Status.Code.INTERNAL, rule.message()), false));
    }
}
