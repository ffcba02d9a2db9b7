package io.jenkins.plugins.vertexai.core.resource;

import io.jenkins.plugins.vertexai.core.async.PollingPolicy;

/**
 * Options of {@code ensure}/{@code create}/{@code delete}/{@code reboot}.
 *
 * @param ifExists what ensure does with an existing resource
 * @param waitForCompletion wait until RUNNING (or gone, for delete); false returns once the request is accepted
 * @param polling  poll intervals and the overall timeout
 */
public record EnsureOptions(IfExists ifExists, boolean waitForCompletion, PollingPolicy polling) {
    public static final EnsureOptions DEFAULT = new EnsureOptions(IfExists.REUSE, true, PollingPolicy.PERSISTENT_RESOURCE);

    public EnsureOptions withIfExists(IfExists v) {
        return new EnsureOptions(v, waitForCompletion, polling);
    }

    public EnsureOptions withWait(boolean v) {
        return new EnsureOptions(ifExists, v, polling);
    }

    public EnsureOptions withPolling(PollingPolicy v) {
        return new EnsureOptions(ifExists, waitForCompletion, v);
    }
}
