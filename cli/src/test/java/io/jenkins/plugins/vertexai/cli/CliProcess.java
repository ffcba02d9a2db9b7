package io.jenkins.plugins.vertexai.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real {@code vertex-ai} main in a child JVM with the test classpath and a controlled environment: for what
 * only a process shows (signals, exit codes, credentials looked up from the environment).
 */
final class CliProcess implements AutoCloseable {
    final Process process;
    private final BufferedReader stdout;
    private final StringBuilder outSeen = new StringBuilder();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread stderrPump;

    private CliProcess(Process process) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stderrPump = new Thread(() -> copy(process.getErrorStream()), "cli-stderr");
        this.stderrPump.start();
    }

    /** Starts {@code vertex-ai args} with exactly {@code env} as its environment and {@code -Duser.home=home}. */
    static CliProcess start(Map<String, String> env, Path home, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                VertexAiCli.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd);
        b.environment().clear();
        b.environment().putAll(env);
        return new CliProcess(b.start());
    }

    /** Reads stdout (blocking, no polling) until a line contains {@code text}; false if the process ended first. */
    boolean awaitStdout(String text) throws IOException {
        for (String line; (line = stdout.readLine()) != null; ) {
            outSeen.append(line).append('\n');
            if (line.contains(text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends SIGTERM, as {@code kill PID} or a CI runner stopping the step would. Through the process handle: unlike
     * {@link Process#destroy()} it leaves our ends of stdout and stderr open, so what the hooks print can be read.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Waits for the exit and returns the code; then {@link #stdout()} and {@link #stderr()} are complete. */
    int exitCode() throws IOException, InterruptedException {
        for (String line; (line = stdout.readLine()) != null; ) {
            outSeen.append(line).append('\n');
        }
        int code = process.waitFor();
        stderrPump.join();
        return code;
    }

    String stdout() {
        return outSeen.toString();
    }

    String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    private void copy(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (stderr) {
                    stderr.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
