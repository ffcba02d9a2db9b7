package io.jenkins.plugins.vertexai;

import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.vertexai.core.Labels;
import io.jenkins.plugins.vertexai.core.Problems;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.resource.AcceleratorTypes;
import io.jenkins.plugins.vertexai.core.resource.IfExists;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpecValidator;
import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpec;
import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpecParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Form validation for the configuration pages. The rules are core's: a field is checked by validating an
 * otherwise valid probe with only that field set, and the problems reported for that field are shown.
 * A value that uses {@code ${…}} is expanded at build time and cannot be checked here.
 */
final class FormChecks {
    private FormChecks() {
    }

    static boolean isExpression(String value) {
        return value != null && value.contains("${");
    }

    static FormValidation projectId(String value, boolean optional) {
        return resourceField(value, optional, "project", (b, v) -> b.project(v));
    }

    static FormValidation region(String value, boolean optional) {
        return resourceField(value, optional, "region", (b, v) -> b.region(v));
    }

    static FormValidation persistentResourceId(String value, boolean optional) {
        return resourceField(value, optional, "persistentResourceId", (b, v) -> {
            b.persistentResourceId(v);
            if (v.startsWith("projects/")) {
                b.project(null).region(null); // a full name carries its own
            }
        });
    }

    static FormValidation displayName(String value) {
        return resourceField(value, true, "displayName", (b, v) -> b.displayName(v));
    }

    static FormValidation serviceAccount(String value) {
        return resourceField(value, true, "serviceAccount", (b, v) -> b.serviceAccount(v));
    }

    static FormValidation network(String value) {
        return resourceField(value, true, "network", (b, v) -> b.network(v));
    }

    static FormValidation kmsKeyName(String value) {
        return resourceField(value, true, "kmsKeyName", (b, v) -> b.kmsKeyName(v));
    }

    /** {@code KEY=VALUE} lines (or comma-separated), as the freestyle forms take them. */
    static FormValidation labels(String text) {
        if (Util.fixEmptyAndTrim(text) == null || isExpression(text)) {
            return FormValidation.ok();
        }
        try {
            Problems problems = new Problems();
            Labels.validate("labels", TextLists.keyValues("labels", text), problems);
            problems.throwIfAny();
            return FormValidation.ok();
        } catch (ValidationException e) {
            return error(e.problems());
        }
    }

    /** One gcloud-style pool spec per line. */
    static FormValidation resourcePoolSpecs(String text) {
        if (Util.fixEmptyAndTrim(text) == null || isExpression(text)) {
            return FormValidation.ok();
        }
        try {
            ResourcePoolSpecParser.parseAll(TextLists.lines(text));
            return FormValidation.ok();
        } catch (ValidationException e) {
            return error(e.problems());
        }
    }

    static FormValidation poolId(String value) {
        return poolField(value, true, "id", (b, v) -> b.id(v));
    }

    static FormValidation machineType(String value) {
        return poolField(value, false, "machineType", (b, v) -> b.machineType(v));
    }

    static FormValidation replicaCount(String value) {
        return poolField(value, true, "replicaCount", number(Long::valueOf, (b, n) -> b.replicaCount(n)));
    }

    static FormValidation minReplicaCount(String value) {
        return poolField(value, true, "minReplicaCount", number(Long::valueOf, (b, n) -> b.minReplicaCount(n).maxReplicaCount(n)));
    }

    static FormValidation maxReplicaCount(String value) {
        return poolField(value, true, "maxReplicaCount", number(Long::valueOf, (b, n) -> b.maxReplicaCount(n).minReplicaCount(Math.min(n, 1L))));
    }

    static FormValidation acceleratorCount(String value) {
        return poolField(value, true, "acceleratorCount", number(Integer::valueOf, (b, n) -> b.acceleratorCount(n).acceleratorType("NVIDIA_TESLA_T4")));
    }

    static FormValidation diskSizeGb(String value) {
        return poolField(value, true, "diskSizeGb", number(Integer::valueOf, (b, n) -> b.diskSizeGb(n).diskType("pd-ssd")));
    }

