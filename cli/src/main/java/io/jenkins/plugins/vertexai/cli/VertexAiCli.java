package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.cli.bench.BenchCommand;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.Futures;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vertex-ai}: the engine from a shell, with gcloud's flags. */
@Command(name = "vertex-ai", mixinStandardHelpOptions = true, version = "vertex-ai 0.1.0",
        description = "Vertex AI persistent resources and pipeline runs, as the Jenkins plugin does them.%n"
                + "Set VERTEX_AI_EMULATOR_HOST=host:port to talk to a local emulator.",
        subcommands = {PersistentResourcesCommand.class, PipelineJobsCommand.class, DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class VertexAiCli {
    /** Exit code for bad input, found before any remote call. */
    static final int EXIT_INVALID = 2;
    /** Exit code for a remote failure or an unsuccessful outcome. */
    static final int EXIT_FAILED = 1;

    public static void main(String[] args) {
        // The Google libraries log through SLF4J; without a binding it warns on stderr at start-up.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VertexAiCli());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable c = Futures.unwrap(e);
            PrintWriter err = line.getErr();
            if (c instanceof io.jenkins.plugins.vertexai.core.pipeline.template.TemplateLoadException) {
                err.println("error: template: " + c.getMessage());
                return EXIT_INVALID;
            }
            if (c instanceof ValidationException) {
                err.println("error: invalid input: " + c.getMessage());
                return EXIT_INVALID;
            }
            err.println("error: " + (c instanceof VertexException ? c.getMessage() : c.toString()));
            return EXIT_FAILED;
        });
        return cl;
    }
}
