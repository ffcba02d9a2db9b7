package io.jenkins.plugins.vertexai.core.pipeline.template;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.core.ValidationException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Reads YAML into protobuf values by walking SnakeYAML's node tree. Scalars are typed as YAML 1.1 (what the KFP
 * SDK's PyYAML reads), except that timestamps stay text: a {@code Date} has no faithful JSON form. Numbers become
 * doubles (a Struct has no integers), keys keep their text as written, and what JSON cannot hold is rejected:
 * NaN, infinities, binary, non-scalar keys, duplicate keys, recursive aliases.
 */
final class YamlStructReader {
    static final int CODE_POINT_LIMIT = 64 << 20; // SnakeYAML's default of 3 MB is below large compiled pipelines
    static final int MAX_DEPTH = 100;
    /** Bounds the expansion of aliases, which SnakeYAML counts but does not size. */
    static final int MAX_VALUES = 5_000_000;
    private static final Set<Tag> COLLECTION_TAGS = Set.of(Tag.MAP, Tag.SEQ, Tag.SET, Tag.OMAP, Tag.PAIRS);

    private final String source;
    private final ScalarConstructor scalars;
    private final Map<Node, Boolean> open = new IdentityHashMap<>();
    private int values;

    private YamlStructReader(String source, LoaderOptions options) {
        this.source = source;
        this.scalars = new ScalarConstructor(options);
    }

    /**
     * The first document as a value, or empty when the text holds no document (only comments). Later documents,
     * such as the {@code platforms:} document of a KFP file, are checked for syntax but not converted.
     */
    static Optional<Value> readFirstDocument(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(CODE_POINT_LIMIT);
        options.setNestingDepthLimit(MAX_DEPTH);
        YamlStructReader reader = new YamlStructReader(source, options);
        Yaml yaml = new Yaml(reader.scalars, new Representer(new DumperOptions()), new DumperOptions(), options,
                new TimestampsAsText());
        try {
            Iterator<Node> documents = yaml.composeAll(new StringReader(text)).iterator();
            if (!documents.hasNext()) {
                return Optional.empty();
            }
            Value first = reader.value(documents.next(), 0);
            while (documents.hasNext()) {
                documents.next();
            }
            return Optional.of(first);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw reader.invalid(mark, problem);
        } catch (YAMLException e) {
            throw ValidationException.of("template", source + ": invalid YAML: " + e.getMessage());
        }
    }

    private Value value(Node node, int depth) {
        if (++values > MAX_VALUES) {
            throw invalid(node.getStartMark(), "more than " + MAX_VALUES + " values after alias expansion");
        }
        if (depth > MAX_DEPTH) {
            throw invalid(node.getStartMark(), "nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar);
        }
        if (!COLLECTION_TAGS.contains(node.getTag())) {
            throw invalid(node.getStartMark(), "unsupported tag " + node.getTag());
        }
        if (open.put(node, Boolean.TRUE) != null) {
            throw invalid(node.getStartMark(), "an alias refers to a collection that contains it");
        }
        try {
            if (node instanceof SequenceNode seq) {
                ListValue.Builder list = ListValue.newBuilder();
                for (Node item : seq.getValue()) {
                    list.addValues(value(item, depth + 1));
                }
                return Value.newBuilder().setListValue(list).build();
            }
            return Value.newBuilder().setStructValue(mapping((MappingNode) node, depth)).build();
        } finally {
            open.remove(node);
        }
    }

    /** Explicit keys win over merged ones ({@code <<}); among merged mappings the first listed wins, as in YAML 1.1. */
    private Struct mapping(MappingNode node, int depth) {
        Map<String, Value> explicit = new LinkedHashMap<>();
        List<Node> merges = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                Node merged = tuple.getValueNode();
                if (merged instanceof SequenceNode seq) {
                    merges.addAll(seq.getValue());
                } else {
                    merges.add(merged);
                }
                continue;
            }
            if (!(keyNode instanceof ScalarNode key)) {
                throw invalid(keyNode.getStartMark(), "keys must be plain scalars, not a " + kind(keyNode));
            }
            if (explicit.containsKey(key.getValue())) {
                throw invalid(keyNode.getStartMark(), "duplicate key '" + key.getValue() + "'");
            }
            explicit.put(key.getValue(), value(tuple.getValueNode(), depth + 1));
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Node merged : merges) {
            if (!(merged instanceof MappingNode)) {
                throw invalid(merged.getStartMark(), "'<<' merges mappings, not a " + kind(merged));
            }
            value(merged, depth + 1).getStructValue().getFieldsMap().forEach(fields::putIfAbsent);
        }
        fields.putAll(explicit);
        return Struct.newBuilder().putAllFields(fields).build();
    }

    private Value scalar(ScalarNode node) {
        Object v;
        try {
            v = scalars.construct(node);
        } catch (YAMLException | NumberFormatException e) {
            throw invalid(node.getStartMark(), "cannot read '" + node.getValue() + "' as " + node.getTag() + ": " + e.getMessage());
        }
        if (v == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (v instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        }
        if (v instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (v instanceof Date) {
            return Value.newBuilder().setStringValue(node.getValue()).build(); // an explicit !!timestamp
        }
        if (v instanceof Number n) {
            double d = n instanceof BigInteger big ? big.doubleValue() : n.doubleValue();
            if (!Double.isFinite(d)) {
                throw invalid(node.getStartMark(), "'" + node.getValue() + "' is not a finite number; JSON and protobuf have no NaN or Infinity");
            }
            return Value.newBuilder().setNumberValue(d).build();
        }
        throw invalid(node.getStartMark(), "unsupported " + node.getTag() + " value (" + v.getClass().getSimpleName() + ")");
    }

    private ValidationException invalid(Mark mark, String problem) {
        String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        return ValidationException.of("template", source + ": invalid YAML" + where + ": " + problem);
    }

    private static String kind(Node node) {
        return node.getNodeId() == NodeId.mapping ? "mapping" : node.getNodeId() == NodeId.sequence ? "list" : "scalar";
    }

    /** SafeConstructor's scalar rules (YAML 1.1 ints in every base, floats, booleans, nulls), one node at a time. */
    private static final class ScalarConstructor extends SafeConstructor {
        ScalarConstructor(LoaderOptions options) {
            super(options);
        }

        Object construct(ScalarNode node) {
            return constructObject(node);
        }
    }

    /** Leaves implicit timestamps as strings; an explicit {@code !!timestamp} tag still reaches the constructor. */
    private static final class TimestampsAsText extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            Tag tag = super.resolve(kind, value, implicit);
            return implicit && Tag.TIMESTAMP.equals(tag) ? Tag.STR : tag;
        }
    }
}
