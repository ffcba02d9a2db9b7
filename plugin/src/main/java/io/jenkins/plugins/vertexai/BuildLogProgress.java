package io.jenkins.plugins.vertexai;

import hudson.console.HyperlinkNote;
import hudson.model.TaskListener;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Writes core's progress events to the build log as their own line ({@code [mm:ss] subject: message}, the time
 * elapsed since the operation began); a Cloud console link becomes a hyperlink. No wall-clock time: the
 * Timestamper plugin adds one to every line, in the user's time zone. Events arrive on the engine's threads, one at a
 * time per operation; printing is all that happens here. Events never carry secrets.
 */
final class BuildLogProgress implements ProgressListener {
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
        StringBuilder out = new StringBuilder("[Vertex AI] ").append(line);
        if (e.link() != null) {
            out.append(' ').append(HyperlinkNote.encodeTo(e.link(), e.link()));
        }
        synchronized (logger) {
            logger.println(out);
        }
        also.accept(e);
    }
}
