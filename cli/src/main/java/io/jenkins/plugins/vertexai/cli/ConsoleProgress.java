package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import java.io.PrintStream;

/** Prints progress events as they come, one line each. */
final class ConsoleProgress implements ProgressListener {
    private final PrintStream out;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void onEvent(ProgressEvent e) {
        String prefix = switch (e.kind()) {
            case WARNING -> "WARNING ";
            case RETRY -> "retry ";
            default -> "";
        };
        out.println(prefix.isEmpty() ? e.toLogLine() : e.toLogLine().replaceFirst("] ", "] " + prefix));
        out.flush();
    }
}
