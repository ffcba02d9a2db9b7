package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.job.PipelineJobName;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import io.jenkins.plugins.vertexai.core.job.PipelineRunner;
import io.jenkins.plugins.vertexai.core.job.PipelineSubmission;
import io.jenkins.plugins.vertexai.core.job.PipelineWaitOptions;
import io.jenkins.plugins.vertexai.core.job.TaskSummary;
import io.jenkins.plugins.vertexai.core.logs.TaskLogCursor;
import io.jenkins.plugins.vertexai.core.logs.TaskLogMode;
import io.jenkins.plugins.vertexai.core.logs.TaskLogOptions;
import io.jenkins.plugins.vertexai.core.pipeline.PersistentResourceRuntime;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobIds;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequest;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequestFactory;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRunSpec;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateLoader;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpecValidator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vertex-ai pipeline-jobs run|describe|cancel|list|logs}. */
@Command(name = "pipeline-jobs", description = "Run and follow Vertex AI pipeline jobs.", mixinStandardHelpOptions = true,
        subcommands = {PipelineJobsCommand.Run.class, PipelineJobsCommand.Describe.class, PipelineJobsCommand.Cancel.class,
                PipelineJobsCommand.ListCmd.class, PipelineJobsCommand.Logs.class})
final class PipelineJobsCommand {

    static class Common {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection = new ConnectionOptions();

