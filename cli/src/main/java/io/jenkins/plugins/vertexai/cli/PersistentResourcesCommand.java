package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.resource.EnsureOptions;
import io.jenkins.plugins.vertexai.core.resource.IfExists;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceManager;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpecValidator;
import io.jenkins.plugins.vertexai.core.resource.PoolStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vertex-ai persistent-resources create|ensure|describe|list|delete|reboot}. */
@Command(name = "persistent-resources", description = "Manage Vertex AI persistent resources.",
        mixinStandardHelpOptions = true,
        subcommands = {PersistentResourcesCommand.Create.class, PersistentResourcesCommand.Ensure.class,
                PersistentResourcesCommand.Describe.class, PersistentResourcesCommand.ListCmd.class,
                PersistentResourcesCommand.Delete.class, PersistentResourcesCommand.Reboot.class})
final class PersistentResourcesCommand {

    /** Options every subcommand that names one resource shares. */
    static class Target {
        @Mixin
        ConnectionOptions connection = new ConnectionOptions();

        @Option(names = "--format", defaultValue = "text", description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        /** Resolves id/full name, project and region without a remote call. */
        PersistentResourceName name(String id) {
            return PersistentResourceSpecValidator.resolveName(id, connection.projectFor(id), connection.regionFor(id));
        }

        ConsoleProgress progress() {
            return ConsoleProgress.forFormat(format);
        }

        int print(PersistentResourceResult r) {
            PrintStream out = System.out;
            if (format == OutputFormat.json) {
                out.println(Json.of(r.toMap()));
            } else {
                out.println(r.name() + "  " + r.state() + "  (" + r.outcome().name().toLowerCase(java.util.Locale.ROOT) + ")");
                r.pools().forEach(p -> out.println("  " + p.describe()));
                if (r.error() != null) {
                    out.println("  error: " + r.error());
                }
                if (!PersistentResourceResult.GONE.equals(r.state())) { // no page to show for what does not exist
                    out.println("  console: " + r.consoleUrl());
                }
            }
            return 0;
        }

        PersistentResourceManager manager(VertexEngine engine, PersistentResourceName name) {
            return engine.persistentResources(connection.connection(name.region()));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a persistent resource and wait until it is RUNNING.")
    static final class Create extends Target implements Callable<Integer> {
        @Option(names = "--persistent-resource-id", required = true, description = "Id, or full name projects/P/locations/L/persistentResources/ID")
        String id;
        @Mixin
        ResourceSpecOptions spec = new ResourceSpecOptions();
        @Mixin
        WaitOptions wait = new WaitOptions();
        @Option(names = "--keep-failed", description = "Keep the resource when provisioning ends in ERROR (default: delete what this call created)")
        boolean keepFailed;

        @Override
        public Integer call() {
            PersistentResourceSpec s = spec.spec(id, connection.projectFor(id), connection.regionFor(id));
            PersistentResourceName name = PersistentResourceSpecValidator.validate(s);
            EnsureOptions options = wait.options(IfExists.FAIL);
            try (VertexEngine engine = connection.engine()) {
                return print(manager(engine, name).create(s, options, progress(), keepFailed).join());
            }
        }
    }

    @Command(name = "ensure", mixinStandardHelpOptions = true,
            description = "Create the resource unless it exists; with --if-exists reuse (default), fail or recreate.")
    static final class Ensure extends Target implements Callable<Integer> {
        @Option(names = "--persistent-resource-id", required = true, description = "Id, or full name projects/P/locations/L/persistentResources/ID")
        String id;
        @Option(names = "--if-exists", defaultValue = "reuse",
                description = "reuse, fail or recreate an existing resource (default: ${DEFAULT-VALUE}); one in ERROR is recreated unless fail")
        String ifExists;
        @Mixin
        ResourceSpecOptions spec = new ResourceSpecOptions();
        @Mixin
        WaitOptions wait = new WaitOptions();

        @Override
        public Integer call() {
            IfExists policy = IfExists.parse("--if-exists", ifExists);
            PersistentResourceSpec s = spec.spec(id, connection.projectFor(id), connection.regionFor(id));
            PersistentResourceName name = PersistentResourceSpecValidator.validate(s);
            EnsureOptions options = wait.options(policy);
            try (VertexEngine engine = connection.engine()) {
                return print(manager(engine, name).ensure(s, options, progress()).join());
            }
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "Show a persistent resource.")
    static final class Describe extends Target implements Callable<Integer> {
        @Parameters(paramLabel = "PERSISTENT_RESOURCE", description = "Id or full name")
        String id;

        @Override
        public Integer call() {
            PersistentResourceName name = name(id);
            try (VertexEngine engine = connection.engine()) {
                return print(manager(engine, name).describe(name).join());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the persistent resources of a project in a region.")
    static final class ListCmd extends Target implements Callable<Integer> {
        @Override
        public Integer call() {
            String project = connection.project();
            String region = connection.region();
            PersistentResourceSpecValidator.validateLocation(project, region);
            String parent = "projects/" + project + "/locations/" + region;
            try (VertexEngine engine = connection.engine()) {
                List<PersistentResourceResult> all = engine.persistentResources(connection.connection(region)).list(project, region).join();
                if (format == OutputFormat.json) {
                    System.out.println(Json.of(all.stream().map(PersistentResourceResult::toMap).toList()));
                } else if (all.isEmpty()) {
                    System.out.println("no persistent resources in " + parent);
                } else {
                    all.forEach(r -> System.out.println(r.name() + "  " + r.state() + "  "
                            + r.pools().stream().map(PoolStatus::describe).reduce((a, b) -> a + "; " + b).orElse("")));
                }
                return 0;
            }
        }
    }

    /** An operation on one named resource that may be waited for (delete, reboot). */
    abstract static class WaitedOperation extends Target implements Callable<Integer> {
        @Parameters(paramLabel = "PERSISTENT_RESOURCE", description = "Id or full name")
        String id;
        @Mixin
        WaitOptions wait = new WaitOptions();

        abstract CompletableFuture<PersistentResourceResult> run(PersistentResourceManager manager, PersistentResourceName name,
                                                                 EnsureOptions options, ConsoleProgress progress);

        @Override
        public Integer call() {
            PersistentResourceName name = name(id);
            try (VertexEngine engine = connection.engine()) {
                return print(run(manager(engine, name), name, wait.options(IfExists.REUSE), progress()).join());
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a persistent resource (absent is fine).")
    static final class Delete extends WaitedOperation {
        @Override
        CompletableFuture<PersistentResourceResult> run(PersistentResourceManager m, PersistentResourceName name, EnsureOptions o, ConsoleProgress p) {
            return m.delete(name, o, p);
        }
    }

    @Command(name = "reboot", mixinStandardHelpOptions = true, description = "Reboot a RUNNING persistent resource.")
    static final class Reboot extends WaitedOperation {
        @Override
        CompletableFuture<PersistentResourceResult> run(PersistentResourceManager m, PersistentResourceName name, EnsureOptions o, ConsoleProgress p) {
            return m.reboot(name, o, p);
        }
    }
}
