package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionEvaluatorTest {
    private static final Map<String, Value> INPUTS = Map.of(
            "pipelinechannel--coin", Value.newBuilder().setStringValue("heads").build(),
            "pipelinechannel--n", Value.newBuilder().setNumberValue(7).build(),
            "pipelinechannel--s", Value.newBuilder().setStringValue("12").build(),
            "pipelinechannel--flag", Value.newBuilder().setBoolValue(true).build());

    @Test
    void evaluatesWhatKfpCompilesConditionsInto() {
        assertEquals(true, eval("inputs.parameter_values['pipelinechannel--coin'] == 'heads'"));
        assertEquals(false, eval("!(inputs.parameter_values['pipelinechannel--coin'] == 'heads')"));
        assertEquals(true, eval("int(inputs.parameter_values['pipelinechannel--n']) > 5"));
        assertEquals(true, eval("int(inputs.parameter_values['pipelinechannel--s']) >= 12 && inputs.parameter_values['pipelinechannel--flag'] == true"));
        assertEquals(false, eval("double(inputs.parameter_values['pipelinechannel--n']) < -1.5"));
        assertEquals(true, eval("inputs.parameter_values['pipelinechannel--coin'] != \"tails\" || false"));
        assertEquals(true, eval("inputs.parameters['pipelinechannel--coin'].string_value == 'heads'"));
    }

    @Test
    void unknownWhenItDependsOnRunTimeValues() {
        assertNull(eval("inputs.parameter_values['pipelinechannel--flip-coin-op-Output'] == 'heads'"));
        assertNull(eval("int(inputs.parameter_values['pipelinechannel--later']) > 3 && inputs.parameter_values['pipelinechannel--flag'] == true"));
        assertEquals(false, eval("inputs.parameter_values['pipelinechannel--later'] == 'x' && false"));
        assertEquals(true, eval("inputs.parameter_values['pipelinechannel--later'] == 'x' || true"));
        assertNull(eval("inputs.parameter_values['pipelinechannel--n'] == 'seven'"));
        assertNull(eval("this is not CEL"));
        assertNull(eval("size(inputs.parameter_values['pipelinechannel--coin']) > 2"));
    }

    private static Boolean eval(String condition) {
        return ConditionEvaluator.evaluate(condition, INPUTS);
    }
}
