package io.jenkins.plugins.vertexai.core.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The text written by {@code dependency:tree -Dverbose}: every path to every artifact, including the ones Maven
 * omitted as duplicates or conflicts. Needed because an exclusion can cut the path Maven chose while another
 * path still reaches the artifact.
 */
final class DependencyTreeFile {
    /** One line: an artifact ({@code groupId:artifactId}) and the artifact of the line it hangs from. */
    private record Edge(String parent, String child) {}

    private final String root;
    private final List<Edge> edges;

    private DependencyTreeFile(String root, List<Edge> edges) {
        this.root = root;
        this.edges = edges;
    }

    static DependencyTreeFile read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String root = key(lines.get(0));
        List<Edge> edges = new ArrayList<>();
        List<String> ancestors = new ArrayList<>(List.of(root));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            int start = 0;
            while ("|+-\\ ".indexOf(line.charAt(start)) >= 0) {
                start++;
            }
            int depth = start / 3;
            String text = line.substring(start);
            if (text.split(" ", 2).length == 2 && text.split(" ", 2)[1].contains("optional")) {
                continue; // maven-hpi-plugin bundles no optional artifact
            }
            String child = key(text.startsWith("(") ? text.substring(1) : text);
            ancestors.subList(depth, ancestors.size()).clear();
            edges.add(new Edge(ancestors.get(depth - 1), child));
            ancestors.add(child);
        }
        return new DependencyTreeFile(root, edges);
    }

    String root() {
        return root;
    }

    /** The artifacts still reachable from the root when no path may pass through an excluded artifact. */
    Set<String> reachableWithout(Predicate<String> excluded) {
        Set<String> reached = new HashSet<>(Set.of(root));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Edge edge : edges) {
                if (reached.contains(edge.parent()) && !excluded.test(edge.child()) && reached.add(edge.child())) {
                    grew = true;
                }
            }
        }
        return reached;
    }

    private static String key(String coordinates) {
        String[] parts = coordinates.split("[ ]", 2)[0].split(":");
        return parts[0] + ":" + parts[1];
    }
}
