package io.jenkins.plugins.vertexai.core.job;

import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceManager;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import java.util.concurrent.CompletableFuture;

/**
 * Checks, before a pipeline job is submitted, that the persistent resource it names can take it: it exists, is
 * RUNNING and lets jobs use a custom service account. The service would fail the job later and less clearly.
 */
public final class PersistentResourcePreflight {
    private PersistentResourcePreflight() {
    }

    public static CompletableFuture<PersistentResourceResult> check(PersistentResourceManager resources, PersistentResourceName name) {
        return resources.describe(name).exceptionallyCompose(t -> {
            if (VertexErrors.is(t, com.google.api.gax.rpc.StatusCode.Code.NOT_FOUND)
                    || (Futures.unwrap(t) instanceof VertexException v && "NOT_FOUND".equals(v.code()))) {
                return Futures.failed(new VertexException("persistent resource " + name + " does not exist: create it first "
                        + "(vertexPersistentResource / persistent-resources create) or check the project and region", "NOT_FOUND", t));
            }
            return Futures.failed(t);
        }).thenApply(r -> {
            if (!"RUNNING".equals(r.state())) {
                throw new VertexException("persistent resource " + name + " is " + r.state()
                        + ", not RUNNING: a pipeline run cannot be placed on it" + (r.error() == null ? "" : " (" + r.error() + ")"),
                        "FAILED_PRECONDITION", null);
            }
            if (!r.customServiceAccount()) {
                throw new VertexException("persistent resource " + name + " was created without enable_custom_service_account; "
                        + "pipeline runs need it: recreate it with enableCustomServiceAccount true", "FAILED_PRECONDITION", null);
            }
            return r;
        });
    }
}
