package io.jenkins.plugins.vertexai.core.bundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What plugin/pom.xml says about the libraries the .hpi bundles: the exclusions on vertex-ai-core and the list. */
final class PluginPom {
    private final Document pom;

    private PluginPom(Document pom) {
        this.pom = pom;
    }

    static PluginPom read(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return new PluginPom(factory.newDocumentBuilder().parse(file.toFile()));
    }

    /** {@code hpi.bundledArtifacts}: the artifactIds maven-hpi-plugin must find in WEB-INF/lib. */
    List<String> bundledArtifacts() {
        NodeList properties = pom.getElementsByTagName("hpi.bundledArtifacts");
        if (properties.getLength() != 1) {
            throw new IllegalStateException("plugin/pom.xml must set hpi.bundledArtifacts once");
        }
        return Arrays.asList(properties.item(0).getTextContent().strip().split(","));
    }

    /** The exclusions on the vertex-ai-core dependency, as {@code groupId:artifactId} patterns ({@code *} allowed). */
    List<String> coreExclusions() {
        NodeList dependencies = pom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if ("vertex-ai-core".equals(child(dependency, "artifactId"))) {
                List<String> patterns = new ArrayList<>();
                NodeList exclusions = dependency.getElementsByTagName("exclusion");
                for (int j = 0; j < exclusions.getLength(); j++) {
                    Element exclusion = (Element) exclusions.item(j);
                    patterns.add(child(exclusion, "groupId") + ":" + child(exclusion, "artifactId"));
                }
                return patterns;
            }
        }
        throw new IllegalStateException("plugin/pom.xml has no vertex-ai-core dependency");
    }

    static boolean matches(String pattern, String artifact) {
        String[] p = pattern.split(":");
        String[] a = artifact.split(":");
        return (p[0].equals("*") || p[0].equals(a[0])) && (p[1].equals("*") || p[1].equals(a[1]));
    }

    private static String child(Element parent, String name) {
        return parent.getElementsByTagName(name).item(0).getTextContent().strip();
    }
}
