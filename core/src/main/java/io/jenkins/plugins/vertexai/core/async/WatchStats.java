package io.jenkins.plugins.vertexai.core.async;

import java.util.concurrent.atomic.LongAdder;

/** What the engine's watchers asked for, by reason (for the bench and tests). */
public final class WatchStats {
    final LongAdder lists = new LongAdder();
    final LongAdder changeReads = new LongAdder();
    final LongAdder firstReads = new LongAdder();
    final LongAdder safetyReads = new LongAdder();
    final LongAdder missedChanges = new LongAdder();

    public void list() {
        lists.increment();
    }

    /** A read of one job, because a list showed it changed ({@code CHANGE}), because it is new to the watcher
     * ({@code FIRST}), or by the safety net ({@code SAFETY}). */
    public void read(Reason reason) {
        switch (reason) {
            case CHANGE -> changeReads.increment();
            case FIRST -> firstReads.increment();
            case SAFETY -> safetyReads.increment();
        }
    }

    /** A safety-net read found a change that no list had shown. */
    public void missedChange() {
        missedChanges.increment();
    }

    public long lists() {
        return lists.sum();
    }

    public long changeReads() {
        return changeReads.sum();
    }

    public long firstReads() {
        return firstReads.sum();
    }

    public long safetyReads() {
        return safetyReads.sum();
    }

    public long missedChanges() {
        return missedChanges.sum();
    }

    /** Why a single resource was read. */
    public enum Reason { CHANGE, FIRST, SAFETY }
}
