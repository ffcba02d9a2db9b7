package io.jenkins.plugins.vertexai.cli;

import java.util.Map;

/** The environment the CLI reads (emulator hosts, default project and region); tests substitute their own. */
final class CliEnvironment {
    private static volatile Map<String, String> override;

    private CliEnvironment() {
    }

    static Map<String, String> get() {
        Map<String, String> o = override;
        return o != null ? o : System.getenv();
    }

    /** For tests: use {@code env} instead of the process's environment until reset with null. */
    static void set(Map<String, String> env) {
        override = env;
    }
}
