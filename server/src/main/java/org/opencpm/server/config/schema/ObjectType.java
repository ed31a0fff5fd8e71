package org.opencpm.server.config.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.opencpm.server.config.internal.Suggestions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping whose keys are declared {@link ConfigKey}s (dotted paths become nested mappings), built
 * into a {@code T} once every key has been read. Used for the whole file and for structured items such
 * as a route or a user. Unknown and duplicate keys are reported, with a "did you mean" suggestion.
 * YAML merge keys ({@code <<: *shared}) are expanded, so users can share preferences through an anchor.
 *
 * @param <T> what the mapping is built into
 */
public final class ObjectType<T> implements ValueType<T> {
    private final String typeName;
    private final Map<String, ConfigKey<?>> fields;
    private final Function<ConfigValues, T> builder;
    private final Map<String, Object> trie;

    private ObjectType(String typeName, Map<String, ConfigKey<?>> fields, Function<ConfigValues, T> builder) {
        this.typeName = typeName;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.builder = builder;
        this.trie = trieOf(this.fields);
    }

    /**
     * A mapping of {@code keys} (paths relative to the mapping) built by {@code builder}.
     *
     * @param typeName what one such mapping is called in the reference, such as {@code route}
     */
    public static <T> ObjectType<T> of(String typeName, List<ConfigKey<?>> keys, Function<ConfigValues, T> builder) {
        Map<String, ConfigKey<?>> fields = new LinkedHashMap<>();
        for (ConfigKey<?> k : keys) {
            if (fields.put(k.path(), k) != null) {
                throw new IllegalArgumentException("key declared twice: " + k.path());
            }
        }
        return new ObjectType<>(typeName, fields, builder);
    }

    /** A mapping whose keys are given with their full paths (for the whole file, from all declarations). */
    public static ObjectType<ConfigValues> ofPaths(Map<String, ConfigKey<?>> fields) {
        return new ObjectType<>("mapping", fields, Function.identity());
    }

    /** Declared keys by path relative to this mapping, in declaration order. */
    public Map<String, ConfigKey<?>> fields() {
        return fields;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public String accepted() {
        return "a mapping with the keys " + String.join(", ", fields.keySet());
    }

    @Override
    public T read(Node node, Reading reading) throws BadValueException {
        if (!YamlNodes.isNull(node) && !(node instanceof MappingNode)) {
            throw YamlNodes.notAccepted(node);
        }
        int before = reading.problemCount();
        ConfigValues values = readValues(node, reading);
        return reading.problemCount() == before ? builder.apply(values) : null;
    }

    /** Reads the keys without building; an empty ({@code null}) node gives all defaults. */
    public ConfigValues readValues(Node node, Reading reading) {
        Map<ConfigKey<?>, String> paths = new HashMap<>();
        fields.forEach((p, k) -> paths.put(k, p));
        ConfigValues values = new ConfigValues(reading, node, paths);
        if (node instanceof MappingNode m) {
            walk(m, trie, reading, values);
        }
        fields.forEach((path, key) -> {
            if (key.required() && !values.isSet(key) && values.allGood(key)) {
                values.reject(key, "is missing; expected " + key.type().accepted());
            }
        });
        return values;
    }

    private void walk(MappingNode mapping, Map<String, Object> level, Reading reading, ConfigValues out) {
        Map<String, Integer> seen = new HashMap<>();
        for (NodeTuple tuple : withMerges(mapping, reading, Collections.newSetFromMap(new IdentityHashMap<>()))) {
            Node keyNode = tuple.getKeyNode();
            Node valueNode = tuple.getValueNode();
            if (!(keyNode instanceof ScalarNode s) || YamlNodes.isNull(keyNode)) {
                reading.report(keyNode, describe(keyNode) + " is not accepted as a key; expected one of: "
                        + String.join(", ", level.keySet()));
                continue;
            }
            String name = s.getValue();
            Reading here = reading.child(name);
            Integer firstLine = seen.putIfAbsent(name, Reading.lineOf(keyNode));
            if (firstLine != null) {
                here.report(keyNode, "duplicate key; it is already set at line " + firstLine);
                continue;
            }
            Object entry = level.get(name);
            if (entry == null) {
                here.report(keyNode, unknownKey(name, level, reading.path()));
                continue;
            }
            if (YamlNodes.isNull(valueNode)) {
                continue;
            }
            if (entry instanceof ConfigKey<?> key) {
                readLeaf(key, valueNode, here, out);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> sub = (Map<String, Object>) entry;
                if (valueNode instanceof MappingNode m) {
                    walk(m, sub, here, out);
                } else {
                    here.report(valueNode, YamlNodes.describe(valueNode) + " is not accepted; expected a mapping with the keys "
                            + String.join(", ", sub.keySet()));
                    failAll(sub, out);
                }
            }
        }
    }

    /**
     * The mapping's entries with YAML merge keys ({@code <<: *defaults}) expanded: an explicit key wins
     * over a merged one, and among merged mappings the first wins (YAML 1.1 merge type).
     */
    private static List<NodeTuple> withMerges(MappingNode mapping, Reading reading, Set<Node> expanding) {
        if (!expanding.add(mapping)) {
            reading.report(mapping, "the merge key '<<' refers to a mapping that contains it");
            return List.of();
        }
        List<NodeTuple> explicit = new ArrayList<>();
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            if (!Tag.MERGE.equals(t.getKeyNode().getTag())) {
                explicit.add(t);
                continue;
            }
            Node v = t.getValueNode();
            for (Node source : v instanceof SequenceNode s ? s.getValue() : List.of(v)) {
                if (source instanceof MappingNode m) {
                    merged.addAll(withMerges(m, reading, expanding));
                } else {
                    reading.report(source, "the merge key '<<' takes a mapping or a list of mappings, not "
                            + YamlNodes.describe(source));
                }
            }
        }
        expanding.remove(mapping);
        if (merged.isEmpty()) {
            return explicit;
        }
        Set<String> names = new HashSet<>();
        for (NodeTuple t : explicit) {
            if (t.getKeyNode() instanceof ScalarNode s) {
                names.add(s.getValue());
            }
        }
        List<NodeTuple> out = new ArrayList<>(explicit);
        for (NodeTuple t : merged) {
            if (!(t.getKeyNode() instanceof ScalarNode s) || names.add(s.getValue())) {
                out.add(t);
            }
        }
        return out;
    }

