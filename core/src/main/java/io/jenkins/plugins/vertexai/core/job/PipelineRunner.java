package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineServiceClient;
import com.google.cloud.aiplatform.v1beta1.PipelineState;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.AsyncPoller;
import io.jenkins.plugins.vertexai.core.async.AsyncRetry;
import io.jenkins.plugins.vertexai.core.async.Chains;
import io.jenkins.plugins.vertexai.core.async.Backoff;
import io.jenkins.plugins.vertexai.core.async.Durations;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.PollTimeoutException;
import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.async.RequestBudgets;
import io.jenkins.plugins.vertexai.core.async.RetryPolicy;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import com.google.cloud.aiplatform.v1beta1.JobServiceClient;
import io.jenkins.plugins.vertexai.core.logs.TaskLogCursor;
import io.jenkins.plugins.vertexai.core.logs.TaskLogFollower;
import io.jenkins.plugins.vertexai.core.logs.TaskLogMode;
import io.jenkins.plugins.vertexai.core.logs.TaskLogOptions;
import io.jenkins.plugins.vertexai.core.logs.TaskLogService;

/**
 * Submits pipeline jobs (submit-or-attach by a deterministic id), waits on them asynchronously on the shared
 * scheduler, and cancels them. Everything returns futures; no thread is held while a run waits. Waiting again on
 * a job by name ({@link #await}) is how a caller re-attaches after a restart.
 */
public final class PipelineRunner {
    private static final Backoff CANCEL_POLL = new Backoff(Duration.ofSeconds(1), 1.5, Duration.ofSeconds(5));

