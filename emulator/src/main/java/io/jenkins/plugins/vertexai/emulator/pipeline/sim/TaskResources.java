package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.Structs;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an executor's {@code container.resources} into a {@link ResourceRequest} for one task: {@code cpuLimit} /
 * {@code resourceCpuLimit}, {@code memoryLimit} (GB) / {@code resourceMemoryLimit}, and {@code accelerator}
 * ({@code type}/{@code count} or {@code resourceType}/{@code resourceCount}). Placeholders such as
 * {@code {{$.inputs.parameters['cpu']}}} are looked up in the task's known inputs; what stays unresolved falls back to
 * {@link ResourceRequest#DEFAULT}.
 */
final class TaskResources {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\$\\.inputs\\.parameters\\['([^']+)'\\]\\}\\}");

    private TaskResources() {
    }

    static ResourceRequest of(Struct resources, Map<String, Value> inputs) {
        ResourceRequest d = ResourceRequest.DEFAULT;
        double cpus = quantity(resources, inputs, "resourceCpuLimit", "cpuLimit", "resourceCpuRequest", "cpuRequest",
                true).orElse(d.cpus());
        double memory = quantity(resources, inputs, "resourceMemoryLimit", "memoryLimit", "resourceMemoryRequest",
                "memoryRequest", false).orElse(d.memoryGib());
        Struct accelerator = Structs.struct(resources, "accelerator").orElse(Struct.getDefaultInstance());
        Optional<String> type = text(accelerator, inputs, "resourceType").or(() -> text(accelerator, inputs, "type"))
                .map(TaskResources::acceleratorType);
        int count = text(accelerator, inputs, "resourceCount").or(() -> text(accelerator, inputs, "count"))
                .flatMap(TaskResources::integer).orElse(type.isPresent() ? 1 : 0);
        if (type.isEmpty() || count <= 0) {
            return new ResourceRequest(cpus, memory, null, 0);
        }
        return new ResourceRequest(cpus, memory, type.get(), count);
    }

    /** KFP's accelerator names as AcceleratorType names: nvidia-tesla-t4 → NVIDIA_TESLA_T4. */
    static String acceleratorType(String kfp) {
        String t = kfp.trim();
        if (t.equalsIgnoreCase(ResourceRequest.ANY_NVIDIA_GPU)) {
            return ResourceRequest.ANY_NVIDIA_GPU;
        }
        return t.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static OptionalDouble quantity(Struct resources, Map<String, Value> inputs, String stringField,
                                           String numberField, String stringRequest, String numberRequest, boolean cpu) {
        for (String field : new String[] {stringField, numberField, stringRequest, numberRequest}) {
            Optional<Value> raw = Structs.value(resources, field);
            if (raw.isEmpty()) {
                continue;
            }
            Value v = raw.get();
            if (v.getKindCase() == Value.KindCase.NUMBER_VALUE) {
                // cpuLimit is in CPUs, memoryLimit in GB (KFP converts "15G" to 15.0).
                return OptionalDouble.of(cpu ? v.getNumberValue() : v.getNumberValue() * 1e9 / (1024.0 * 1024 * 1024));
            }
            Optional<String> text = resolve(v.getStringValue(), inputs);
            if (text.isPresent()) {
                OptionalDouble parsed = cpu ? ResourceQuantities.cpus(text.get()) : ResourceQuantities.memoryGib(text.get());
                if (parsed.isPresent() && parsed.getAsDouble() > 0) {
                    return parsed;
                }
            }
            return OptionalDouble.empty(); // unresolved: the default
        }
        return OptionalDouble.empty();
    }

    private static Optional<String> text(Struct s, Map<String, Value> inputs, String field) {
        return Structs.value(s, field).flatMap(v -> switch (v.getKindCase()) {
            case STRING_VALUE -> resolve(v.getStringValue(), inputs);
            case NUMBER_VALUE -> Optional.of(String.valueOf((long) v.getNumberValue()));
            default -> Optional.empty();
        }).filter(t -> !t.isBlank());
    }

    /** The text with a whole-value placeholder replaced by the known input; empty if it cannot be resolved. */
    private static Optional<String> resolve(String text, Map<String, Value> inputs) {
        return resolve(text, inputs, 0);
    }

    private static Optional<String> resolve(String text, Map<String, Value> inputs, int depth) {
        Matcher m = PLACEHOLDER.matcher(text.trim());
        if (m.matches() && depth < 5) { // inputs may hold placeholders themselves; a cycle stays unresolved
            Value v = inputs.get(m.group(1));
            if (v == null) {
                return Optional.empty();
            }
            if (v.getKindCase() == Value.KindCase.NUMBER_VALUE) {
                double d = v.getNumberValue();
                return Optional.of(d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d));
            }
            return v.getKindCase() == Value.KindCase.STRING_VALUE ? resolve(v.getStringValue(), inputs, depth + 1)
                    : Optional.empty();
        }
        return text.contains("{{") ? Optional.empty() : Optional.of(text);
    }

    private static Optional<Integer> integer(String text) {
        try {
            return Optional.of((int) Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
