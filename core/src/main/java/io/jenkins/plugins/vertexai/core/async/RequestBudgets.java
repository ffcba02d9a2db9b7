package io.jenkins.plugins.vertexai.core.async;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's {@link RequestBudget}s, one per (project, region), read from the resource name each request is about
 * ({@code projects/P/locations/L/...}). The project is keyed as the caller wrote it (an id; names the service returns
 * may carry the project number instead, which is the same quota but another key here).
 */
public final class RequestBudgets {
    /** Half the documented default quota of 600 resource management requests per minute per region. */
    public static final int DEFAULT_PER_MINUTE = 300;
    private static final Pattern LOCATION = Pattern.compile("^projects/([^/]+)/locations/([^/]+)");

    private final ScheduledExecutorService scheduler;
    private final Map<String, RequestBudget> budgets = new ConcurrentHashMap<>();
    private volatile int perMinute;

    /** @param perMinute requests per minute for each (project, region); 0 or less: unlimited */
    public RequestBudgets(ScheduledExecutorService scheduler, int perMinute) {
        this.scheduler = scheduler;
        this.perMinute = perMinute;
    }

    /** No budget at all: for callers outside an engine (tests, the bench's comparison modes). */
    public static RequestBudgets unlimited(ScheduledExecutorService scheduler) {
        return new RequestBudgets(scheduler, 0);
    }

    /** The budget for the project and region of {@code resourceName} (a name or a parent). */
    public RequestBudget forResource(String resourceName) {
        Matcher m = LOCATION.matcher(resourceName == null ? "" : resourceName);
        String key = m.find() ? m.group(1) + "/" + m.group(2) : "";
        return budgets.computeIfAbsent(key, k -> new RequestBudget(scheduler, perMinute));
    }

    /** Changes every budget, present and future. */
    public void setPerMinute(int perMinute) {
        if (perMinute != this.perMinute) {
            this.perMinute = perMinute;
            budgets.values().forEach(b -> b.setPerMinute(perMinute));
        }
    }

    public int perMinute() {
        return perMinute;
    }
}
