package io.jenkins.plugins.vertexai;

import com.google.api.gax.rpc.StatusCode;
import hudson.AbortException;
import hudson.model.Computer;
import hudson.model.Result;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.PollTimeoutException;
import io.jenkins.plugins.vertexai.core.pipeline.template.TemplateLoadException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * What the Vertex AI step executions share: blocking preparation (credential lookup, workspace reads over the
 * agent channel) runs on {@link Computer#threadPoolForRemoting}, never on the CPS VM thread; the remote work is a
 * future of core's, and the step ends when it completes. No thread is held while it waits. Subclasses persist
 * only names, ids, the deadline and the last state; the futures here are transient.
 *
 * <p>Subclasses decide "is the step stopping? if not, send the request" while holding the execution's monitor,
 * and {@link #stop} marks the stop under the same monitor, so a request is either sent before the stop (and the
 * stop deals with it) or never.
 */
abstract class VertexStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(VertexStepExecution.class.getName());
    /** How long a background thread waits for the program to be saved before it sends a request. */
    private static final long SAVE_TIMEOUT_SECONDS = 60;

    /** The overall deadline in epoch milliseconds, 0 for none. */
    protected long deadline;

    /** Set by whichever of success, failure or stop ends the step first; the others are then ignored. */
    private final AtomicBoolean ended = new AtomicBoolean();

    private transient volatile CompletableFuture<?> pending;
    private transient volatile boolean stopping;

    protected VertexStepExecution(StepContext context) {
        super(context);
    }

    @FunctionalInterface
    interface Block {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface Completion<T> {
        void accept(T value) throws Exception;
    }

    /** Runs {@code block} on a background thread; anything it throws fails the step. */
    protected final void inBackground(Block block) {
        Computer.threadPoolForRemoting.execute(() -> {
            try {
                block.run();
            } catch (Throwable t) {
                fail(t);
            }
        });
    }

    /**
     * Ends the step when {@code future} completes: {@code then} gets the value (and calls {@link #succeed} or
     * {@link #fail}), a failure fails the step. Nothing happens when the engine was closed meanwhile (Jenkins
     * shutting down: the step resumes after the restart) or when the step has already ended (stopped).
     */
    protected final <T> void follow(VertexEngine engine, CompletableFuture<T> future, Completion<T> then) {
        follow(engine, future, then, this::fail);
    }

    /** As {@link #follow(VertexEngine, CompletableFuture, Completion)}, with a failure handler of its own. */
    protected final <T> void follow(VertexEngine engine, CompletableFuture<T> future, Completion<T> then, Completion<Throwable> otherwise) {
        follow(engine, future, then, otherwise, false);
    }

    /**
     * @param partOfStop true for the work {@link #stop} itself starts (e.g. cancelling the remote job): it is
     *                   followed even though the step is stopping, which other work no longer is
     */
    protected final <T> void follow(VertexEngine engine, CompletableFuture<T> future, Completion<T> then, Completion<Throwable> otherwise,
                                    boolean partOfStop) {
        pending = future;
        future.whenComplete((value, failure) -> {
            if (ended.get() || SharedEngine.isClosed(engine) || (stopping && !partOfStop)) {
                return;
            }
            if (failure != null) {
                if (!(Futures.unwrap(failure) instanceof CancellationException)) {
                    try {
                        otherwise.accept(Futures.unwrap(failure));
                    } catch (Throwable t) {
                        fail(t);
                    }
                }
                return;
            }
            try {
                then.accept(value);
            } catch (Throwable t) {
                fail(t);
            }
        });
    }

    /** Stops waiting for what is followed (the remote work is left as it is). */
    protected final void cancelPending() {
        CompletableFuture<?> p = pending;
        if (p != null) {
            p.cancel(true);
        }
    }

    protected final boolean hasEnded() {
        return ended.get();
    }

    protected final void succeed(Object result) {
        if (ended.compareAndSet(false, true)) {
            getContext().onSuccess(result);
        }
    }

    protected final void fail(Throwable t) {
        if (ended.compareAndSet(false, true)) {
            getContext().onFailure(forLog(t));
        }
    }

    /**
     * From now on only the work of {@link #stop} is followed: completions of other work are ignored. Call it
     * holding the monitor, so that it is atomic with a subclass's "not stopping: send" (see the class comment).
     */
    protected final void beginStop() {
        stopping = true;
    }

    protected final boolean isStopping() {
        return stopping;
    }

    /** The time left before {@link #deadline}, or null without one (never less than a second). */
    protected final Duration remaining() {
        if (deadline == 0) {
            return null;
        }
        return Duration.ofMillis(Math.max(1000, deadline - System.currentTimeMillis()));
    }

    protected final void setDeadline(Integer timeoutMinutes) {
        deadline = timeoutMinutes == null ? 0 : System.currentTimeMillis() + Duration.ofMinutes(timeoutMinutes).toMillis();
    }

    /** Asks for the program to be saved without waiting: for the CPS VM thread and the engine's threads. */
    protected final void saveState() {
        try {
            getContext().saveState();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not save the state of " + getContext(), e);
        }
    }

    /**
     * Saves the program and waits until it is written, so that a restart right after the next request finds the
     * name just recorded. Background threads only: the CPS VM thread does the saving.
     */
    protected final void saveStateAndWait() throws InterruptedException {
        try {
            getContext().saveState().get(SAVE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not save the state of " + getContext(), e);
        }
    }

    /** Parses a step argument in {@code start()} (or a build step's field): invalid input fails with a plain error line. */
    static <T> T parse(Supplier<T> parser) throws AbortException {
        try {
            return parser.get();
        } catch (ValidationException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** The words of a stop's cause, kept across a restart: "Aborted by alice", "Timeout has been exceeded". */
    static String describe(Throwable cause) {
        String m = cause.getMessage();
        return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m;
    }

    /** How a step that was being stopped when Jenkins restarted ends: ABORTED, for the cause given before. */
    static FlowInterruptedException stoppedBeforeRestart(String cause) {
        return new FlowInterruptedException(Result.ABORTED, true, new StoppedBeforeRestart(cause));
    }

    private static final class StoppedBeforeRestart extends CauseOfInterruption {
        private static final long serialVersionUID = 1L;
        private final String cause;

        StoppedBeforeRestart(String cause) {
            this.cause = cause;
        }

        @Override
        public String getShortDescription() {
            return cause;
        }
    }

    static boolean isNotFound(Throwable t) {
        Throwable c = Futures.unwrap(t);
        return VertexErrors.is(c, StatusCode.Code.NOT_FOUND) || (c instanceof VertexException v && "NOT_FOUND".equals(v.code()));
    }

    /**
     * Failures worded for the user (invalid input, a Vertex AI error, a timeout, a template that cannot be read) are
     * shown as a plain error
     * line; anything else keeps its stack trace.
     */
    static Throwable forLog(Throwable t) {
        Throwable c = Futures.unwrap(t);
        if (c instanceof ValidationException || c instanceof VertexException || c instanceof PollTimeoutException
                || c instanceof TemplateLoadException) {
            // No cause: the message says it all, and gRPC failures need not survive serialization in the flow graph.
            return new AbortException(c.getMessage());
        }
        return c;
    }
}
