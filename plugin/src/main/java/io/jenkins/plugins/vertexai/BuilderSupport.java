package io.jenkins.plugins.vertexai;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Util;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.PollTimeoutException;
import io.jenkins.plugins.vertexai.core.pipeline.template.TemplateLoadException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * What both freestyle builders need: build variables expanded in text fields, and core's futures joined on the
 * executor thread (a freestyle build owns it), with an abort cancelling the wait.
 */
final class BuilderSupport {
    private BuilderSupport() {
    }

    static String expand(EnvVars env, String value) {
        return value == null ? null : Util.fixEmptyAndTrim(env.expand(value));
    }

    static List<String> lines(EnvVars env, String value) {
        return TextLists.lines(env.expand(Util.fixNull(value)));
    }

    static List<String> items(EnvVars env, String value) {
        return TextLists.items(env.expand(Util.fixNull(value)));
    }

    static Map<String, String> keyValues(EnvVars env, String field, String value) {
        return TextLists.keyValues(field, env.expand(Util.fixNull(value)));
    }

    /** NAME=VALUE one per line: values may contain commas. */
    static Map<String, String> keyValueLines(EnvVars env, String field, String value) {
        return TextLists.keyValueLines(field, env.expand(Util.fixNull(value)));
    }

    static Integer minutes(EnvVars env, String field, String value) throws AbortException {
        String v = expand(env, value);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            return n <= 0 ? null : n;
        } catch (NumberFormatException e) {
            throw new AbortException(field + ": " + Messages.FormChecks_notANumber(v));
        }
    }

    /**
     * Waits for {@code future} on this (executor) thread. An interruption (the build is aborted) cancels the wait
     * and is rethrown; a user-worded failure becomes an {@link AbortException}.
     */
    static <T> T join(CompletableFuture<T> future) throws InterruptedException, AbortException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw abort(e);
        }
    }

    /**
     * As {@link #join}, but an interruption leaves {@code future} running: for a request that may take effect at
     * Vertex AI whatever this side does, which the caller then waits for and undoes.
     */
    static <T> T joinUncancelled(CompletableFuture<T> future) throws InterruptedException, AbortException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw abort(e);
        }
    }

    static AbortException abort(Throwable t) {
        Throwable c = Futures.unwrap(t);
        if (c instanceof ValidationException || c instanceof VertexException || c instanceof PollTimeoutException
                || c instanceof TemplateLoadException) {
            return new AbortException(c.getMessage());
        }
        AbortException a = new AbortException(String.valueOf(c));
        a.initCause(c);
        return a;
    }
}
