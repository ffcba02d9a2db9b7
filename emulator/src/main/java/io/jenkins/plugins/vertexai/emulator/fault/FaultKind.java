package io.jenkins.plugins.vertexai.emulator.fault;

/** A transport-level failure the emulator can inject into a call. */
public enum FaultKind {
    /** Rejected before the method runs, as from an overloaded or restarting server. */
    UNAVAILABLE,
    /** Rejected before the method runs, as if the call had timed out. */
    DEADLINE_EXCEEDED,
    /** Rejected before the method runs, as from quota or rate limiting. */
    RESOURCE_EXHAUSTED,
    /**
     * The method runs and its change is kept, but the client receives UNAVAILABLE instead of the response: the case
     * that makes blind retries of non-idempotent calls dangerous (a retried create then meets ALREADY_EXISTS).
     */
    APPLIED_THEN_UNAVAILABLE
}
