package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceManager;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import java.util.concurrent.CompletableFuture;

/**
 * Checks, before a pipeline job is submitted, that the persistent resource it names can take it, as the service
 * (and the emulator) do at submission: it exists, is RUNNING or REBOOTING (then the tasks wait for it, up to the
 * run's wait time), lets jobs use a custom service account, and has the job's network and CMEK key.
 */
public final class PersistentResourcePreflight {
    private PersistentResourcePreflight() {
    }

    public static CompletableFuture<PersistentResourceResult> check(PersistentResourceManager resources, PersistentResourceName name) {
        return check(resources, name, null);
    }

    /** As {@link #check(PersistentResourceManager, PersistentResourceName)}, and that {@code job} fits the resource. */
    public static CompletableFuture<PersistentResourceResult> check(PersistentResourceManager resources, PersistentResourceName name,
                                                                    PipelineJob job) {
        return resources.describe(name).exceptionallyCompose(t -> {
            if (VertexErrors.is(t, com.google.api.gax.rpc.StatusCode.Code.NOT_FOUND)
                    || (Futures.unwrap(t) instanceof VertexException v && "NOT_FOUND".equals(v.code()))) {
                return Futures.failed(new VertexException("persistent resource " + name + " does not exist: create it first "
                        + "(vertexPersistentResource / persistent-resources create) or check the project and region", "NOT_FOUND", t));
            }
            return Futures.failed(t);
        }).thenApply(r -> {
            if (!"RUNNING".equals(r.state()) && !"REBOOTING".equals(r.state())) {
                throw new VertexException("persistent resource " + name + " is " + r.state()
                        + ", not RUNNING (or REBOOTING): a pipeline run cannot be placed on it" + (r.error() == null ? "" : " (" + r.error() + ")"),
                        "FAILED_PRECONDITION", null);
            }
            if (!r.customServiceAccount()) {
                throw new VertexException("persistent resource " + name + " was created without enable_custom_service_account; "
                        + "pipeline runs need it: recreate it with enableCustomServiceAccount true", "FAILED_PRECONDITION", null);
            }
            if (job != null) {
                ResourceCompatibility.mismatch(job, r).ifPresent(why -> {
                    throw new VertexException("the pipeline job does not fit persistent resource " + name + ": " + why
                            + "; Vertex AI rejects a job whose network and CMEK key differ from its persistent resource's",
                            "FAILED_PRECONDITION", null);
                });
            }
            return r;
        });
    }
}
