package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import java.io.PrintStream;

/** Prints progress events as they come, one line each, with flags named as the user typed them. */
final class ConsoleProgress implements ProgressListener {
    private final PrintStream out;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    /** Where progress goes: stdout for text, stderr for JSON (stdout then holds exactly one JSON document). */
    static ConsoleProgress forFormat(OutputFormat format) {
        return new ConsoleProgress(format == OutputFormat.json ? System.err : System.out);
    }

    @Override
    public synchronized void onEvent(ProgressEvent e) {
        String prefix = switch (e.kind()) {
            case WARNING -> "WARNING ";
            case RETRY -> "retry ";
            default -> "";
        };
        String line = CliVocabulary.text(e.toLogLine());
        out.println(prefix.isEmpty() ? line : line.replaceFirst("] ", "] " + prefix));
        out.flush();
    }
}
