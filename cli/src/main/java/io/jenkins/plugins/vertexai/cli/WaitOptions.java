package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.resource.EnsureOptions;
import io.jenkins.plugins.vertexai.core.resource.IfExists;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Whether and how long to wait for a persistent-resource operation. */
final class WaitOptions {
    @Option(names = "--no-wait", description = "Return once the request is accepted")
    boolean noWait;

    @Option(names = "--timeout", defaultValue = "60m", converter = DurationConverter.class,
            description = "Overall wait limit, e.g. 90s, 45m, 2h (default: ${DEFAULT-VALUE})")
    Duration timeout;

    EnsureOptions options(IfExists ifExists) {
        return new EnsureOptions(ifExists, !noWait, PollingPolicy.PERSISTENT_RESOURCE.withTimeout(timeout));
    }
}
