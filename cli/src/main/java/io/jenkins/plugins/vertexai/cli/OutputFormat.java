package io.jenkins.plugins.vertexai.cli;

/** {@code --format}: picocli accepts only these names and otherwise names the flag and lists them. */
enum OutputFormat {
    text, json
}
