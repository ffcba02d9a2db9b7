package io.jenkins.plugins.vertexai.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Used heap after forced full collections: what is reachable, not what happens to be allocated. */
final class HeapProbe {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapProbe() {
    }

    /** Collects a few times (until the figure settles) and returns the used heap in bytes. */
    static long usedAfterGc() {
        long last = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < 5; i++) {
            MEMORY.gc();
            used = MEMORY.getHeapMemoryUsage().getUsed();
            if (i >= 2 && Math.abs(last - used) < 256 * 1024) {
                break;
            }
            last = used;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return used;
    }
}
