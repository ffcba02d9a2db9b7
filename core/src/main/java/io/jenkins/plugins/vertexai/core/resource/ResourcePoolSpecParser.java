package io.jenkins.plugins.vertexai.core.resource;

import io.jenkins.plugins.vertexai.core.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses gcloud's {@code --resource-pool-spec} form, for example
 * {@code replica-count=2,machine-type=n1-standard-4,accelerator-type=NVIDIA_TESLA_T4,accelerator-count=1}.
 *
 * <p>The keys are gcloud's, case-sensitive. gcloud has no pool-id key (the server names such pools), so neither
 * does this form; its {@code local-ssd-count} is refused because the pool model has no local SSDs. Spaces around
 * items and one pair of quotes around a value are ignored. Values are only checked for syntax here; ranges are
 * {@link PersistentResourceSpecValidator}'s job.
 */
public final class ResourcePoolSpecParser {
    public static final String FIELD = "--resource-pool-spec";
    static final List<String> KEYS = List.of("machine-type", "replica-count", "min-replica-count",
            "max-replica-count", "accelerator-type", "accelerator-count", "disk-type", "disk-size");
    private static final String FORM = "expected comma-separated key=value items, e.g. "
            + "replica-count=1,machine-type=n1-standard-4; valid keys: " + String.join(", ", KEYS);

    private ResourcePoolSpecParser() {
    }

    /** Parses one spec; every problem in it is reported together under {@value #FIELD}. */
    public static ResourcePoolSpec parse(String spec) {
        Problems problems = new Problems();
        ResourcePoolSpec pool = parse(FIELD, spec, problems);
        problems.throwIfAny();
        return pool;
    }

    /** Parses repeated flags, one pool each; problems name the flag's position, e.g. {@code --resource-pool-spec[1]}. */
    public static List<ResourcePoolSpec> parseAll(List<String> specs) {
        Problems problems = new Problems();
        List<ResourcePoolSpec> pools = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            pools.add(parse(FIELD + "[" + i + "]", specs.get(i), problems));
        }
        problems.throwIfAny();
        return pools;
    }

    private static ResourcePoolSpec parse(String field, String spec, Problems problems) {
        ResourcePoolSpec.Builder pool = ResourcePoolSpec.builder();
        if (spec == null || spec.isBlank()) {
            problems.add(field, "is empty: " + FORM);
            return pool.build();
        }
        Set<String> seen = new HashSet<>();
        for (String rawItem : spec.split(",", -1)) {
            String item = rawItem.strip();
            int eq = item.indexOf('=');
            if (item.isEmpty()) {
                problems.add(field, "has an empty item (two commas in a row, or a comma at either end): " + FORM);
                continue;
            }
            if (eq < 0) {
                problems.add(field, "item '" + item + "' has no '=': " + FORM);
                continue;
            }
            String key = item.substring(0, eq).strip();
            String value = unquote(item.substring(eq + 1).strip());
            if (!KEYS.contains(key)) {
                problems.add(field, unknownKey(key));
                continue;
            }
            if (!seen.add(key)) {
                problems.add(field, "key '" + key + "' is given more than once; give each key at most once");
                continue;
            }
            if (value.isEmpty()) {
                problems.add(field, "key '" + key + "' has an empty value: write " + key + "=VALUE");
                continue;
            }
            set(pool, field, key, value, problems);
        }
        return pool.build();
    }

    private static void set(ResourcePoolSpec.Builder pool, String field, String key, String value, Problems problems) {
        switch (key) {
            case "machine-type" -> pool.machineType(value);
            case "accelerator-type" -> pool.acceleratorType(value);
            case "disk-type" -> pool.diskType(value);
            case "replica-count" -> pool.replicaCount(wholeNumber(field, key, value, problems));
            case "min-replica-count" -> pool.minReplicaCount(wholeNumber(field, key, value, problems));
            case "max-replica-count" -> pool.maxReplicaCount(wholeNumber(field, key, value, problems));
            case "accelerator-count" -> pool.acceleratorCount(toInt(field, key, wholeNumber(field, key, value, problems), problems));
            case "disk-size" -> pool.diskSizeGb(toInt(field, key, wholeNumber(field, key, value, problems), problems));
            default -> throw new IllegalStateException("key without a setter: " + key);
        }
    }

    private static String unknownKey(String key) {
        String hint = "";
        if (key.contains("_") && KEYS.contains(key.replace('_', '-'))) {
            hint = " (did you mean '" + key.replace('_', '-') + "'?)";
        } else if (KEYS.contains(key.toLowerCase(Locale.ROOT))) {
            hint = " (keys are lowercase: '" + key.toLowerCase(Locale.ROOT) + "')";
        } else if (key.equals("local-ssd-count")) {
            hint = " (gcloud's local-ssd-count is not supported here)";
        }
        return "unknown key '" + key + "'" + hint + "; valid keys: " + String.join(", ", KEYS);
    }

    /** Values copied from a shell example keep their quotes ({@code machine-type='n1-standard-4'}). */
    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '\'' || first == '"') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1).strip();
            }
        }
        return value;
    }

    private static Long wholeNumber(String field, String key, String value, Problems problems) {
        if (!value.matches("[+-]?[0-9]+")) {
            problems.add(field, "key '" + key + "' must be a whole number such as " + key + "=2, got '" + value + "'");
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            problems.add(field, "key '" + key + "' is too large: '" + value + "'");
            return null;
        }
    }

    private static Integer toInt(String field, String key, Long value, Problems problems) {
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            problems.add(field, "key '" + key + "' is too large: " + value);
            return null;
        }
        return value.intValue();
    }
}