        @Option(names = "--format", defaultValue = "text", description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        int print(PipelineRunResult r) {
            PrintStream out = System.out;
            if (format == OutputFormat.json) {
                out.println(Json.of(r.toMap()));
            } else {
                out.println(r.jobName() + "  " + r.state() + "  (" + r.outcome().name().toLowerCase(Locale.ROOT) + ")");
                r.tasks().forEach(t -> out.println("  " + t.describe()));
                r.metrics().forEach((task, metrics) -> out.println("  metrics of " + task + ": "
                        + PipelineRunResult.formatMetrics(metrics)));
                if (r.error() != null) {
                    out.println("  error: " + r.error());
                }
                out.println("  console: " + r.consoleUrl());
            }
            return r.succeeded() ? 0 : VertexAiCli.EXIT_FAILED;
        }

        /**
         * A job id or full name, checked before any remote call: a bad one is a usage error (exit 2). A full name
         * from another project or region than an explicit --project/--region is refused, not silently followed.
         */
        PipelineJobName jobName(String idOrName) {
            if (idOrName.startsWith("projects/")) {
                PipelineJobName name = PipelineJobName.parse("PIPELINE_JOB", idOrName);
                if (!PipelineJobIds.ID.matcher(name.jobId()).matches()) {
                    throw new ParameterException(spec.commandLine(), "Invalid value for positional parameter PIPELINE_JOB: '"
                            + idOrName + "' has job id '" + name.jobId() + "'; a job id is " + PipelineJobIds.ID_FORM);
                }
                String project = connection.projectFor(idOrName);
                String region = connection.regionFor(idOrName);
                if (project != null && !project.equals(name.project()) || region != null && !region.equals(name.region())) {
                    throw new ParameterException(spec.commandLine(), "PIPELINE_JOB '" + idOrName + "' is in project "
                            + name.project() + ", region " + name.region() + " but --project/--region say " + connection.project()
                            + ", " + connection.region() + "; give the bare job id, or make them match");
                }
                PersistentResourceSpecValidator.validateLocation(name.project(), name.region());
                return name;
            }
            if (!PipelineJobIds.ID.matcher(idOrName).matches()) {
                throw new ParameterException(spec.commandLine(), "Invalid value for positional parameter PIPELINE_JOB: '"
                        + idOrName + "' is neither a job id (" + PipelineJobIds.ID_FORM
                        + ") nor a full name projects/PROJECT/locations/REGION/pipelineJobs/JOB_ID");
            }
            PersistentResourceSpecValidator.validateLocation(connection.project(), connection.region());
            return new PipelineJobName(connection.project(), connection.region(), idOrName);
        }

        ConsoleProgress progress() {
            return ConsoleProgress.forFormat(format);
        }

        PipelineRunner runner(VertexEngine engine, String region) {
            return engine.pipelines(connection.connection(region));
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Submit a compiled pipeline (KFP YAML or PipelineJob JSON) and follow it to the end; exit 0 only when it SUCCEEDED.")
    static final class Run extends Common implements Callable<Integer> {
        @Option(names = "--template", required = true, description = "File path, gs://BUCKET/OBJECT or https:// URL (e.g. Artifact Registry)")
        String template;
        @Option(names = "--pipeline-root", description = "gs:// folder for the run's outputs (default: the spec's defaultPipelineRoot)")
        String pipelineRoot;
        @Option(names = "--parameter", description = "NAME=VALUE, repeatable; typed against the pipeline's inputs")
        Map<String, String> parameters = new LinkedHashMap<>();
        @Option(names = "--input-artifact", description = "NAME=ARTIFACT_ID, repeatable")
        Map<String, String> inputArtifacts = new LinkedHashMap<>();
        @Option(names = "--job-id", description = "Job id; default: derived from --run-key, or from the pipeline name and the time")
        String jobId;
        @Option(names = "--run-key", description = "Derive the job id from this key: the same key never submits a second job")
        String runKey;
        @Option(names = "--display-name", description = "Display name of the job (default: the pipeline's name)")
        String displayName;
        @Option(names = "--labels", split = ",", description = "KEY=VALUE[,KEY=VALUE...]")
        Map<String, String> labels = new LinkedHashMap<>();
        @Option(names = "--service-account", description = "Service account the tasks run as, e.g. runner@my-project.iam.gserviceaccount.com")
        String serviceAccount;
        @Option(names = "--network", description = "VPC network to peer with: projects/PROJECT_NUMBER/global/networks/NAME")
        String network;
        @Option(names = "--reserved-ip-ranges", split = ",", description = "Reserved IP range names in --network, comma-separated")
        List<String> reservedIpRanges = new ArrayList<>();
        @Option(names = "--kms-key", description = "CMEK key in the job's region: projects/P/locations/L/keyRings/R/cryptoKeys/K")
        String kmsKey;
        @Option(names = "--enable-caching", negatable = true, description = "Override every task's caching (default: as the spec says)")
        Boolean enableCaching;
        @Option(names = "--failure-policy", description = "fast or slow")
        String failurePolicy;
        @Option(names = "--persistent-resource-id", description = "Run on this persistent resource (id or full name; v1beta1 default runtime)")
        String persistentResource;
        @Option(names = "--task-resource-unavailable-wait-time-ms", description = "How long a task waits for free capacity: ms, or 10m, 90s")
        String waitTime;
        @Option(names = "--task-resource-unavailable-timeout-behavior", description = "FAIL or FALL_BACK_TO_ON_DEMAND")
        String timeoutBehavior;
        @Option(names = "--no-resource-check", description = "Skip checking that the persistent resource is RUNNING before submitting")
        boolean noResourceCheck;
        @Option(names = "--no-wait", description = "Return once the job is submitted")
        boolean noWait;
        @Option(names = "--timeout", converter = DurationConverter.class, description = "Stop waiting after this long, e.g. 6h")
        Duration timeout;
        @Option(names = "--cancel-on-timeout", description = "Cancel the job when --timeout passes")
        boolean cancelOnTimeout;
        @Option(names = "--cancel-on-interrupt",
                description = "On Ctrl-C or SIGTERM, cancel the job (waiting at most 30s) before exiting; default: leave it running")
        boolean cancelOnInterrupt;
        @Option(names = "--attach-anyway",
                description = "Attach to the job of this --run-key/--job-id even if its parameters, pipeline or resource differ")
        boolean attachAnyway;
        /** The converter refuses zero and negative values, naming this flag (exit 2). */
        @Option(names = "--poll-interval-max", defaultValue = "30s", converter = DurationConverter.class,
                description = "Longest pause between polls, > 0 (default: ${DEFAULT-VALUE})")
        Duration pollMax;
        @Option(names = "--logs", defaultValue = "errors", converter = TaskLogModeConverter.class,
                description = "Task log lines from Cloud Logging in the output: none, errors (a failed task's last 50 lines)"
                        + " or all (default: ${DEFAULT-VALUE})")
        TaskLogMode logs;

        @Override
        public Integer call() throws Exception {
            String project = connection.project();
            String region = connection.region();
            PersistentResourceSpecValidator.validateLocation(project, region);
            VertexConnection conn = connection.connection(region);
            PipelineTemplate tpl;
            try (PipelineTemplateLoader loader = TemplateLoaders.forLocation(template, conn, project, CliEnvironment.get())) {
                tpl = loader.load(template);
            }
            String key = runKey != null || jobId != null ? runKey : tpl.pipelineName() + "@" + System.currentTimeMillis();
            PipelineRunSpec spec = PipelineRunSpec.builder().templateLocation(template).project(project).region(region)
                    .pipelineRoot(pipelineRoot).displayName(displayName).jobId(jobId).runKey(key)
                    .parameterValues(parameters).inputArtifacts(inputArtifacts).enableCaching(enableCaching)
                    .failurePolicy(failurePolicy).labels(labels).serviceAccount(serviceAccount).network(network)
                    .reservedIpRanges(reservedIpRanges).kmsKeyName(kmsKey)
                    .persistentResourceRuntime(new PersistentResourceRuntime(persistentResource, waitTime, timeoutBehavior))
                    .build();
            PipelineJobRequest request = new PipelineJobRequestFactory().create(tpl, spec);
            // Every option is turned into its value before anything is created: a bad one fails here, not after submit.
            PipelineWaitOptions wait = PipelineWaitOptions.DEFAULT
                    .withPolling(PipelineWaitOptions.DEFAULT.polling().withMaxInterval(pollMax).withTimeout(timeout))
                    .withCancelOnTimeout(cancelOnTimeout)
                    .withLogs(TaskLogOptions.DEFAULT.withMode(logs));
            ConsoleProgress progress = progress();
            PipelineJobName name = PipelineJobName.parse("name", request.jobName());
            try (VertexEngine engine = connection.engine()) {
                PipelineRunner runner = engine.pipelines(conn);
                // Installed before the submit: a signal from here on is accounted for, whatever the job's state.
                try (InterruptNotice notice = InterruptNotice.install(name, reattachHint(), cancelOnInterrupt ? runner : null, System.err)) {
                    PipelineRunResult submitted = new PipelineSubmission(engine, conn).submit(request, !noResourceCheck, attachAnyway, progress).join();
                    if (noWait) {
                        if (format == OutputFormat.json) {
                            System.out.println(Json.of(submitted.toMap()));
                        } else {
                            System.out.println(submitted.jobName() + "  " + submitted.state() + "  (submitted)");
                        }
                        return 0;
                    }
                    return print(runner.await(name, wait, progress).join());
                }
            }
        }

        /** How to follow the job again after an interruption: the same command, if it names the same job. */
        private String reattachHint() {
            if (runKey != null) {
                return "run the same command again (same --run-key) to re-attach";
            }
            if (jobId != null) {
                return "run the same command again (same --job-id) to re-attach";
            }
            return "it has no --run-key, so running the command again would submit a new job; follow this one with"
                    + " 'vertex-ai pipeline-jobs describe JOB'";
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "Show a pipeline job and its tasks.")
    static final class Describe extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "PIPELINE_JOB", description = "Job id or full name")
        String job;

        @Override
        public Integer call() {
            PipelineJobName name = jobName(job);
            try (VertexEngine engine = connection.engine()) {
                print(runner(engine, name.region()).describe(name, new ConsoleProgress(System.err)).join());
                return 0;
            }
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a pipeline job and follow it to CANCELLED.")
    static final class Cancel extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "PIPELINE_JOB", description = "Job id or full name")
        String job;
        @Option(names = "--grace", defaultValue = "5m", converter = DurationConverter.class,
                description = "How long to follow it to CANCELLED (default: ${DEFAULT-VALUE})")
        Duration grace;

        @Override
        public Integer call() {
            PipelineJobName name = jobName(job);
            try (VertexEngine engine = connection.engine()) {
                PipelineRunResult r = runner(engine, name.region()).cancel(name, grace, progress()).join();
                print(r);
                return "CANCELLED".equals(r.state()) ? 0 : VertexAiCli.EXIT_FAILED;
            }
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true,
            description = "Print the log lines of a pipeline job's tasks so far, from Cloud Logging (oldest first, prefixed by task).")
    static final class Logs extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "PIPELINE_JOB", description = "Job id or full name")
        String job;
        @Option(names = "--max-lines", defaultValue = "5000", description = "Print at most this many lines, > 0 (default: ${DEFAULT-VALUE})")
        int maxLines;

        @Override
        public Integer call() {
            if (maxLines <= 0) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--max-lines': '" + maxLines
                        + "' is not a positive number of lines");
            }
            PipelineJobName name = jobName(job);
            try (VertexEngine engine = new VertexEngine()) {
                TaskLogCursor shown = runner(engine, name.region()).logs(name, TaskLogOptions.DEFAULT.withMode(TaskLogMode.ALL)
                        .withMaxLines(maxLines), new ConsoleProgress(System.out)).join();
                if (shown.shown() == 0) {
                    System.out.println("no task log lines (yet) for " + name);
                }
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List pipeline jobs of a project in a region.")
    static final class ListCmd extends Common implements Callable<Integer> {
        @Option(names = "--filter", description = "The API's filter, e.g. state=\"PIPELINE_STATE_RUNNING\"")
        String filter;

        @Override
        public Integer call() {
            String project = connection.project();
            String region = connection.region();
            PersistentResourceSpecValidator.validateLocation(project, region);
            try (VertexEngine engine = connection.engine()) {
                List<PipelineRunResult> all = runner(engine, region).list(project, region, filter).join();
                if (format == OutputFormat.json) {
                    System.out.println(Json.of(all.stream().map(PipelineRunResult::toMap).toList()));
                } else if (all.isEmpty()) {
                    System.out.println("no pipeline jobs");
                } else {
                    all.forEach(r -> System.out.println(r.jobName() + "  " + r.state() + "  "
                            + r.tasks().stream().map(TaskSummary::name).toList()));
                }
                return 0;
            }
        }
    }
}
