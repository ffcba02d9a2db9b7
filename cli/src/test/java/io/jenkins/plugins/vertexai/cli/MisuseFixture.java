package io.jenkins.plugins.vertexai.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Shared bits of the issue-10 tests: the test pipeline and the checks every command's output must pass. */
final class MisuseFixture {
    static final String PROJECT = "cli-project";
    static final String REGION = "europe-west4";

    private MisuseFixture() {
    }

    /** The one-task test pipeline (parameter {@code epochs}) written to {@code dir}. */
    static Path template(Path dir) {
        try (InputStream in = MisuseFixture.class.getResourceAsStream("/misuse/train.yaml")) {
            return Files.write(dir.resolve("train.yaml"), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code args} then project, region and the emulator's endpoint. */
    static String[] at(String endpoint, String... args) {
        return Stream.concat(Stream.of(args), Stream.of("--project", PROJECT, "--region", REGION, "--api-endpoint", endpoint))
                .toArray(String[]::new);
    }

    /** stdout holds exactly one JSON document and nothing else (no progress line before or after it). */
    static JsonElement onlyJson(CliRunner.Result r) {
        String out = r.out().strip();
        if (!(out.startsWith("{") && out.endsWith("}") || out.startsWith("[") && out.endsWith("]"))) {
            throw new AssertionError("stdout is not one JSON document:\n" + r.out() + "\nstderr:\n" + r.err());
        }
        return JsonParser.parseString(out); // throws when anything follows the document
    }
}