    static FormValidation timeoutMinutes(String value) {
        if (Util.fixEmptyAndTrim(value) == null || isExpression(value)) {
            return FormValidation.ok();
        }
        return FormValidation.validateNonNegativeInteger(value.trim());
    }

    /** host:port, https://host[:port] or http://host:port (plaintext: the emulator only). */
    static FormValidation apiEndpoint(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok();
        }
        if (v.chars().anyMatch(Character::isWhitespace)) {
            return FormValidation.error(Messages.FormChecks_apiEndpointForm());
        }
        if (v.startsWith("http://")) {
            return FormValidation.warning(Messages.FormChecks_plaintextEndpoint());
        }
        return FormValidation.ok();
    }

    /** Core's accelerator names (from the client's enum), after an empty "none" entry. */
    static ListBoxModel acceleratorTypes() {
        ListBoxModel m = new ListBoxModel();
        m.add(Messages.FormChecks_none(), "");
        AcceleratorTypes.names().forEach(n -> m.add(n, n));
        return m;
    }

    /** reuse, fail, recreate: core's {@link IfExists}. */
    static ListBoxModel ifExistsItems() {
        ListBoxModel m = new ListBoxModel();
        for (IfExists v : IfExists.values()) {
            String s = v.name().toLowerCase(Locale.ROOT);
            m.add(s, s);
        }
        return m;
    }

    static ListBoxModel diskTypes() {
        ListBoxModel m = new ListBoxModel();
        m.add(Messages.FormChecks_defaultDisk(), "");
        PersistentResourceSpecValidator.DISK_TYPES.forEach(n -> m.add(n, n));
        return m;
    }

    static FormValidation error(List<ValidationException.Problem> problems) {
        return FormValidation.error(problems.stream().map(ValidationException.Problem::message).collect(Collectors.joining("; ")));
    }

    private interface Setter<B> {
        void set(B builder, String value);
    }

    private static <N> Setter<ResourcePoolSpec.Builder> number(Function<String, N> parse, BiConsumer<ResourcePoolSpec.Builder, N> set) {
        return (b, v) -> set.accept(b, parse.apply(v));
    }

    private static FormValidation resourceField(String value, boolean optional, String field, Setter<PersistentResourceSpec.Builder> setter) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return optional ? FormValidation.ok() : FormValidation.error(Messages.FormChecks_required());
        }
        if (isExpression(v)) {
            return FormValidation.ok();
        }
        PersistentResourceSpec.Builder probe = probe();
        setter.set(probe, v);
        return check(field, probe::build);
    }

    private static FormValidation poolField(String value, boolean optional, String field, Setter<ResourcePoolSpec.Builder> setter) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return optional ? FormValidation.ok() : FormValidation.error(Messages.FormChecks_required());
        }
        if (isExpression(v)) {
            return FormValidation.ok();
        }
        ResourcePoolSpec.Builder pool = ResourcePoolSpec.builder().machineType("n1-standard-4").replicaCount(1L);
        try {
            setter.set(pool, v);
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.FormChecks_notANumber(v));
        }
        PersistentResourceSpec.Builder probe = probe().resourcePools(List.of(pool.build()));
        return check("resourcePools[0]." + field, probe::build);
    }

    private static PersistentResourceSpec.Builder probe() {
        return PersistentResourceSpec.builder().persistentResourceId("probe").project("probe-project").region("us-central1")
                .addResourcePool(ResourcePoolSpec.builder().machineType("n1-standard-4").replicaCount(1L).build());
    }

    private static FormValidation check(String field, Supplier<PersistentResourceSpec> spec) {
        try {
            PersistentResourceSpecValidator.validate(spec.get());
            return FormValidation.ok();
        } catch (ValidationException e) {
            List<ValidationException.Problem> mine = new ArrayList<>();
            for (ValidationException.Problem p : e.problems()) {
                if (p.field().equals(field) || p.field().startsWith(field + ".") || p.field().startsWith(field + "[")) {
                    mine.add(p);
                }
            }
            return mine.isEmpty() ? FormValidation.ok() : error(mine);
        }
    }
}
