package io.jenkins.plugins.vertexai.emulator;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds compiled-KFP-shaped pipeline specs (as JSON, then Struct) for tests. Only the DAGs need writing: every
 * referenced component that is not a DAG becomes a leaf with its own executor.
 */
final class SpecBuilder {
    private static final Pattern COMPONENT_REF = Pattern.compile("\"componentRef\"\\s*:\\s*\\{\\s*\"name\"\\s*:\\s*\"([^\"]+)\"");

    private final String name;
    private String schemaVersion = "2.1.0";
    private String rootTasks = "";
    private final List<String> rootParams = new ArrayList<>();
    private final Map<String, String> dags = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();

    SpecBuilder(String name) {
        this.name = name;
    }

    /** A task entry: {@code "key": {componentRef, taskInfo, extra...}}. */
    static String task(String key, String component, String... extra) {
        StringBuilder b = new StringBuilder("\"" + key + "\": {\"componentRef\": {\"name\": \"" + component
                + "\"}, \"taskInfo\": {\"name\": \"" + key + "\"}");
        for (String e : extra) {
            b.append(", ").append(e);
        }
        return b.append("}").toString();
    }

    static String after(String... tasks) {
        return "\"dependentTasks\": [\"" + String.join("\", \"", tasks) + "\"]";
    }

    static String tasks(String... entries) {
        return String.join(", ", entries);
    }

    SpecBuilder schemaVersion(String version) {
        this.schemaVersion = version;
        return this;
    }

    SpecBuilder root(String... taskEntries) {
        this.rootTasks = tasks(taskEntries);
        return this;
    }

    /** A root input: {@code "name": {"parameterType": TYPE, "defaultValue": ..., "isOptional": ...}}. */
    SpecBuilder param(String param, String type, String defaultJson, boolean optional) {
        rootParams.add("\"" + param + "\": {\"parameterType\": \"" + type + "\""
                + (defaultJson == null ? "" : ", \"defaultValue\": " + defaultJson)
                + (optional ? ", \"isOptional\": true" : "") + "}");
        return this;
    }

    SpecBuilder dag(String component, String... taskEntries) {
        dags.put(component, tasks(taskEntries));
        return this;
    }

    /** The executor resources of a leaf component, as JSON, e.g. {@code {"cpuLimit": 4}}. */
    SpecBuilder resources(String component, String resourcesJson) {
        resources.put(component, resourcesJson);
        return this;
    }

    String json() {
        Set<String> leaves = new LinkedHashSet<>();
        collectRefs(rootTasks, leaves);
        dags.values().forEach(t -> collectRefs(t, leaves));
        leaves.removeAll(dags.keySet());
        List<String> components = new ArrayList<>();
        dags.forEach((c, t) -> components.add("\"" + c + "\": {\"dag\": {\"tasks\": {" + t + "}}}"));
        List<String> executors = new ArrayList<>();
        for (String leaf : leaves) {
            components.add("\"" + leaf + "\": {\"executorLabel\": \"exec-" + leaf + "\"}");
            executors.add("\"exec-" + leaf + "\": {\"container\": {\"image\": \"python:3.11\""
                    + (resources.containsKey(leaf) ? ", \"resources\": " + resources.get(leaf) : "") + "}}");
        }
        return "{\"pipelineInfo\": {\"name\": \"" + name + "\"}, \"schemaVersion\": \"" + schemaVersion + "\","
                + " \"sdkVersion\": \"kfp-2.13.0\","
                + " \"components\": {" + String.join(", ", components) + "},"
                + " \"deploymentSpec\": {\"executors\": {" + String.join(", ", executors) + "}},"
                + " \"root\": {\"dag\": {\"tasks\": {" + rootTasks + "}}"
                + (rootParams.isEmpty() ? "" : ", \"inputDefinitions\": {\"parameters\": {" + String.join(", ", rootParams) + "}}")
                + "}}";
    }

    Struct build() {
        return struct(json());
    }

    static Struct struct(String json) {
        try {
            Struct.Builder b = Struct.newBuilder();
            JsonFormat.parser().merge(json, b);
            return b.build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("bad JSON in test: " + e.getMessage() + "\n" + json, e);
        }
    }

    private static void collectRefs(String json, Set<String> into) {
        Matcher m = COMPONENT_REF.matcher(json);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
