package io.jenkins.plugins.vertexai.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Stamps events for one operation with its elapsed time and subject, and never lets a listener break the work. */
public final class ProgressReporter {
    private final ProgressListener listener;
    private final String subject;
    private final Clock clock;
    private final Instant start;

    public ProgressReporter(ProgressListener listener, String subject) {
        this(listener, subject, Clock.systemUTC());
    }

    ProgressReporter(ProgressListener listener, String subject, Clock clock) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.subject = subject;
        this.clock = clock;
        this.start = clock.instant();
    }

    public Duration elapsed() {
        return Duration.between(start, clock.instant());
    }

    public void info(String message) {
        emit(ProgressEvent.Kind.INFO, subject, message, null);
    }

    public void state(String message) {
        emit(ProgressEvent.Kind.STATE, subject, message, null);
    }

    public void progress(String message) {
        emit(ProgressEvent.Kind.PROGRESS, subject, message, null);
    }

    public void warning(String message) {
        emit(ProgressEvent.Kind.WARNING, subject, message, null);
    }

    public void retry(String message) {
        emit(ProgressEvent.Kind.RETRY, subject, message, null);
    }

    public void link(String message, String url) {
        emit(ProgressEvent.Kind.INFO, subject, message, url);
    }

    public void result(String message) {
        emit(ProgressEvent.Kind.RESULT, subject, message, null);
    }

    public void emit(ProgressEvent.Kind kind, String about, String message, String link) {
        try {
            listener.onEvent(new ProgressEvent(clock.instant(), kind, about, message, elapsed(), link));
        } catch (RuntimeException e) {
            // A broken log sink must not fail or hang a run that costs real money.
        }
    }
}