    private final PipelineServiceClient client;
    private final ScheduledExecutorService scheduler;
    private final RetryPolicy retryPolicy;
    /** The job client for the tasks' CustomJobs (where each ran), made on first use; null: not read. */
    private final Supplier<JobServiceClient> jobs;
    /** Task logs from Cloud Logging; null: not read. */
    private final TaskLogService logging;
    /** A watched wait's "poll": take the watcher's next read of the job, which itself waits for a change. */
    private static final Backoff WATCHED = new Backoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1));

    private final Chains chains;
    private final RequestBudgets budgets; // null: none
    private final PipelineJobWatchers watchers; // null: each wait polls its own job

    /** Outside an engine: no request budget, and each wait polls its own job. */
    public PipelineRunner(PipelineServiceClient client, ScheduledExecutorService scheduler, RetryPolicy retryPolicy) {
        this(client, scheduler, retryPolicy, new Chains());
    }

    /** With the engine's {@link Chains}, so that shutting the engine down ends every operation of this one. */
    public PipelineRunner(PipelineServiceClient client, ScheduledExecutorService scheduler, RetryPolicy retryPolicy, Chains chains) {
        this(client, scheduler, retryPolicy, chains, null);
    }

    /** Also reads the CustomJob of each task to tell where it ran, through {@code jobs} (null: not read). */
    public PipelineRunner(PipelineServiceClient client, ScheduledExecutorService scheduler, RetryPolicy retryPolicy, Chains chains,
                          Supplier<JobServiceClient> jobs) {
        this(client, scheduler, retryPolicy, chains, jobs, null, null, null);
    }

    /**
     * The engine's runner: every call within the (project, region)'s request budget, every wait through the
     * region's watcher (one list per interval for all waits) rather than polling its own job, and the tasks' logs
     * from Cloud Logging through {@code logging} (null: not read), as the wait options say.
     */
    public PipelineRunner(PipelineServiceClient client, ScheduledExecutorService scheduler, RetryPolicy retryPolicy, Chains chains,
                          Supplier<JobServiceClient> jobs, RequestBudgets budgets, PipelineJobWatchers watchers,
                          TaskLogService logging) {
        this.jobs = jobs;
        this.logging = logging;
        this.chains = chains;
        this.client = client;
        this.scheduler = scheduler;
        this.retryPolicy = retryPolicy;
        this.budgets = budgets;
        this.watchers = watchers;
    }

    private PipelineJobRpc rpc(ProgressReporter r) {
        AsyncRetry retry = AsyncRetry.reporting(scheduler, retryPolicy, r, chains);
        return new PipelineJobRpc(client, budgets == null ? retry : retry.withBudgets(budgets));
    }

    /**
     * Creates the job {@code parent/pipelineJobs/jobId}, or attaches to it when it already exists: one run key,
     * one job, however often this is retried or replayed. Completes once the service has accepted the job.
     */
    public CompletableFuture<PipelineRunResult> submit(String parent, String jobId, PipelineJob job, ProgressListener listener) {
        return submit(parent, jobId, job, false, listener);
    }

    /**
     * As above; a job found under the id that differs from {@code job} (parameters, pipeline, persistent resource)
     * fails the submit with the differences, unless {@code attachAnyway}.
     */
    public CompletableFuture<PipelineRunResult> submit(String parent, String jobId, PipelineJob job, boolean attachAnyway,
                                                       ProgressListener listener) {
        PipelineJobName name = PipelineJobName.parse("jobId", parent + "/pipelineJobs/" + jobId);
        ProgressReporter r = reporter(listener, name);
        PipelineJobRpc rpc = rpc(r);
        return rpc.cancellation().boundTo(submit(rpc, r, name, job, attachAnyway));
    }

    private CompletableFuture<PipelineRunResult> submit(PipelineJobRpc rpc, ProgressReporter r, PipelineJobName name, PipelineJob job,
                                                        boolean attachAnyway) {
        r.info("submitting pipeline '" + job.getDisplayName() + "' as " + name);
        return rpc.create(name.parent(), name.jobId(), job).thenApply(s -> {
            if (s.attached()) {
                List<String> diff = AttachCheck.differences(job, s.job());
                if (!diff.isEmpty() && !attachAnyway) {
                    throw new VertexException("a job with this id already exists (the same runKey was used before) but it differs"
                            + " from this request:\n  - " + String.join("\n  - ", diff) + "\nUse another runKey for a new run, or"
                            + " attachAnyway to follow the existing job; console: " + name.consoleUrl(), "ALREADY_EXISTS", null);
                }
                if (!diff.isEmpty()) {
                    r.warning("attaching anyway to a job that differs from this request: " + String.join("; ", diff));
                }
            }
            r.info(s.attached() ? "a job with this id already exists (an earlier attempt or this run before a restart): attached to it"
                    : "submitted");
            r.link("console", name.consoleUrl());
            return PipelineRunResult.of(s.job(), outcomeOf(s.job().getState(), Outcome.SUBMITTED), name.project());
        }).exceptionallyCompose(t -> Futures.failed(VertexErrors.describe("submit pipeline job " + name, t)));
    }

    /** Waits for an existing job to end: after {@link #submit}, or to re-attach after a restart. */
    public CompletableFuture<PipelineRunResult> await(PipelineJobName name, PipelineWaitOptions options, ProgressListener listener) {
        ProgressReporter r = reporter(listener, name);
        PipelineJobRpc rpc = rpc(r);
        return rpc.cancellation().boundTo(await(rpc, r, name, options, listener));
    }

    private CompletableFuture<PipelineRunResult> await(PipelineJobRpc rpc, ProgressReporter r, PipelineJobName name,
                                                       PipelineWaitOptions options, ProgressListener listener) {
        AtomicReference<PipelineJob> last = new AtomicReference<>();
        // CustomJob reads retry as single calls do, not through an outage as polls do: the result waits for them.
        RunProgressTracker tracker = new RunProgressTracker(r, customJobs(rpc, name));
        TaskLogFollower logs = taskLogs(rpc, r, name, options.logs());
        Function<PipelineJob, PipelineRunResult> finish = job -> {
            last.set(retained(job));
            tracker.observe(job);
            if (logs != null) {
                logs.observe(job);
            }
            return isTerminal(job.getState()) ? PipelineRunResult.of(job, outcomeOf(job.getState(), Outcome.RUNNING), name.project()) : null;
        };
        CompletableFuture<PipelineRunResult> ended;
        if (watchers == null) {
            PipelineJobRpc polls = rpc.forPolls(options.polling().backoff().max());
            ended = AsyncPoller.poll(scheduler, options.polling(), "pipeline job " + name, () -> polls.get(name.toString()),
                    finish, rpc.cancellation());
        } else {
            PipelineJobWatcher.Watch watch = watchers.forParent(client, name.parent()).watch(name);
            ended = AsyncPoller.poll(scheduler, new PollingPolicy(WATCHED, options.polling().timeout()), "pipeline job " + name,
                    watch::next, finish, rpc.cancellation());
            ended.whenComplete((res, t) -> watch.close());
        }
        return ended.exceptionallyCompose(t -> {
            Throwable c = Futures.unwrap(t);
            if (!(c instanceof PollTimeoutException) || last.get() == null) {
                return Futures.failed(VertexErrors.describe("wait for pipeline job " + name, c));
            }
            r.warning(c.getMessage());
            if (!options.cancelOnTimeout()) {
                r.info("the job was left running on Vertex AI");
                return CompletableFuture.completedFuture(PipelineRunResult.of(last.get(), Outcome.TIMED_OUT, name.project()));
            }
            return cancel(name, options.cancelGrace(), listener).thenApply(res -> res.withOutcome(Outcome.TIMED_OUT));
        }).whenComplete((res, t) -> {
            if (t != null && logs != null) {
                logs.stop();
            }
        }).thenCompose(tracker::placed)
                .thenCompose(res -> logs == null ? CompletableFuture.completedFuture(res) : logs.finish().thenApply(v -> res))
                .thenApply(res -> summarize(r, res));
    }

    private TaskLogFollower taskLogs(PipelineJobRpc rpc, ProgressReporter r, PipelineJobName name, TaskLogOptions options) {
        return logging == null ? null : logging.follower(rpc.retry(), r, name.project(), name.parent(), options);
    }

    /**
     * Shows the task log lines of a job as it stands (every line so far in {@link TaskLogMode#ALL}; the failed tasks'
     * last lines in {@link TaskLogMode#ERRORS}), then completes with how far they were shown.
     */
    public CompletableFuture<TaskLogCursor> logs(PipelineJobName name, TaskLogOptions options, ProgressListener listener) {
        ProgressReporter r = reporter(listener, name);
        PipelineJobRpc rpc = rpc(r);
        TaskLogFollower logs = taskLogs(rpc, r, name, options);
        if (logs == null) {
            return CompletableFuture.completedFuture(options.resume());
        }
        return rpc.cancellation().boundTo(rpc.get(name.toString())
                .exceptionallyCompose(t -> Futures.failed(VertexErrors.describe("read pipeline job " + name, t)))
                .thenCompose(job -> {
                    logs.observe(job);
                    return logs.finish();
                }).thenApply(v -> logs.cursor()));
    }

    /** Submit-or-attach, then wait. */
    public CompletableFuture<PipelineRunResult> run(String parent, String jobId, PipelineJob job, PipelineWaitOptions options, ProgressListener listener) {
        PipelineJobName name = PipelineJobName.parse("jobId", parent + "/pipelineJobs/" + jobId);
        ProgressReporter r = reporter(listener, name);
        PipelineJobRpc rpc = rpc(r);
        return rpc.cancellation().boundTo(submit(rpc, r, name, job, false)
                .thenCompose(submitted -> await(rpc, r, name, options, listener)));
    }

    /**
     * Requests cancellation, then follows the job until it has ended, for at most {@code grace}. A job that has
     * already ended is left as it is.
     */
    public CompletableFuture<PipelineRunResult> cancel(PipelineJobName name, Duration grace, ProgressListener listener) {
        ProgressReporter r = reporter(listener, name);
        PipelineJobRpc rpc = rpc(r);
        RunProgressTracker tracker = new RunProgressTracker(r);
        AtomicReference<PipelineJob> last = new AtomicReference<>();
        r.info("cancelling");
        return rpc.cancellation().boundTo(rpc.cancel(name.toString()).thenCompose(sent -> {
            if (!sent) {
                r.info("the job had already ended; nothing to cancel");
            }
            PollingPolicy follow = new PollingPolicy(CANCEL_POLL, grace);
            return AsyncPoller.poll(scheduler, follow, "pipeline job " + name + " to be cancelled", () -> rpc.get(name.toString()), job -> {
                last.set(retained(job));
                tracker.observe(job);
                return isTerminal(job.getState()) ? PipelineRunResult.of(job, outcomeOf(job.getState(), Outcome.RUNNING), name.project()) : null;
            }, rpc.cancellation());
        }).exceptionallyCompose(t -> {
            Throwable c = Futures.unwrap(t);
            if (c instanceof PollTimeoutException && last.get() != null) {
                r.warning("still " + PipelineRunResult.shortState(last.get()) + " after " + Durations.format(grace)
                        + "; Vertex AI goes on cancelling it");
                return CompletableFuture.completedFuture(PipelineRunResult.of(last.get(), Outcome.CANCELLED, name.project()));
            }
            return Futures.failed(VertexErrors.describe("cancel pipeline job " + name, c));
        }));
    }

    /** The job as it stands, with where each started task runs or ran (one read of each task's CustomJob). */
    public CompletableFuture<PipelineRunResult> describe(PipelineJobName name) {
        return describe(name, ProgressListener.NONE);
    }

    /** As {@link #describe(PipelineJobName)}; a CustomJob that cannot be read is reported to {@code listener}. */
    public CompletableFuture<PipelineRunResult> describe(PipelineJobName name, ProgressListener listener) {
        ProgressReporter r = reporter(listener, name);
        PipelineJobRpc rpc = rpc(r);
        // A one-off look: only what went wrong is told, not the task events of a wait.
        ProgressListener warnings = e -> {
            if (e.kind() == ProgressEvent.Kind.WARNING) {
                listener.onEvent(e);
            }
        };
        RunProgressTracker tracker = new RunProgressTracker(reporter(warnings, name), customJobs(rpc, name));
        return rpc.get(name.toString())
                .thenCompose(job -> {
                    tracker.observe(job);
                    return tracker.placed(PipelineRunResult.of(job, outcomeOf(job.getState(), Outcome.RUNNING), name.project()));
                })
                .exceptionallyCompose(t -> Futures.failed(VertexErrors.describe("describe pipeline job " + name, t)));
    }

    private CustomJobRpc customJobs(PipelineJobRpc rpc, PipelineJobName name) {
        return jobs == null ? null : new CustomJobRpc(jobs, rpc.retry(), name.parent());
    }

    /** The project's pipeline jobs in the region (all pages), optionally filtered with the API's filter syntax. */
    public CompletableFuture<List<PipelineRunResult>> list(String project, String region, String filter) {
        String parent = "projects/" + project + "/locations/" + region;
        PipelineJobRpc rpc = rpc(new ProgressReporter(ProgressListener.NONE, parent));
        List<PipelineRunResult> all = new ArrayList<>();
        return listFrom(rpc, parent, filter, null, all)
                .exceptionallyCompose(t -> Futures.failed(VertexErrors.describe("list pipeline jobs in " + parent, t)));
    }

    private CompletableFuture<List<PipelineRunResult>> listFrom(PipelineJobRpc rpc, String parent, String filter, String token,
                                                                List<PipelineRunResult> all) {
        return rpc.listPage(parent, filter, token).thenCompose(page -> {
            page.getPipelineJobsList().forEach(j -> all.add(PipelineRunResult.of(j, outcomeOf(j.getState(), Outcome.RUNNING),
                    parent.split("/")[1])));
            return page.getNextPageToken().isEmpty() ? CompletableFuture.completedFuture(all)
                    : listFrom(rpc, parent, filter, page.getNextPageToken(), all);
        });
    }

    /**
     * What a wait keeps of the latest snapshot between polls, for a timeout's result: everything a
     * {@link PipelineRunResult} reports, without the compiled pipeline and the runtime configuration that every get
     * returns in full (tens of KB per run: tens of MB for a thousand concurrent waits).
     */
    static PipelineJob retained(PipelineJob job) {
        return job.toBuilder().clearPipelineSpec().clearRuntimeConfig().build();
    }

    static boolean isTerminal(PipelineState s) {
        return switch (s) {
            case PIPELINE_STATE_SUCCEEDED, PIPELINE_STATE_FAILED, PIPELINE_STATE_CANCELLED, PIPELINE_STATE_PAUSED -> true;
            default -> false;
        };
    }

    static Outcome outcomeOf(PipelineState s, Outcome otherwise) {
        return switch (s) {
            case PIPELINE_STATE_SUCCEEDED -> Outcome.SUCCEEDED;
            case PIPELINE_STATE_FAILED -> Outcome.FAILED;
            case PIPELINE_STATE_CANCELLED -> Outcome.CANCELLED;
            case PIPELINE_STATE_PAUSED -> Outcome.PAUSED;
            default -> otherwise;
        };
    }

    private static PipelineRunResult summarize(ProgressReporter r, PipelineRunResult res) {
        StringBuilder s = new StringBuilder("ended ").append(res.outcome());
        if (res.duration() != null) {
            s.append(" after ").append(Durations.format(res.duration()));
        }
        if (res.error() != null) {
            s.append(": ").append(res.error());
        }
        if (!res.tasks().isEmpty()) {
            s.append("\n  tasks:");
            res.tasks().forEach(t -> s.append("\n    ").append(t.describe()));
        }
        if (res.cache().hits() > 0) {
            s.append("\n  cache hits: ").append(res.cache().hits()).append(" task(s) reused an earlier execution (SKIPPED)");
        }
        res.metrics().forEach((task, metrics) -> s.append("\n  metrics of ").append(task).append(": ")
                .append(PipelineRunResult.formatMetrics(metrics)));
        r.result(s.toString());
        if (res.succeeded() && res.cache().nothingRan()) {
            r.warning("every task was a cache hit: nothing ran again and the outputs are those of earlier runs;"
                    + " to really run (e.g. to retrain), disable caching (enableCaching: false, --no-enable-caching)");
        }
        return res;
    }

    private static ProgressReporter reporter(ProgressListener listener, PipelineJobName name) {
        return new ProgressReporter(listener, "pipeline job " + name.jobId());
    }
}
