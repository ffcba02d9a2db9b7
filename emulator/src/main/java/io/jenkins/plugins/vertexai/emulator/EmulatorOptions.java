package io.jenkins.plugins.vertexai.emulator;

import io.jenkins.plugins.vertexai.emulator.fault.FaultKind;
import io.jenkins.plugins.vertexai.emulator.fault.FaultPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The command line of {@link EmulatorMain}, parsed; {@link #configure} turns it into emulator settings. */
final class EmulatorOptions {
    static final String USAGE = """
            Usage: java -jar vertex-ai-emulator.jar [options]

            A local Vertex AI control plane (persistent resources, pipeline jobs, long-running operations) for the
            official Google client: plaintext gRPC on 127.0.0.1 without credentials, or TLS and service-account
            tokens with --require-auth. Durations are in simulated time, e.g. 500ms, 30s, 10m, 2h.

              --port N                          port on 127.0.0.1 (default 8085; 0 picks a free one)
              --speed N                         simulated seconds per real second (default 1)
              --seed N                          seed for injected faults and generated ids (default 0)
              --provisioning-time D             persistent resource provisioning (default 10m)
              --reboot-time D                   persistent resource reboot (default 3m)
              --delete-time D                   persistent resource deletion (default 2m)
              --fail-provisioning REGEX         resources whose id matches end in ERROR (repeatable)
              --stock-out ACCELERATOR           e.g. NVIDIA_L4: resources needing it end in ERROR (repeatable)
              --task-duration D                 duration of every pipeline task (default 30s)
              --fail-tasks REGEX                pipeline tasks whose name matches fail (repeatable)
              --fault-unavailable P             probability of UNAVAILABLE for every call
              --fault-deadline-exceeded P       probability of DEADLINE_EXCEEDED
              --fault-resource-exhausted P      probability of RESOURCE_EXHAUSTED
              --fault-applied-then-unavailable P  probability that a call is applied but answered UNAVAILABLE
              --fault-exempt METHOD             never fault this method, e.g. google.longrunning.Operations/*
                                                (repeatable)
              --project-number ID=NUMBER        the number of project ID (default: 12 digits derived from the id);
                                                names are returned with it (repeatable)
              --task-output TASK.NAME=VALUE     pipeline tasks named TASK (a regex) output VALUE for NAME: their
                                                output parameter NAME, else metric NAME of their system.Metrics
                                                artifacts, e.g. evaluate.accuracy=0.93 (repeatable)
              --gcs-folder DIR                  also serve DIR as Cloud Storage (DIR/BUCKET/OBJECT), for gs:// templates
              --require-auth                    TLS with a generated certificate, an OAuth token endpoint, and a
                                                bearer token required on every call (see docs/emulator.md)
              --service-account ID[@PROJECT][:ROLE]
                                                with --require-auth: make a key for ID@PROJECT.iam.gserviceaccount.com
                                                (PROJECT default demo-project) in --auth-dir/ID.json; ROLE is
                                                roles/aiplatform.user (default) or none (every call PERMISSION_DENIED)
                                                (repeatable)
              --auth-dir DIR                    where --require-auth writes ca.pem and the keys (default: a new
                                                temporary folder)
              --help                            this text

            Prints `export VERTEX_AI_EMULATOR_HOST=127.0.0.1:PORT` and serves until killed.
            """;

    private static final java.util.Set<String> OPTIONS = java.util.Set.of("--port", "--speed", "--seed",
            "--provisioning-time", "--reboot-time", "--delete-time", "--task-duration", "--fail-provisioning",
            "--stock-out", "--fail-tasks", "--fault-unavailable", "--fault-deadline-exceeded",
            "--fault-resource-exhausted", "--fault-applied-then-unavailable", "--fault-exempt", "--gcs-folder",
            "--project-number", "--task-output",
            "--service-account", "--auth-dir");

    int port = 8085;
    Double speed;
    Long seed;
    Duration provisioningTime;
    Duration rebootTime;
    Duration deleteTime;
    Duration taskDuration;
    final List<String> failProvisioning = new ArrayList<>();
    final List<String> stockOuts = new ArrayList<>();
    final List<String> failTasks = new ArrayList<>();
    final Map<FaultKind, Double> faultRates = new EnumMap<>(FaultKind.class);
    final List<String> faultExempt = new ArrayList<>();
    final Map<String, Long> projectNumbers = new java.util.LinkedHashMap<>();
    /** TASK_REGEX, NAME, VALUE triples from --task-output. */
    final List<String[]> taskOutputs = new ArrayList<>();
    boolean help;
    /** A folder served as the Cloud Storage JSON API, or null. */
    java.nio.file.Path gcsFolder;
    boolean requireAuth;
    /** {@code --service-account} values, checked by {@link ServiceAccountOption#parse}. */
    final List<ServiceAccountOption> serviceAccounts = new ArrayList<>();
    /** Where ca.pem and the keys go, or null for a new temporary folder. */
    java.nio.file.Path authDir;

    /** Parses {@code --name value} and {@code --name=value}; throws IllegalArgumentException saying what is wrong. */
    static EmulatorOptions parse(String... args) {
        EmulatorOptions o = new EmulatorOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("--help") || name.equals("-h")) {
                o.help = true;
                continue;
            }
            if (name.equals("--require-auth") && value == null) {
                o.requireAuth = true;
                continue;
            }
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name + " (see --help)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            o.set(name, value);
        }
        if (!o.requireAuth && (!o.serviceAccounts.isEmpty() || o.authDir != null)) {
            throw new IllegalArgumentException("--service-account and --auth-dir need --require-auth");
        }
        return o;
    }

    private void set(String name, String value) {
        try {
            switch (name) {
                case "--port" -> port = port(value);
                case "--speed" -> speed = speed(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--provisioning-time" -> provisioningTime = DurationText.parse(value);
                case "--reboot-time" -> rebootTime = DurationText.parse(value);
                case "--delete-time" -> deleteTime = DurationText.parse(value);
                case "--task-duration" -> taskDuration = DurationText.parse(value);
                case "--fail-provisioning" -> failProvisioning.add(regex(name, value));
                case "--stock-out" -> stockOuts.add(value);
                case "--fail-tasks" -> failTasks.add(regex(name, value));
                case "--fault-unavailable" -> faultRates.put(FaultKind.UNAVAILABLE, probability(value));
                case "--fault-deadline-exceeded" -> faultRates.put(FaultKind.DEADLINE_EXCEEDED, probability(value));
                case "--fault-resource-exhausted" -> faultRates.put(FaultKind.RESOURCE_EXHAUSTED, probability(value));
                case "--fault-applied-then-unavailable" ->
                        faultRates.put(FaultKind.APPLIED_THEN_UNAVAILABLE, probability(value));
                case "--fault-exempt" -> faultExempt.add(value);
                case "--gcs-folder" -> gcsFolder = java.nio.file.Path.of(value);
                case "--project-number" -> projectNumber(value);
                case "--task-output" -> taskOutput(value);
                case "--service-account" -> serviceAccounts.add(ServiceAccountOption.parse(value));
                case "--auth-dir" -> authDir = java.nio.file.Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name + " (see --help)");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a number", e);
        }
    }

    private void projectNumber(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0 || !value.substring(eq + 1).matches("[1-9][0-9]{0,17}")) {
            throw new IllegalArgumentException("--project-number: '" + value + "' is not ID=NUMBER, e.g. ml-prod=123456789012");
        }
        String id = value.substring(0, eq);
        long number = Long.parseLong(value.substring(eq + 1));
        projectNumbers.forEach((other, n) -> {
            if (n == number && !other.equals(id)) {
                throw new IllegalArgumentException("--project-number: " + number + " is already the number of " + other);
            }
        });
        if (!id.matches("[a-z][a-z0-9-]{4,28}[a-z0-9]")) {
            throw new IllegalArgumentException("--project-number: '" + id + "' is not a project id such as ml-prod");
        }
        projectNumbers.put(id, number);
    }

    private void taskOutput(String value) {
        int eq = value.indexOf('=');
        int dot = eq < 0 ? -1 : value.lastIndexOf('.', eq);
        if (eq < 0 || dot <= 0 || dot == eq - 1) {
            throw new IllegalArgumentException("--task-output: '" + value + "' is not TASK.NAME=VALUE, e.g. evaluate.accuracy=0.93");
        }
        taskOutputs.add(new String[] {regex("--task-output", value.substring(0, dot)), value.substring(dot + 1, eq),
                value.substring(eq + 1)});
    }

    private static int port(String value) {
        int p = Integer.parseInt(value);
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("--port: " + value + " is not a port; give 0 (any free port) to 65535");
        }
        return p;
    }

    /** A speed of 0 would freeze the simulated clock: nothing would ever finish. */
    private static double speed(String value) {
        double s = Double.parseDouble(value);
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("--speed: '" + value + "' is not a positive number of simulated seconds per"
                    + " real second (0 would freeze the clock), e.g. 1 or 60");
        }
        return s;
    }

    private static String regex(String name, String value) {
        try {
            java.util.regex.Pattern.compile(value);
            return value;
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a valid regular expression ("
                    + e.getDescription() + " at index " + e.getIndex() + "); e.g. 'train.*' or 'fail|flaky'");
        }
    }

    private static double probability(String value) {
        double p = Double.parseDouble(value);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a fault probability must be within [0, 1], got " + value);
        }
        return p;
    }

    /** Applies these options to an emulator builder (faults, timings) and returns it. */
    VertexAiEmulator.Builder configure(VertexAiEmulator.Builder b) {
        b.port(port);
        if (speed != null) {
            b.speed(speed);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (provisioningTime != null) {
            b.provisioningTime(provisioningTime);
        }
        if (rebootTime != null) {
            b.rebootTime(rebootTime);
        }
        if (deleteTime != null) {
            b.deleteTime(deleteTime);
        }
        if (taskDuration != null) {
            b.taskDuration(taskDuration);
        }
        projectNumbers.forEach(b::projectNumber);
        b.requireAuth(requireAuth);
        FaultPlan.Builder faults = FaultPlan.builder();
        faultRates.forEach((kind, p) -> faults.rate(FaultPlan.ALL_METHODS, kind, p));
        faultExempt.forEach(faults::exempt);
        return b.faults(faults.build());
    }

    /** Applies the rules that live on a running emulator. */
    void script(VertexAiEmulator emulator) {
        failProvisioning.forEach(regex -> emulator.failProvisioning(regex,
                "Provisioning failed (emulator --fail-provisioning " + regex + ")"));
        stockOuts.forEach(emulator::stockOut);
        failTasks.forEach(regex -> emulator.failTasks(regex, "Task failed (emulator --fail-tasks " + regex + ")"));
        taskOutputs.forEach(t -> emulator.taskOutput(t[0], t[1],
                io.jenkins.plugins.vertexai.emulator.pipeline.sim.OutputValues.parse(t[2])));
    }
}
