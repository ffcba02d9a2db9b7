package io.jenkins.plugins.vertexai.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Jenkins plugin (built only with -Pjenkins) bundles vertex-ai-core and its runtime closure minus the exclusions
 * in plugin/pom.xml, and declares that list in hpi.bundledArtifacts, which maven-hpi-plugin enforces. This keeps the
 * declared list in step with core's real dependencies in the build that runs everywhere, so a new or dropped library
 * (a libraries-bom bump) fails here and not first in the Jenkins build.
 */
class PluginBundleTest {
    @Test
    void declaredBundleIsCoresRuntimeClosureMinusThePluginsExclusions() throws Exception {
        DependencyTreeFile tree = DependencyTreeFile.read(Path.of(System.getProperty("vertexai.runtimeTree",
                "target/runtime-dependency-tree.txt")));
        PluginPom plugin = PluginPom.read(Path.of(System.getProperty("vertexai.pluginPom", "../plugin/pom.xml")));
        List<String> exclusions = plugin.coreExclusions();

        List<String> expected = tree.reachableWithout(
                        artifact -> exclusions.stream().anyMatch(pattern -> PluginPom.matches(pattern, artifact)))
                .stream().map(artifact -> artifact.split(":")[1]).sorted().toList();

        assertEquals(String.join(",", expected), String.join(",", plugin.bundledArtifacts()),
                "set <hpi.bundledArtifacts> in plugin/pom.xml to the expected list (or exclude what must not be bundled)");
    }
}
