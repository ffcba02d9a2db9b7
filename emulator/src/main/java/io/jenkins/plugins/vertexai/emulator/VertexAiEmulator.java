package io.jenkins.plugins.vertexai.emulator;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.jenkins.plugins.vertexai.emulator.auth.EmulatorAuth;
import io.jenkins.plugins.vertexai.emulator.catalog.MachineCatalog;
import io.jenkins.plugins.vertexai.emulator.clock.SimulatedClock;
import io.jenkins.plugins.vertexai.emulator.fault.FaultInjectingInterceptor;
import io.jenkins.plugins.vertexai.emulator.fault.FaultInjector;
import io.jenkins.plugins.vertexai.emulator.fault.FaultPlan;
import io.jenkins.plugins.vertexai.emulator.grpc.IdSequence;
import io.jenkins.plugins.vertexai.emulator.grpc.RpcStats;
import io.jenkins.plugins.vertexai.emulator.grpc.RpcStatsInterceptor;
import io.jenkins.plugins.vertexai.emulator.operation.OperationStore;
import io.jenkins.plugins.vertexai.emulator.operation.OperationWaiters;
import io.jenkins.plugins.vertexai.emulator.operation.OperationsService;
import io.jenkins.plugins.vertexai.emulator.pipeline.PipelineJobStore;
import io.jenkins.plugins.vertexai.emulator.pipeline.ListFaults;
import io.jenkins.plugins.vertexai.emulator.pipeline.PipelineService;
import io.jenkins.plugins.vertexai.emulator.pipeline.sim.JobTimings;
import io.jenkins.plugins.vertexai.emulator.pipeline.sim.PipelineRuns;
import io.jenkins.plugins.vertexai.emulator.pipeline.sim.TaskScript;
import io.jenkins.plugins.vertexai.emulator.pipeline.sim.CustomJobIndex;
import io.jenkins.plugins.vertexai.emulator.pipeline.sim.OutputValues;
import io.jenkins.plugins.vertexai.emulator.job.CustomJobService;
import io.jenkins.plugins.vertexai.emulator.logging.LoggingService;
import io.jenkins.plugins.vertexai.emulator.project.ProjectNumbers;
import io.jenkins.plugins.vertexai.emulator.resource.PersistentResourceService;
import io.jenkins.plugins.vertexai.emulator.resource.PersistentResourceStore;
import io.jenkins.plugins.vertexai.emulator.resource.ProvisioningFaults;
import io.jenkins.plugins.vertexai.emulator.resource.ResourceTimings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A local Vertex AI control plane: a real gRPC server on 127.0.0.1 that the unchanged official client talks to
 * (plaintext, no credentials). It serves {@code google.cloud.aiplatform.v1.PersistentResourceService},
 * pipeline jobs of {@code google.cloud.aiplatform.v1beta1.PipelineService} (simulated task by task on the persistent
 * resources' capacity) and {@code google.longrunning.Operations}, on a {@link SimulatedClock} so that minutes of
 * provisioning and pipeline runs pass in milliseconds.
 *
 * <pre>{@code
 * try (VertexAiEmulator emu = VertexAiEmulator.builder().speed(60).seed(42).build().start()) {
 *     String endpoint = emu.hostPort(); // "127.0.0.1:PORT"
 * }
 * }</pre>
 */
public final class VertexAiEmulator implements AutoCloseable {
    private final int requestedPort;
    private final SimulatedClock clock;
    private final RpcStats rpcStats = new RpcStats();
    private final PersistentResourceStore resources = new PersistentResourceStore();
    private final ProvisioningFaults provisioningFaults;
    private final PipelineJobStore pipelineJobs = new PipelineJobStore();
    private final TaskScript taskScript;
    private final ListFaults listFaults = new ListFaults();
    private final ProjectNumbers projects = new ProjectNumbers();
    private final ScheduledExecutorService scheduler;
    private final Server server;
    /** Null unless built with {@link Builder#requireAuth}. */
    private final EmulatorAuth auth;

    private VertexAiEmulator(Builder b) {
        this.requestedPort = b.port;
        this.clock = new SimulatedClock(b.speed, b.simulatedStart == null ? Instant.now() : b.simulatedStart);
        MachineCatalog catalog = MachineCatalog.standard();
        this.provisioningFaults = new ProvisioningFaults(catalog);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vertex-ai-emulator-scheduler");
            t.setDaemon(true);
            return t;
        });
        this.taskScript = new TaskScript(b.taskDuration);
        b.projectNumbers.forEach(projects::set);
        b.scriptRules.forEach(rule -> rule.accept(this));
        IdSequence ids = new IdSequence(b.seed);
        OperationStore operations = new OperationStore(ids);
        OperationWaiters waiters = new OperationWaiters(clock, scheduler);
        ResourceTimings timings = new ResourceTimings(b.provisioningTime, b.rebootTime, b.deleteTime);
        CustomJobIndex customJobs = new CustomJobIndex();
        PipelineRuns runs = new PipelineRuns(catalog, taskScript,
                new JobTimings(b.jobQueuedTime, b.jobPendingTime, b.jobCancellingTime), ids, customJobs);
        List<BindableService> services = List.of(
                new PersistentResourceService(resources, operations, waiters, clock, catalog, provisioningFaults, timings,
                        projects),
                new PipelineService(pipelineJobs, runs, resources, operations, clock, ids, projects, listFaults),
                new CustomJobService(customJobs, clock, projects),
                new LoggingService(customJobs, clock, projects),
                new OperationsService(operations, waiters, clock, projects));
        FaultInjectingInterceptor faults = new FaultInjectingInterceptor(new FaultInjector(b.faults, b.seed), rpcStats);
        RpcStatsInterceptor counting = new RpcStatsInterceptor(rpcStats);
        this.auth = b.requireAuth ? new EmulatorAuth() : null;
        InetSocketAddress address = new InetSocketAddress(loopback(), b.port);
        NettyServerBuilder server = auth == null ? NettyServerBuilder.forAddress(address)
                : NettyServerBuilder.forAddress(address, auth.serverCredentials());
        // The last interceptor runs first: count every call, check its credentials, then maybe inject a fault.
        ServerInterceptor[] chain = auth == null ? new ServerInterceptor[] {faults, counting}
                : new ServerInterceptor[] {faults, auth.interceptor(), counting};
        services.forEach(s -> server.addService(ServerInterceptors.intercept(s, chain)));
        this.server = server.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; returns this. */
    public VertexAiEmulator start() {
        try {
            server.start();
            if (auth != null) {
                auth.start();
            }
        } catch (IOException e) {
            scheduler.shutdownNow();
            if (auth != null) {
                auth.close();
            }
            throw new UncheckedIOException("cannot start the Vertex AI emulator on 127.0.0.1:" + requestedPort + ": "
                    + bindFailure(e), e);
        }
        return this;
    }

    /** Why the port could not be bound, in words (gRPC wraps the socket's exception). */
    private static String bindFailure(IOException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            // Netty's native transport throws its own IOException, with the OS's words.
            if (c instanceof java.net.BindException || String.valueOf(c.getMessage()).contains("Address already in use")) {
                return "the port is in use (" + c.getMessage() + "); pick another with --port, or 0 for any free port";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    /** The bound port (the ephemeral one when built with port 0). */
    public int port() {
        return server.getPort();
    }

    /** {@code "127.0.0.1:PORT"}, the endpoint to give the client. */
    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    public SimulatedClock clock() {
        return clock;
    }

    /** TLS, the token endpoint and service-account keys; only for an emulator built with {@link Builder#requireAuth}. */
    public EmulatorAuth auth() {
        if (auth == null) {
            throw new IllegalStateException("this emulator was started without requireAuth: plaintext, no credentials");
        }
        return auth;
    }

    /** Resources created from now on whose id fully matches {@code idRegex} end in ERROR with {@code message}. */
    public VertexAiEmulator failProvisioning(String idRegex, String message) {
        provisioningFaults.failProvisioning(idRegex, message);
        return this;
    }

    /** Resources created from now on that need {@code acceleratorType} (e.g. "NVIDIA_L4") end in ERROR: stock-out. */
    public VertexAiEmulator stockOut(String acceleratorType) {
        provisioningFaults.stockOut(acceleratorType);
        return this;
    }

    /** Pipeline tasks run for {@code duration} unless a pattern says otherwise (default 30 simulated seconds). */
    public VertexAiEmulator taskDuration(Duration duration) {
        taskScript.defaultDuration(duration);
        return this;
    }

    /** Pipeline tasks whose name ({@code taskInfo.name}) fully matches run for {@code duration}. */
    public VertexAiEmulator taskDuration(String taskNameRegex, Duration duration) {
        taskScript.duration(taskNameRegex, duration);
        return this;
    }

    /** Pipeline tasks whose name fully matches fail with {@code message}, after using up their retries. */
    public VertexAiEmulator failTasks(String taskNameRegex, String message) {
        taskScript.fail(taskNameRegex, message);
        return this;
    }

    /**
     * Pipeline tasks whose name fully matches also write {@code text} to their log (one entry per line) while each
     * attempt runs, served by Cloud Logging's {@code ListLogEntries}; applies to jobs created from now on.
     */
    public VertexAiEmulator taskLog(String taskNameRegex, String text) {
        taskScript.log(taskNameRegex, text);
        return this;
    }

    /** Pipeline jobs whose id or display name fully matches go PAUSED instead of RUNNING, until cancelled. */
    public VertexAiEmulator pausePipelineJobs(String jobRegex) {
        taskScript.pause(jobRegex);
        return this;
    }

    /**
     * Pipeline jobs whose id or display name fully matches stay RUNNING, starting no task, for {@code hold} after they
     * start running: time to cancel them, or to watch a long run.
     */
    public VertexAiEmulator holdPipelineJobs(String jobRegex, Duration hold) {
        taskScript.hold(jobRegex, hold);
        return this;
    }

    /** Jobs whose id fully matches are held RUNNING for a duration in [min, max) spread evenly by their id. */
    public VertexAiEmulator holdPipelineJobsSpread(String jobIdRegex, Duration min, Duration max) {
        taskScript.holdSpread(jobIdRegex, min, max);
        return this;
    }

    /** ListPipelineJobs returns at most {@code limit} jobs per page (0: up to the requested page size, max 1000). */
    public VertexAiEmulator listPageLimit(int limit) {
        listFaults.pageLimit(limit);
        return this;
    }

    /**
     * Pipeline jobs whose id fully matches are left out of ListPipelineJobs from now on (a stale list index) while
     * GetPipelineJob still returns them: for clients that watch by listing, the change a list misses.
     */
    public VertexAiEmulator hidePipelineJobsFromLists(String jobIdRegex) {
        listFaults.hide(jobIdRegex);
        return this;
    }

    /**
     * The number of a project (given by id or number): set with {@link Builder#projectNumber}, or derived from the id.
     * Names the emulator returns carry it, e.g. {@code projects/123456789012/locations/us-central1/...}.
     */
    public long projectNumber(String project) {
        return projects.numberOf(project);
    }

    /**
     * Pipeline tasks whose name fully matches produce {@code value} for {@code name}: their output parameter of that
     * name (a number, text or true/false), or else a metric in their {@code system.Metrics} output artifacts.
     */
    public VertexAiEmulator taskOutput(String taskNameRegex, String name, Object value) {
        taskScript.output(taskNameRegex, name, OutputValues.of(value));
        return this;
    }

    /** Pipeline jobs ever created. */
    public long pipelineJobsCreated() {
        return pipelineJobs.created();
    }

    /**
     * The real wall-clock instant at which a pipeline job ended (its simulated end time mapped back to real time),
     * once it has ended; lets a benchmark measure how long a client takes to notice. Also for deleted jobs.
     */
    public Optional<Instant> pipelineJobEndTime(String jobName) {
        return pipelineJobs.run(projects.canonical(jobName)).flatMap(run -> run.endTime(clock::now)).flatMap(clock::realInstantOf);
    }

    public EmulatorStats stats() {
        return new EmulatorStats(rpcStats.receivedSnapshot(), rpcStats.faultSnapshot(), resources.created(),
                pipelineJobs.created());
    }

    /** Blocks until the server has shut down (see {@link #close()}). */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Stops serving: pending calls are cancelled. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            scheduler.shutdownNow();
            if (auth != null) {
                auth.close();
            }
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Emulator settings; every duration is in simulated time. */
    public static final class Builder {
        private int port;
        private double speed = 1.0;
        private Instant simulatedStart;
        private Duration provisioningTime = Duration.ofMinutes(10);
        private Duration rebootTime = Duration.ofMinutes(3);
        private Duration deleteTime = Duration.ofMinutes(2);
        private long seed;
        private FaultPlan faults = FaultPlan.none();
        private Duration taskDuration = Duration.ofSeconds(30);
        private Duration jobQueuedTime = Duration.ofSeconds(5);
        private Duration jobPendingTime = Duration.ofSeconds(15);
        private Duration jobCancellingTime = Duration.ofSeconds(10);
        private boolean requireAuth;
        private final List<Consumer<VertexAiEmulator>> scriptRules = new ArrayList<>();
        private final java.util.Map<String, Long> projectNumbers = new java.util.LinkedHashMap<>();

        private Builder() {
        }

        /** The port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be within [0, 65535], got " + port);
            }
            this.port = port;
            return this;
        }

        /** Simulated seconds per real second (default 1; 0 freezes time so only {@code clock().advance} moves it). */
        public Builder speed(double speed) {
            if (!(speed >= 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed must be a finite number >= 0, got " + speed);
            }
            this.speed = speed;
            return this;
        }

        /** The simulated instant the clock starts at (default: the real now). */
        public Builder simulatedStart(Instant start) {
            this.simulatedStart = start;
            return this;
        }

        /** Time from create to RUNNING (default 10 minutes). */
        public Builder provisioningTime(Duration d) {
            this.provisioningTime = nonNegative("provisioningTime", d);
            return this;
        }

        /** Time a reboot keeps a resource in REBOOTING (default 3 minutes). */
        public Builder rebootTime(Duration d) {
            this.rebootTime = nonNegative("rebootTime", d);
            return this;
        }

        /** Time a deleted resource stays STOPPING before it is gone (default 2 minutes). */
        public Builder deleteTime(Duration d) {
            this.deleteTime = nonNegative("deleteTime", d);
            return this;
        }

        /** Gives a project id its number (default: 12 digits derived from the id). */
        public Builder projectNumber(String projectId, long number) {
            ProjectNumbers check = new ProjectNumbers(); // refuse a bad pair here, not at build()
            projectNumbers.forEach((id, n) -> {
                if (!id.equals(projectId)) {
                    check.set(id, n);
                }
            });
            check.set(projectId, number);
            projectNumbers.put(projectId, number);
            return this;
        }

        /** Output {@code name} of the pipeline tasks whose name fully matches is {@code value}; see {@link #taskOutput}. */
        public Builder taskOutput(String taskNameRegex, String name, Object value) {
            OutputValues.of(value);
            scriptRules.add(e -> e.taskOutput(taskNameRegex, name, value));
            return this;
        }

        /** Seed for everything random: injected faults and generated ids (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Faults to inject into calls (default none). */
        public Builder faults(FaultPlan plan) {
            this.faults = plan;
            return this;
        }

        /** Default run time of a pipeline task (default 30 seconds). */
        public Builder taskDuration(Duration d) {
            this.taskDuration = nonNegative("taskDuration", d);
            return this;
        }

        /** Run time of pipeline tasks whose name fully matches {@code taskNameRegex}. */
        public Builder taskDuration(String taskNameRegex, Duration d) {
            nonNegative("taskDuration", d);
            scriptRules.add(e -> e.taskDuration(taskNameRegex, d));
            return this;
        }

        /** Pipeline tasks whose name fully matches {@code taskNameRegex} fail with {@code message}. */
        public Builder failTasks(String taskNameRegex, String message) {
            scriptRules.add(e -> e.failTasks(taskNameRegex, message));
            return this;
        }

        /** Pipeline tasks whose name fully matches also log {@code text}; see {@link VertexAiEmulator#taskLog}. */
        public Builder taskLog(String taskNameRegex, String text) {
            java.util.regex.Pattern.compile(taskNameRegex);
            scriptRules.add(e -> e.taskLog(taskNameRegex, text));
            return this;
        }

        /** Pipeline jobs whose id or display name fully matches go PAUSED instead of RUNNING, until cancelled. */
        public Builder pausePipelineJobs(String jobRegex) {
            scriptRules.add(e -> e.pausePipelineJobs(jobRegex));
            return this;
        }

        /** Pipeline jobs whose id or display name fully matches stay RUNNING without starting tasks for {@code hold}. */
        public Builder holdPipelineJobs(String jobRegex, Duration hold) {
            nonNegative("hold", hold);
            scriptRules.add(e -> e.holdPipelineJobs(jobRegex, hold));
            return this;
        }

        /** How long a new pipeline job stays QUEUED (default 5 seconds). */
        public Builder jobQueuedTime(Duration d) {
            this.jobQueuedTime = nonNegative("jobQueuedTime", d);
            return this;
        }

        /** How long a pipeline job then stays PENDING before RUNNING (default 15 seconds). */
        public Builder jobPendingTime(Duration d) {
            this.jobPendingTime = nonNegative("jobPendingTime", d);
            return this;
        }

        /** How long a cancelled pipeline job stays CANCELLING (default 10 seconds). */
        public Builder jobCancellingTime(Duration d) {
            this.jobCancellingTime = nonNegative("jobCancellingTime", d);
            return this;
        }

        /**
         * Serve TLS with a generated certificate and require a bearer token issued by the emulator's own token
         * endpoint for a service-account key it made (see {@link VertexAiEmulator#auth()}). Default: plaintext, no
         * credentials.
         */
        public Builder requireAuth(boolean requireAuth) {
            this.requireAuth = requireAuth;
            return this;
        }

        public VertexAiEmulator build() {
            return new VertexAiEmulator(this);
        }

        private static Duration nonNegative(String what, Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative, got " + d);
            }
            return d;
        }
    }
}
