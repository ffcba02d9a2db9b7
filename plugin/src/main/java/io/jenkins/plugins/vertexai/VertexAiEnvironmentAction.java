package io.jenkins.plugins.vertexai;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.InvisibleAction;
import hudson.model.Run;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exports what the freestyle build steps produced to the later build steps: {@code VERTEX_PIPELINE_JOB_NAME},
 * {@code VERTEX_PIPELINE_JOB_STATE} and {@code VERTEX_PERSISTENT_RESOURCE}. Pipelines get the step's return
 * value instead (and {@code VERTEX_PERSISTENT_RESOURCE} inside {@code withVertexPersistentResource} only), so this
 * is added by the freestyle builders alone.
 */
public final class VertexAiEnvironmentAction extends InvisibleAction implements EnvironmentContributingAction {
    public static final String PIPELINE_JOB_NAME = "VERTEX_PIPELINE_JOB_NAME";
    public static final String PIPELINE_JOB_STATE = "VERTEX_PIPELINE_JOB_STATE";
    public static final String PERSISTENT_RESOURCE = "VERTEX_PERSISTENT_RESOURCE";

    private final Map<String, String> values = new LinkedHashMap<>();

    static synchronized void export(@NonNull Run<?, ?> run, @NonNull String name, String value) {
        VertexAiEnvironmentAction a = run.getAction(VertexAiEnvironmentAction.class);
        if (a == null) {
            a = new VertexAiEnvironmentAction();
            run.addAction(a);
        }
        synchronized (a) {
            if (value == null) {
                a.values.remove(name);
            } else {
                a.values.put(name, value);
            }
        }
    }

    @Override
    public synchronized void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        env.putAll(values);
    }

    public synchronized Map<String, String> getValues() {
        return Map.copyOf(values);
    }
}
