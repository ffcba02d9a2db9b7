package io.jenkins.plugins.vertexai.cli;

import com.google.gson.GsonBuilder;

/** Pretty JSON for {@code --format json}. */
final class Json {
    private Json() {
    }

    static String of(Object value) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(value);
    }
}
