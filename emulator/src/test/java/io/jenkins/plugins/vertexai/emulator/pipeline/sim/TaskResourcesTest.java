package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TaskResourcesTest {

    @Test
    void readsKfpResourceFields() throws Exception {
        assertEquals(new ResourceRequest(4, 15e9 / (1 << 30), null, 0), of("{\"cpuLimit\": 4, \"memoryLimit\": 15}", Map.of()));
        assertEquals(new ResourceRequest(0.5, 16, "NVIDIA_TESLA_T4", 2),
                of("{\"resourceCpuLimit\": \"500m\", \"resourceMemoryLimit\": \"16Gi\", \"accelerator\": {\"type\": \"nvidia-tesla-t4\", \"count\": \"2\"}}", Map.of()));
        assertEquals(new ResourceRequest(1, 4, ResourceRequest.ANY_NVIDIA_GPU, 1),
                of("{\"accelerator\": {\"resourceType\": \"nvidia.com/gpu\", \"resourceCount\": \"1\"}}", Map.of()));
        assertEquals(ResourceRequest.DEFAULT, of("{}", Map.of()));
    }

    @Test
    void resolvesPlaceholdersFromKnownInputsElseDefaults() throws Exception {
        String json = "{\"resourceCpuLimit\": \"{{$.inputs.parameters['cpu']}}\", \"resourceMemoryLimit\": \"{{$.inputs.parameters['memory']}}\","
                + " \"accelerator\": {\"resourceType\": \"{{$.inputs.parameters['type']}}\", \"resourceCount\": \"{{$.inputs.parameters['count']}}\"}}";
        Map<String, Value> known = Map.of("cpu", text("8"), "memory", text("{{$.inputs.parameters['mem2']}}"), "mem2", text("32G"),
                "type", text("NVIDIA_L4"), "count", Value.newBuilder().setNumberValue(1).build());
        assertEquals(new ResourceRequest(8, 32e9 / (1 << 30), "NVIDIA_L4", 1), of(json, known));
        assertEquals(ResourceRequest.DEFAULT, of(json, Map.of()));
        assertEquals(ResourceRequest.DEFAULT, of("{\"resourceCpuLimit\": \"{{$.inputs.parameters['loop']}}\"}",
                Map.of("loop", text("{{$.inputs.parameters['loop']}}"))));
    }

    @Test
    void parsesQuantities() {
        assertEquals(OptionalDouble.of(0.25), ResourceQuantities.cpus("250m"));
        assertEquals(OptionalDouble.of(2), ResourceQuantities.cpus("2"));
        assertEquals(OptionalDouble.empty(), ResourceQuantities.cpus("two"));
        assertEquals(OptionalDouble.of(0.5), ResourceQuantities.memoryGib("512Mi"));
        assertEquals(OptionalDouble.of(1024), ResourceQuantities.memoryGib("1Ti"));
        assertEquals(OptionalDouble.empty(), ResourceQuantities.memoryGib("12 parsecs"));
    }

    private static ResourceRequest of(String json, Map<String, Value> inputs) throws InvalidProtocolBufferException {
        Struct.Builder b = Struct.newBuilder();
        JsonFormat.parser().merge(json, b);
        return TaskResources.of(b.build(), inputs);
    }

    private static Value text(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }
}
