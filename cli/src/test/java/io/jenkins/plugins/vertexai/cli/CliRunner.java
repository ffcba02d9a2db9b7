package io.jenkins.plugins.vertexai.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Runs the real command line in-process and captures what it prints on stdout and stderr. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {
    }

    private CliRunner() {
    }

    static Result run(String... args) {
        return runWithEnv(Map.of(), args);
    }

    /** With {@code env} as the whole environment the CLI sees (no emulator variable unless given). */
    static synchronized Result runWithEnv(Map<String, String> env, String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(errStream);
            CliEnvironment.set(env);
            CommandLine cl = VertexAiCli.commandLine();
            cl.setErr(new PrintWriter(errStream, true));
            int code = cl.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            CliEnvironment.set(null);
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }
}
