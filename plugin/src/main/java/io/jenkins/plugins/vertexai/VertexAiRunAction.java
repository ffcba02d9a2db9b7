package io.jenkins.plugins.vertexai;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Computer;
import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;

/**
 * The run's Vertex AI objects: every pipeline job it submitted or attached to and every persistent resource it
 * worked on, each with its last known state and a link to the Cloud console. Shown as a build page summary and
 * a "Vertex AI" page of the run; saved with the run.
 */
public final class VertexAiRunAction implements RunAction2 {
    private static final Logger LOGGER = Logger.getLogger(VertexAiRunAction.class.getName());

    /** What an entry is about. */
    public enum Kind { PIPELINE_JOB, PERSISTENT_RESOURCE }

    private final List<Entry> entries = new ArrayList<>();
    private transient Run<?, ?> run;

    /** The run's action, added when missing. */
    static synchronized VertexAiRunAction of(@NonNull Run<?, ?> run) {
        VertexAiRunAction a = run.getAction(VertexAiRunAction.class);
        if (a == null) {
            a = new VertexAiRunAction();
            run.addAction(a);
        }
        return a;
    }

    /**
     * Records (or updates) the entry for {@code name}; the run is saved on a background thread, since this is
     * called from the engine's threads, which must not block.
     */
    static void record(@NonNull Run<?, ?> run, @NonNull Kind kind, @NonNull String name, @CheckForNull String state,
                       @CheckForNull String consoleUrl) {
        of(run).update(kind, name, state, consoleUrl);
        Computer.threadPoolForRemoting.submit(() -> {
            try {
                run.save();
            } catch (IOException e) {
                LOGGER.log(Level.FINE, "could not save " + run, e);
            }
        });
    }

    private synchronized void update(Kind kind, String name, String state, String consoleUrl) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.kind == kind && e.name.equals(name)) {
                entries.set(i, new Entry(kind, name, state == null ? e.state : state, consoleUrl == null ? e.consoleUrl : consoleUrl));
                return;
            }
        }
        entries.add(new Entry(kind, name, state, consoleUrl));
    }

    public synchronized List<Entry> getEntries() {
        return List.copyOf(entries);
    }

    public synchronized List<Entry> getPipelineJobs() {
        return entries.stream().filter(e -> e.kind == Kind.PIPELINE_JOB).toList();
    }

    public synchronized List<Entry> getPersistentResources() {
        return entries.stream().filter(e -> e.kind == Kind.PERSISTENT_RESOURCE).toList();
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cloud";
    }

    @Override
    public String getDisplayName() {
        return Messages.VertexAiRunAction_displayName();
    }

    @Override
    public String getUrlName() {
        return "vertex-ai";
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** One pipeline job or persistent resource, by its full name. */
    public static final class Entry {
        private final Kind kind;
        private final String name;
        private final String state;
        private final String consoleUrl;

        Entry(Kind kind, String name, String state, String consoleUrl) {
            this.kind = kind;
            this.name = name;
            this.state = state;
            this.consoleUrl = consoleUrl;
        }

        public Kind getKind() {
            return kind;
        }

        public String getName() {
            return name;
        }

        /** The last segment of the name: the job or resource id. */
        public String getId() {
            return name.substring(name.lastIndexOf('/') + 1);
        }

        public String getState() {
            return state;
        }

        public String getConsoleUrl() {
            return consoleUrl;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.kind == kind && e.name.equals(name) && Objects.equals(e.state, state)
                    && Objects.equals(e.consoleUrl, consoleUrl);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, name, state, consoleUrl);
        }
    }
}