    private static <V> void readLeaf(ConfigKey<V> key, Node node, Reading here, ConfigValues out) {
        int before = here.problemCount();
        V value;
        try {
            value = key.type().read(node, here);
        } catch (BadValueException e) {
            here.report(node, e.getMessage() + "; expected " + key.type().accepted());
            out.fail(key);
            return;
        }
        if (value == null || here.problemCount() != before) {
            out.fail(key);
            return;
        }
        for (ConfigKey.Check<V> check : key.checks()) {
            if (!check.test().test(value)) {
                here.report(node, key.type().render(value) + " is not accepted; expected " + check.requirement());
                out.fail(key);
                return;
            }
        }
        out.put(key, value, node);
    }

    private static void failAll(Map<String, Object> level, ConfigValues out) {
        for (Object o : level.values()) {
            if (o instanceof ConfigKey<?> k) {
                out.fail(k);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> sub = (Map<String, Object>) o;
                failAll(sub, out);
            }
        }
    }

    private String unknownKey(String name, Map<String, Object> level, String parentPath) {
        String suggestion = Suggestions.closest(name, level.keySet());
        if (suggestion == null) {
            // The key may belong to another section: "mode:" at the top level, for example.
            List<String> elsewhere = new ArrayList<>();
            for (String path : fields.keySet()) {
                if (path.equals(name) || path.endsWith("." + name)) {
                    elsewhere.add(path);
                }
            }
            if (elsewhere.size() == 1) {
                suggestion = elsewhere.get(0);
            }
        }
        String where = parentPath.isEmpty() ? "at the top level" : "in " + parentPath;
        String known = "; expected one of: " + String.join(", ", level.keySet());
        return suggestion != null
                ? "unknown key '" + name + "' " + where + " (did you mean '" + suggestion + "'?)" + known
                : "unknown key '" + name + "' " + where + known;
    }

    private static String describe(Node keyNode) {
        return YamlNodes.describe(keyNode);
    }

    private static Map<String, Object> trieOf(Map<String, ConfigKey<?>> fields) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigKey<?>> e : fields.entrySet()) {
            String[] segments = e.getKey().split("\\.");
            Map<String, Object> level = root;
            for (int i = 0; i < segments.length - 1; i++) {
                Object next = level.computeIfAbsent(segments[i], s -> new LinkedHashMap<String, Object>());
                if (next instanceof ConfigKey) {
                    throw new IllegalArgumentException(e.getKey() + " is below the key " + segments[i]);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) next;
                level = m;
            }
            if (level.putIfAbsent(segments[segments.length - 1], e.getValue()) != null) {
                throw new IllegalArgumentException("key declared twice or also a section: " + e.getKey());
            }
        }
        return root;
    }
}
