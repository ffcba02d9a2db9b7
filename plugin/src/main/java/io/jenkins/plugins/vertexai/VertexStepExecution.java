package io.jenkins.plugins.vertexai;

import hudson.AbortException;
import hudson.model.Computer;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.PollTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * What the Vertex AI step executions share: blocking preparation (credential lookup, workspace reads over the
 * agent channel) runs on {@link Computer#threadPoolForRemoting}, never on the CPS VM thread; the remote work is a
 * future of core's, and the step ends when it completes. No thread is held while it waits. Subclasses persist
 * only names, ids, the deadline and the last state; everything here is transient.
 */
abstract class VertexStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(VertexStepExecution.class.getName());

    /** The overall deadline in epoch milliseconds, 0 for none. */
    protected long deadline;

    private transient volatile CompletableFuture<?> pending;
    private transient volatile boolean ended;
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
        Computer.threadPoolForRemoting.submit(() -> {
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
            if (ended || SharedEngine.isClosed(engine) || (stopping && !partOfStop)) {
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

    /** Stops waiting (the remote work is left as it is). */
    protected final void cancelPending() {
        CompletableFuture<?> p = pending;
        if (p != null) {
            p.cancel(true);
        }
    }

    protected final boolean hasEnded() {
        return ended;
    }

    protected final void succeed(Object result) {
        if (ended) {
            return;
        }
        ended = true;
        getContext().onSuccess(result);
    }

    protected final void fail(Throwable t) {
        if (ended) {
            return;
        }
        ended = true;
        getContext().onFailure(forLog(t));
    }

    /** Marks the step as ended by {@link #stop}, so that late completions are ignored. */
    protected final void markEnded() {
        ended = true;
    }

    /** From now on only the work of {@link #stop} is followed; what was pending stops being waited for. */
    protected final void beginStop() {
        stopping = true;
        cancelPending();
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

    protected final void saveState() {
        try {
            getContext().saveState();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not save the state of " + getContext(), e);
        }
    }

    /**
     * Failures worded for the user (invalid input, a Vertex AI error, a timeout) are shown as a plain error
     * line; anything else keeps its stack trace.
     */
    static Throwable forLog(Throwable t) {
        Throwable c = Futures.unwrap(t);
        if (c instanceof ValidationException || c instanceof VertexException || c instanceof PollTimeoutException) {
            // No cause: the message says it all, and gRPC failures need not survive serialization in the flow graph.
            return new AbortException(c.getMessage());
        }
        return c;
    }
}
