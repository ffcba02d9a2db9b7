package io.jenkins.plugins.vertexai.emulator;

import io.jenkins.plugins.vertexai.emulator.storage.StorageFolderServer;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code java -jar vertex-ai-emulator.jar --port 8085 [--speed N] ...}: runs the emulator until killed and prints the
 * line that points clients at it.
 */
public final class EmulatorMain {
    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmulatorOptions options;
        try {
            options = EmulatorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(EmulatorOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(EmulatorOptions.USAGE);
            return;
        }
        VertexAiEmulator emulator;
        try {
            emulator = launch(options, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage()); // a bad option value the builder refused: usage error
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.err.println("Vertex AI emulator serving on " + emulator.hostPort() + " at " + emulator.clock().speed()
                + " simulated seconds per second; stop it with Ctrl-C");
        StorageFolderServer storage = null;
        if (options.gcsFolder != null) {
            try {
                storage = StorageFolderServer.start(options.gcsFolder);
            } catch (IOException e) {
                System.err.println("error: cannot serve " + options.gcsFolder + " as Cloud Storage: " + e.getMessage());
                emulator.close();
                System.exit(1);
                return;
            }
            // Google's Cloud Storage clients honour this variable, as the vertex-ai CLI does.
            System.out.println("export STORAGE_EMULATOR_HOST=" + storage.host());
            System.err.println("Serving " + options.gcsFolder.toAbsolutePath() + " as gs://BUCKET/OBJECT (folder/BUCKET/OBJECT)");
        }
        StorageFolderServer served = storage;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (served != null) {
                served.close();
            }
            emulator.close();
            // What clients asked for, per method: e.g. how many lists and gets a Jenkins made while waiting.
            emulator.stats().rpcCounts().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> System.err.println("calls " + e.getKey() + " " + e.getValue()));
        }, "vertex-ai-emulator-shutdown"));
        emulator.awaitTermination();
    }

    /** Starts an emulator as configured and prints the export line to {@code out}. */
    static VertexAiEmulator launch(EmulatorOptions options, PrintStream out) {
        return launch(options, out, System.err);
    }

    /** Also prints, with {@code --require-auth}, the certificate and token endpoint exports and where the keys are. */
    static VertexAiEmulator launch(EmulatorOptions options, PrintStream out, PrintStream err) {
        VertexAiEmulator emulator = options.configure(VertexAiEmulator.builder()).build();
        options.script(emulator);
        emulator.start();
        out.println("export VERTEX_AI_EMULATOR_HOST=" + emulator.hostPort());
        if (options.requireAuth) {
            try {
                AuthFiles.write(emulator.auth(), options.authDir, options.serviceAccounts, out, err);
            } catch (IOException | RuntimeException e) {
                emulator.close();
                throw new IllegalStateException("cannot write the certificate and keys: " + e.getMessage(), e);
            }
        }
        out.flush();
        return emulator;
    }
}
