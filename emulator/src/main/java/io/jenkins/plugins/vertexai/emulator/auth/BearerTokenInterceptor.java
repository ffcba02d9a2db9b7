package io.jenkins.plugins.vertexai.emulator.auth;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Optional;

/**
 * What Google's front end does before a Vertex AI method runs: the call must carry {@code authorization: Bearer T}
 * with a token this emulator issued and that has not expired (else UNAUTHENTICATED), and the token's service account
 * must hold the role (else PERMISSION_DENIED naming the permission and the resource, with an {@code ErrorInfo}
 * detail as the real service sends).
 */
final class BearerTokenInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final String MISSING = "Request is missing required authentication credential. Expected OAuth 2 access token, "
            + "login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";
    static final String INVALID = "Request had invalid authentication credentials. Expected OAuth 2 access token, "
            + "login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";

    private final AccessTokens tokens;
    private final ServiceAccounts accounts;

    BearerTokenInterceptor(AccessTokens tokens, ServiceAccounts accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String authorization = headers.get(AUTHORIZATION);
        if (authorization == null) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription(MISSING));
        }
        Optional<ServiceAccounts.Account> account = Optional.empty();
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            account = tokens.accountOf(authorization.substring(7).trim()).flatMap(accounts::find);
        }
        if (account.isEmpty()) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription(INVALID));
        }
        if (account.get().hasRole()) {
            return next.startCall(call, headers);
        }
        // The resource is in the request, so read it before refusing.
        call.request(1);
        return new ServerCall.Listener<>() {
            private boolean closed;

            @Override
            public void onMessage(Q request) {
                if (!closed) {
                    closed = true;
                    StatusRuntimeException e = permissionDenied(call.getMethodDescriptor().getFullMethodName(), request);
                    call.close(e.getStatus(), e.getTrailers() == null ? new Metadata() : e.getTrailers());
                }
            }
        };
    }

    static StatusRuntimeException permissionDenied(String fullMethodName, Object request) {
        String permission = Permissions.permission(fullMethodName);
        String resource = Permissions.resource(request);
        String domain = Permissions.api(fullMethodName) + ".googleapis.com";
        String message = "Permission '" + permission + "' denied on resource '//" + domain + "/" + resource
                + "' (or it may not exist).";
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.PERMISSION_DENIED_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("IAM_PERMISSION_DENIED")
                        .setDomain(domain)
                        .putMetadata("permission", permission)
                        .putMetadata("resource", resource).build()))
                .build());
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
