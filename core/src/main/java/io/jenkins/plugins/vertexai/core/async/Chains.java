package io.jenkins.plugins.vertexai.core.async;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operations in flight on one engine, so that shutting the engine down ends each of them with an error
 * instead of leaving its caller waiting on a future that no scheduler will ever complete.
 */
public final class Chains {
    private final Set<Cancellation> live = ConcurrentHashMap.newKeySet();
    private volatile Throwable closedBy;

    /** A new chain that {@link #close} will end. */
    public Cancellation open() {
        return new Cancellation(this);
    }

    void register(Cancellation c) {
        live.add(c);
        Throwable why = closedBy;
        if (why != null) {
            c.fail(why);
        }
    }

    void unregister(Cancellation c) {
        live.remove(c);
    }

    /** Ends every operation still in flight with {@code why}; later ones end at once. */
    public void close(Throwable why) {
        closedBy = why;
        for (Cancellation c : live) {
            c.fail(why);
        }
        live.clear();
    }

    /** Operations in flight (for tests). */
    public int size() {
        return live.size();
    }
}
