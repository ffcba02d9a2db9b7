package io.jenkins.plugins.vertexai.core;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import io.grpc.Status;
import io.jenkins.plugins.vertexai.core.async.Futures;
import java.util.Set;

/** Classifies RPC failures and turns them into messages a user can act on. */
public final class VertexErrors {
    private static final Set<StatusCode.Code> TRANSIENT = Set.of(
            StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED, StatusCode.Code.RESOURCE_EXHAUSTED);

    private VertexErrors() {
    }

    /** The status code of an RPC failure, or null when {@code t} is not one. */
    public static StatusCode.Code code(Throwable t) {
        Throwable c = Futures.unwrap(t);
        return c instanceof ApiException e ? e.getStatusCode().getCode() : null;
    }

    public static boolean isTransient(Throwable t) {
        StatusCode.Code c = code(t);
        return c != null && TRANSIENT.contains(c); // Set.of rejects contains(null)
    }

    public static boolean is(Throwable t, StatusCode.Code code) {
        return code(t) == code;
    }

    /** The server's own text, without the "io.grpc.StatusRuntimeException: CODE:" prefix. */
    public static String serverMessage(Throwable t) {
        Throwable c = Futures.unwrap(t);
        Status s = Status.fromThrowable(c);
        if (s.getDescription() != null) {
            return s.getDescription();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    /**
     * Wraps a failure of {@code action} (e.g. "create persistent resource projects/p/…") for the user. A
     * {@link VertexException} or {@link ValidationException} passes through unchanged.
     */
    public static RuntimeException describe(String action, Throwable t) {
        Throwable c = Futures.unwrap(t);
        if (c instanceof VertexException v) {
            return v;
        }
        if (c instanceof ValidationException v) {
            return v;
        }
        StatusCode.Code code = code(c);
        if (code == null) {
            return new VertexException("could not " + action + ": " + c, null, c);
        }
        String hint = hint(code, action);
        return new VertexException("could not " + action + ": " + code + ": " + serverMessage(c)
                + (hint == null ? "" : " (" + hint + ")"), code.name(), c);
    }

    static String hint(StatusCode.Code code, String action) {
        return switch (code) {
            case PERMISSION_DENIED -> action.contains("pipeline job")
                    ? "the caller needs a role with the aiplatform.pipelineJobs.* permissions, such as roles/aiplatform.user, "
                    + "and may need to act as the job's service account (roles/iam.serviceAccountUser); check the credentials and the project"
                    : "the caller needs the role roles/aiplatform.admin, which includes the permission "
                    + "aiplatform.persistentResources.create; check the service account and the project";
            case UNAUTHENTICATED -> "the credentials were refused: check the Jenkins credential or Application Default Credentials";
            case NOT_FOUND -> "check the project, the region and the name";
            case UNAVAILABLE, DEADLINE_EXCEEDED -> "the service did not answer in time; retries were exhausted";
            case RESOURCE_EXHAUSTED -> "quota or rate limit reached; retries were exhausted";
            default -> null;
        };
    }
}
