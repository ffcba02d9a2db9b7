package io.jenkins.plugins.vertexai;

import hudson.console.HyperlinkNote;
import hudson.model.TaskListener;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * Writes core's progress events to the build log: wall-clock time, then the event's own line ({@code [mm:ss]
 * subject: message}); a Cloud console link becomes a hyperlink. Events arrive on the engine's threads, one at a
 * time per operation; printing is all that happens here. Events never carry secrets.
 */
final class BuildLogProgress implements ProgressListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintStream logger;
    private final Consumer<ProgressEvent> also;

    BuildLogProgress(TaskListener listener) {
        this(listener, e -> { });
    }

    /** @param also told of every event after it is printed (e.g. to record states in the run's action) */
    BuildLogProgress(TaskListener listener, Consumer<ProgressEvent> also) {
        this.logger = listener.getLogger();
        this.also = also;
    }

    @Override
    public void onEvent(ProgressEvent e) {
        String line = new ProgressEvent(e.at(), e.kind(), e.subject(), e.message(), e.elapsed(), null).toLogLine();
        StringBuilder out = new StringBuilder("[Vertex AI] ").append(TIME.format(e.at())).append(' ').append(line);
        if (e.link() != null) {
            out.append(' ').append(HyperlinkNote.encodeTo(e.link(), e.link()));
        }
        synchronized (logger) {
            logger.println(out);
        }
        also.accept(e);
    }
}
