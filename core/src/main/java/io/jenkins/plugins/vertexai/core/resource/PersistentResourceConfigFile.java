package io.jenkins.plugins.vertexai.core.resource;

import io.jenkins.plugins.vertexai.core.Problems;
import io.jenkins.plugins.vertexai.core.ValidationException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Reads gcloud's {@code --config} YAML for a persistent resource: the camelCase JSON names of the v1
 * {@code PersistentResource} message, restricted to the fields this plugin manages.
 *
 * <p>Pools go under {@code resourcePools:} (the API's name) or {@code resourcePoolSpecs:} (the name in gcloud's
 * help), either as a list or, as in gcloud's own example, as a single mapping meaning one pool. Nothing is
 * required here: a file may carry only labels or a network and leave the pools to explicit values; the merged
 * result is checked by {@link PersistentResourceSpecValidator}.
 */
public final class PersistentResourceConfigFile {
    static final List<String> TOP_KEYS = List.of("displayName", "resourcePoolSpecs", "resourcePools", "labels",
            "network", "encryptionSpec", "resourceRuntimeSpec", "reservedIpRanges");
    static final List<String> POOL_KEYS = List.of("id", "machineSpec", "replicaCount", "autoscalingSpec", "diskSpec");
    static final List<String> MACHINE_KEYS = List.of("machineType", "acceleratorType", "acceleratorCount");
    static final List<String> AUTOSCALING_KEYS = List.of("minReplicaCount", "maxReplicaCount");
    static final List<String> DISK_KEYS = List.of("bootDiskType", "bootDiskSizeGb");
    static final List<String> ENCRYPTION_KEYS = List.of("kmsKeyName");
    static final List<String> RUNTIME_KEYS = List.of("serviceAccountSpec");
    static final List<String> SERVICE_ACCOUNT_KEYS = List.of("enableCustomServiceAccount", "serviceAccount");

    private PersistentResourceConfigFile() {
    }

    /** Reads a UTF-8 file; a missing or unreadable file is a {@link ValidationException} on the file name. */
    public static PersistentResourceSpec read(Path file) {
        if (Files.isDirectory(file)) {
            throw ValidationException.of(file.toString(), "is a directory; give the YAML config file (resourcePoolSpecs: ...)");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw ValidationException.of(file.toString(), "config file not found");
        } catch (CharacterCodingException e) {
            throw ValidationException.of(file.toString(), "config file is not UTF-8 text");
        } catch (IOException e) {
            throw ValidationException.of(file.toString(), "cannot read config file ("
                    + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage()) + ")");
        }
        return parse(text, file.toString());
    }

    /**
     * Parses {@code yamlText}; {@code sourceName} (usually the file name) appears in every message. All schema
     * problems are reported together, each under its YAML path such as {@code resourcePoolSpecs[1].replicaCount}.
     */
    public static PersistentResourceSpec parse(String yamlText, String sourceName) {
        YamlDocument document = YamlDocument.load(yamlText, sourceName);
        Problems problems = new Problems();
        if (document.root() == null) {
            throw ValidationException.of(sourceName, "the file is empty; expected a mapping such as "
                    + "'resourcePoolSpecs:' with 'machineSpec:' and 'replicaCount:'");
        }
        if (!(document.root() instanceof Map)) {
            throw ValidationException.of(sourceName, "must be a mapping at the top level with keys such as "
                    + String.join(", ", TOP_KEYS) + ", got " + YamlMapping.describe(document.root()));
        }
        YamlMapping top = YamlMapping.of(document.root(), "", TOP_KEYS, document, problems);
        PersistentResourceSpec.Builder spec = PersistentResourceSpec.builder()
                .displayName(top.string("displayName"))
                .labels(top.stringMap("labels"))
                .network(top.string("network"))
                .reservedIpRanges(top.stringList("reservedIpRanges"))
                .resourcePools(pools(top, document, problems));
        YamlMapping encryption = top.mapping("encryptionSpec", ENCRYPTION_KEYS);
        if (encryption != null) {
            spec.kmsKeyName(encryption.string("kmsKeyName"));
        }
        YamlMapping runtime = top.mapping("resourceRuntimeSpec", RUNTIME_KEYS);
        YamlMapping account = runtime == null ? null : runtime.mapping("serviceAccountSpec", SERVICE_ACCOUNT_KEYS);
        if (account != null) {
            spec.enableCustomServiceAccount(account.bool("enableCustomServiceAccount"))
                    .serviceAccount(account.string("serviceAccount"));
        }
        problems.throwIfAny();
        return spec.build();
    }

    private static List<ResourcePoolSpec> pools(YamlMapping top, YamlDocument document, Problems problems) {
        if (top.raw("resourcePoolSpecs") != null && top.raw("resourcePools") != null) {
            problems.add(top.pathOf("resourcePools"), "give either resourcePoolSpecs or resourcePools, not both"
                    + document.at("resourcePools"));
            return List.of();
        }
        String key = top.raw("resourcePools") != null ? "resourcePools" : "resourcePoolSpecs";
        Object value = top.raw(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> items) {
            return IntStream.range(0, items.size())
                    .mapToObj(i -> pool(items.get(i), key + "[" + i + "]", document, problems))
                    .filter(Objects::nonNull)
                    .toList();
        }
        if (value instanceof Map) {
            ResourcePoolSpec pool = pool(value, key, document, problems);
            return pool == null ? List.of() : List.of(pool);
        }
        problems.add(key, "must be a list of pools, or one pool as a mapping with " + String.join(", ", POOL_KEYS)
                + ", got " + YamlMapping.describe(value) + document.at(key));
        return List.of();
    }

    private static ResourcePoolSpec pool(Object value, String path, YamlDocument document, Problems problems) {
        if (value == null) {
            problems.add(path, "is an empty pool; give at least machineSpec.machineType" + document.at(path));
            return null;
        }
        YamlMapping pool = YamlMapping.of(value, path, POOL_KEYS, document, problems);
        if (pool == null) {
            return null;
        }
        ResourcePoolSpec.Builder spec = ResourcePoolSpec.builder()
                .id(pool.string("id"))
                .replicaCount(pool.wholeNumber("replicaCount"));
        YamlMapping machine = pool.mapping("machineSpec", MACHINE_KEYS);
        if (machine != null) {
            spec.machineType(machine.string("machineType"))
                    .acceleratorType(machine.string("acceleratorType"))
                    .acceleratorCount(machine.integer("acceleratorCount"));
        }
        YamlMapping autoscaling = pool.mapping("autoscalingSpec", AUTOSCALING_KEYS);
        if (autoscaling != null) {
            spec.minReplicaCount(autoscaling.wholeNumber("minReplicaCount"))
                    .maxReplicaCount(autoscaling.wholeNumber("maxReplicaCount"));
        }
        YamlMapping disk = pool.mapping("diskSpec", DISK_KEYS);
        if (disk != null) {
            spec.diskType(disk.string("bootDiskType")).diskSizeGb(disk.integer("bootDiskSizeGb"));
        }
        return spec.build();
    }
}
