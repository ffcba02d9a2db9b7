package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Stapler reads {@code ${%Text (a, b)}} as the message {@code "Text "} with the arguments {@code a} and {@code b},
 * each parsed as an expression: {@code (gcloud form, one per line)} broke the page, {@code (GB)} silently cut the
 * title. Message keys in the views are plain words; quotes would end the expression early, and {@code =} or
 * {@code :} would need escaping in a translation's .properties file.
 */
class JellyMessageKeysTest {
    private static final Pattern MESSAGE = Pattern.compile("\\$\\{%([^}]*)}");
    private static final Pattern UNSAFE = Pattern.compile("[()'\"=:{]");

    @Test
    void messageKeysInViewsArePlainWords() throws IOException {
        List<Path> views;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources"))) {
            views = files.filter(f -> f.toString().endsWith(".jelly")).toList();
        }
        assertThat(views, not(empty()));
        List<String> unsafe = new ArrayList<>();
        for (Path view : views) {
            Matcher m = MESSAGE.matcher(Files.readString(view, StandardCharsets.UTF_8));
            while (m.find()) {
                if (UNSAFE.matcher(m.group(1)).find()) {
                    unsafe.add(view.getFileName() + ": " + m.group());
                }
            }
        }
        assertThat(unsafe, empty());
    }
}
