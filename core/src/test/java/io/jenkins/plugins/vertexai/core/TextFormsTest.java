package io.jenkins.plugins.vertexai.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextFormsTest {

    @Test
    void linesSkipBlanksAndComments() {
        assertEquals(List.of("machine-type=n1-standard-4,replica-count=1", "b"),
                TextForms.lines("  machine-type=n1-standard-4,replica-count=1 \r\n\n# a comment\nb\n"));
        assertEquals(List.of(), TextForms.lines(null));
    }

    @Test
    void itemsSplitOnLinesAndCommas() {
        assertEquals(List.of("range-a", "range-b", "range-c"), TextForms.items("range-a, range-b\n range-c ,"));
    }

    @Test
    void keyValuesKeepOrderAndSplitOnCommas() {
        Map<String, String> labels = TextForms.keyValues("labels", "team=ml, env = prod\nempty=");
        assertEquals(List.of("team", "env", "empty"), List.copyOf(labels.keySet()));
        assertEquals("prod", labels.get("env"));
        assertEquals("", labels.get("empty"));
    }

    @Test
    void keyValueLinesKeepCommasAndEqualSignsInValues() {
        Map<String, String> parameters = TextForms.keyValueLines("parameterValues", "note=eu, nightly\nquery=a=b");
        assertEquals(Map.of("note", "eu, nightly", "query", "a=b"), parameters);
    }

    @Test
    void aPairWithoutKeyNamesTheField() {
        ValidationException e = assertThrows(ValidationException.class, () -> TextForms.keyValues("labels", "team=ml, ml"));
        assertEquals("labels", e.problems().get(0).field());
        assertEquals("'ml' is not KEY=VALUE", e.problems().get(0).message());
        assertThrows(ValidationException.class, () -> TextForms.keyValueLines("parameterValues", "=10"));
    }

    @Test
    void optionalBooleanIsTrueFalseOrNotSet() {
        assertNull(TextForms.optionalBoolean("enableCaching", " "));
        assertNull(TextForms.optionalBoolean("enableCaching", null));
        assertEquals(Boolean.TRUE, TextForms.optionalBoolean("enableCaching", "TRUE"));
        assertEquals(Boolean.FALSE, TextForms.optionalBoolean("enableCaching", "false "));
        ValidationException e = assertThrows(ValidationException.class, () -> TextForms.optionalBoolean("enableCaching", "yes"));
        assertEquals("enableCaching: 'yes' is not one of true, false (or empty: not set)", e.getMessage());
    }

    @Test
    void textParsesBackToTheSameValues() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("epochs", 10);
        parameters.put("note", "eu, nightly");
        parameters.put("splits", List.of(0.8, 0.2));
        parameters.put("options", Map.of("shuffle", true));
        String text = TextForms.text(parameters);
        assertEquals("epochs=10\nnote=eu, nightly\nsplits=[0.8,0.2]\noptions={\"shuffle\":true}", text);
        assertEquals(Map.of("epochs", "10", "note", "eu, nightly", "splits", "[0.8,0.2]", "options", "{\"shuffle\":true}"),
                TextForms.keyValueLines("parameterValues", text));

        List<String> specs = List.of("machine-type=n1-standard-4,replica-count=1", "machine-type=n1-standard-8,replica-count=2");
        assertEquals(specs, TextForms.lines(TextForms.text(specs)));
        assertEquals(Map.of("team", "ml"), TextForms.keyValues("labels", TextForms.text(Map.of("team", "ml"))));
        assertEquals("", TextForms.text((Map<?, ?>) null));
        assertEquals("", TextForms.text((List<?>) null));
    }
}
