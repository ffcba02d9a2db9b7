package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

/**
 * Where a task runs: on a replica of a persistent resource's pool, or on on-demand capacity (the default without a
 * persistent resource, or as a fallback after waiting for one).
 */
record Placement(Kind kind, String persistentResource, String poolId, int replica, ResourceRequest request,
                 String message) {
    enum Kind {
        PERSISTENT_RESOURCE("persistent-resource"),
        ON_DEMAND("on-demand"),
        ON_DEMAND_FALLBACK("on-demand-fallback");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    static Placement onDemand(ResourceRequest request) {
        return new Placement(Kind.ON_DEMAND, null, null, -1, request, "Ran on on-demand capacity");
    }

    static Placement fallback(ResourceRequest request, String persistentResource, String why) {
        return new Placement(Kind.ON_DEMAND_FALLBACK, persistentResource, null, -1, request, why);
    }

    boolean onPersistentResource() {
        return kind == Kind.PERSISTENT_RESOURCE;
    }
}
