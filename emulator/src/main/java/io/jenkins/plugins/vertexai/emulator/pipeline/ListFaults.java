package io.jenkins.plugins.vertexai.emulator.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Two ways a list can differ from gets, for clients that watch by listing: a page limit below what the client asks
 * for (a server may return fewer items than {@code page_size}, AIP-158), and jobs left out of lists while gets still
 * find them (a stale list index, as an eventually consistent service can have for a while).
 */
public final class ListFaults {
    private volatile int pageLimit;
    private final List<Pattern> hidden = new CopyOnWriteArrayList<>();

    /** At most {@code limit} items per page (0: the usual limit). */
    public void pageLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a page limit must not be negative, got " + limit);
        }
        this.pageLimit = limit;
    }

    /** Jobs whose id fully matches no longer appear in ListPipelineJobs; GetPipelineJob still returns them. */
    public void hide(String jobIdRegex) {
        hidden.add(Pattern.compile(jobIdRegex));
    }

    int pageSize(int requested) {
        return pageLimit == 0 ? requested : requested == 0 ? pageLimit : Math.min(requested, pageLimit);
    }

    boolean hides(String jobId) {
        for (Pattern p : hidden) {
            if (p.matcher(jobId).matches()) {
                return true;
            }
        }
        return false;
    }
}
