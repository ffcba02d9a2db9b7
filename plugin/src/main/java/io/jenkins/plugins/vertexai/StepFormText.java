package io.jenkins.plugins.vertexai;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import io.jenkins.plugins.vertexai.core.TextForms;
import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.sf.json.JSONObject;

/**
 * The map and list arguments of the Pipeline steps as text areas of their configuration form, which is also the
 * Snippet Generator's: a map as {@code KEY=VALUE} lines, a list one item per line (the freestyle forms' text, see
 * {@link TextForms}). The descriptors turn the submitted text into the map or list before the step is bound, so
 * the generated Groovy holds the real value: {@code labels: [team: 'ml']}.
 */
final class StepFormText {
    private StepFormText() {
    }

    /** The text area's content for a step's current map or list value; empty for none. */
    static String of(@CheckForNull Object value) {
        if (value instanceof Map<?, ?> map) {
            return TextForms.text(map);
        }
        if (value instanceof Collection<?> items) {
            return TextForms.text(items);
        }
        return value == null ? "" : value.toString();
    }

    /** Removes {@code field}'s text from the form: {@code KEY=VALUE} one per line (values may hold commas); null when blank. */
    static Map<String, Object> takeKeyValueLines(JSONObject form, String field) throws FormException {
        return take(form, field, text -> new LinkedHashMap<>(TextLists.keyValueLines(field, text)));
    }

    /** Removes {@code field}'s text from the form: {@code KEY=VALUE} one per line or separated by commas; null when blank. */
    static Map<String, String> takeKeyValues(JSONObject form, String field) throws FormException {
        return take(form, field, text -> TextLists.keyValues(field, text));
    }

    /** Removes {@code field}'s text from the form: one item per line; null when blank. */
    static List<String> takeLines(JSONObject form, String field) throws FormException {
        return take(form, field, text -> new ArrayList<>(TextLists.lines(text)));
    }

    /** Removes {@code field}'s text from the form: one item per line or separated by commas; null when blank. */
    static List<String> takeItems(JSONObject form, String field) throws FormException {
        return take(form, field, text -> new ArrayList<>(TextLists.items(text)));
    }

    /** Removes {@code field}'s choice from the form: empty (not set), true or false. */
    static Boolean takeTriState(JSONObject form, String field) throws FormException {
        return take(form, field, text -> TextLists.triState(field, text));
    }

    private static <T> T take(JSONObject form, String field, Function<String, T> parse) throws FormException {
        Object raw = form.remove(field);
        String text = raw == null ? null : Util.fixEmptyAndTrim(raw.toString());
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (ValidationException e) {
            throw new FormException(e.getMessage(), field);
        }
    }
}
