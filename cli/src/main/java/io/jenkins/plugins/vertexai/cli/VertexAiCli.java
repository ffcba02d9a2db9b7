package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.cli.bench.BenchCommand;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.pipeline.template.TemplateLoadException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vertex-ai}: the engine from a shell, with gcloud's flags. */
@Command(name = "vertex-ai", mixinStandardHelpOptions = true, version = "vertex-ai 0.1.0",
        description = "Vertex AI persistent resources and pipeline runs, as the Jenkins plugin does them.%n"
                + "Set VERTEX_AI_EMULATOR_HOST=host:port to talk to a local emulator.%n"
                + "Exit codes: 0 success, 1 a remote failure or a run that did not succeed, 2 invalid input.",
        subcommands = {PersistentResourcesCommand.class, PipelineJobsCommand.class, DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class VertexAiCli {
    /** Exit code for bad input, found before any remote call. */
    static final int EXIT_INVALID = 2;
    /** Exit code for a remote failure or an unsuccessful outcome. */
    static final int EXIT_FAILED = 1;
    /** Wide enough that URLs, names and filters in the help stay on one line. */
    static final int HELP_WIDTH = 120;

    public static void main(String[] args) {
        // The Google libraries log through SLF4J; without a binding it warns on stderr at start-up.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VertexAiCli());
        cl.setUsageHelpWidth(HELP_WIDTH);
        cl.setParameterExceptionHandler(VertexAiCli::usageError);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable c = Futures.unwrap(e);
            PrintWriter err = line.getErr();
            if (c instanceof TemplateLoadException) {
                err.println("error: template: " + c.getMessage());
                return EXIT_INVALID;
            }
            if (c instanceof ValidationException v) {
                err.println("error: invalid input: " + CliVocabulary.problems(v));
                return EXIT_INVALID;
            }
            if (c instanceof CommandLine.ParameterException p) {
                return usageError(p, new String[0]);
            }
            String message = c instanceof VertexException || c instanceof UncheckedIOException ? c.getMessage() : c.toString();
            err.println("error: " + CliVocabulary.text(message));
            return EXIT_FAILED;
        });
        return cl;
    }

    /** A bad flag or value: one line saying what is wrong and where the help is, not the whole usage (exit 2). */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        // Picocli's own message for a map option without '=' says "option option '--labels'".
        err.println("error: " + e.getMessage().replace("option option", "option"));
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            CommandLine.UnmatchedArgumentException.printSuggestions(u, err);
        }
        err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return EXIT_INVALID;
    }
}
