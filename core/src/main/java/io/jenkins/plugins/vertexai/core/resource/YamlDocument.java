package io.jenkins.plugins.vertexai.core.resource;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * One YAML document loaded with SnakeYAML's {@link SafeConstructor} (plain maps, lists and scalars only), plus the
 * line of every path in it so that schema errors can point at the line, not just the path.
 *
 * <p>Timestamps stay strings, duplicate keys are errors, and a file must hold exactly one document.
 */
final class YamlDocument {
    private final Object root;
    private final String sourceName;
    private final Map<String, Integer> lines;

    private YamlDocument(Object root, String sourceName, Map<String, Integer> lines) {
        this.root = root;
        this.sourceName = sourceName;
        this.lines = lines;
    }

    /** Loads {@code text}; syntax errors and empty or multi-document files are reported under {@code sourceName}. */
    static YamlDocument load(String text, String sourceName) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        TreeConstructor constructor = new TreeConstructor(options);
        Yaml yaml = new Yaml(constructor, new Representer(new DumperOptions()), new DumperOptions(), options,
                new TimestampsAsStrings());
        try {
            Iterator<Node> documents = yaml.composeAll(new StringReader(text == null ? "" : text)).iterator();
            if (!documents.hasNext()) {
                throw ValidationException.of(sourceName, "the file is empty; expected a mapping such as "
                        + "'resourcePoolSpecs:' with 'machineSpec:' and 'replicaCount:'");
            }
            Node node = documents.next();
            if (documents.hasNext()) {
                throw ValidationException.of(sourceName, "holds more than one YAML document (a second '---'); "
                        + "put the whole configuration in one document");
            }
            Map<String, Integer> lines = new HashMap<>();
            recordLines(node, "", lines);
            return new YamlDocument(constructor.construct(node), sourceName, lines);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw ValidationException.of(sourceName, "is not valid YAML" + where + ": " + problem);
        } catch (YAMLException e) {
            throw ValidationException.of(sourceName, "is not valid YAML: " + e.getMessage());
        }
    }

    Object root() {
        return root;
    }

    /** Where {@code path} is, for messages: {@code " (config.yaml, line 4)"}. */
    String at(String path) {
        Integer line = lines.get(path);
        return line == null ? " (" + sourceName + ")" : " (" + sourceName + ", line " + line + ")";
    }

    /** Keys are recorded at their key's line, list items at their first line. */
    private static void recordLines(Node node, String path, Map<String, Integer> lines) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getTag() != Tag.MERGE) {
                    String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    lines.putIfAbsent(child, key.getStartMark().getLine() + 1);
                    recordLines(tuple.getValueNode(), child, lines);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String child = path + "[" + i + "]";
                lines.putIfAbsent(child, item.getStartMark().getLine() + 1);
                recordLines(item, child, lines);
            }
        }
    }

    /** Exposes construction of an already composed node, so the file is parsed once. */
    private static final class TreeConstructor extends SafeConstructor {
        TreeConstructor(LoaderOptions options) {
            super(options);
        }

        Object construct(Node node) {
            return constructDocument(node);
        }
    }

    /** A config has no dates; {@code 2024-01-01} must not turn into a {@code java.util.Date}. */
    private static final class TimestampsAsStrings extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            Tag tag = super.resolve(kind, value, implicit);
            return Tag.TIMESTAMP.equals(tag) ? Tag.STR : tag;
        }
    }
}
