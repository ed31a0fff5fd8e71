package org.opencpm.server.config.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping whose keys are data (such as user URIs), each validated and normalised by a key type,
 * with values of one type. Two keys that normalise to the same key are reported as duplicates.
 *
 * @param <V> the value type
 */
public final class MapType<V> implements ValueType<Map<String, V>> {
    private final String keyName;
    private final ValueType<String> keyType;
    private final ValueType<V> valueType;

    private MapType(String keyName, ValueType<String> keyType, ValueType<V> valueType) {
        this.keyName = keyName;
        this.keyType = keyType;
        this.valueType = valueType;
    }

    /**
     * @param keyName  how the reference names a key, such as {@code sip-uri}
     * @param keyType  validates a key and returns its normalised form
     * @param valueType the type of each value; an empty value is read as an empty node
     */
    public static <V> MapType<V> of(String keyName, ValueType<String> keyType, ValueType<V> valueType) {
        return new MapType<>(keyName, keyType, valueType);
    }

    public String keyName() {
        return keyName;
    }

    public ValueType<String> keyType() {
        return keyType;
    }

    public ValueType<V> valueType() {
        return valueType;
    }

    @Override
    public String typeName() {
        return "map of " + keyType.typeName() + " to " + valueType.typeName();
    }

    @Override
    public String accepted() {
        return "a mapping from " + keyType.accepted() + " to " + valueType.accepted();
    }

    @Override
    public Map<String, V> read(Node node, Reading reading) throws BadValueException {
        if (!(node instanceof MappingNode mapping)) {
            throw YamlNodes.notAccepted(node);
        }
        Map<String, V> out = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        boolean failed = false;
        for (NodeTuple t : mapping.getValue()) {
            Node k = t.getKeyNode();
            String raw = k instanceof ScalarNode s ? s.getValue() : YamlNodes.describe(k);
            Reading entry = reading.entry(raw);
            String key;
            try {
                key = keyType.read(k, entry);
            } catch (BadValueException e) {
                entry.report(k, e.getMessage() + " as a key; expected " + keyType.accepted());
                failed = true;
                continue;
            }
            Integer first = lines.putIfAbsent(key, Reading.lineOf(k));
            if (first != null) {
                entry.report(k, "duplicate entry; " + key + " is already set at line " + first);
                failed = true;
                continue;
            }
            int before = entry.problemCount();
            try {
                V v = valueType.read(t.getValueNode(), entry);
                if (v == null || entry.problemCount() != before) {
                    failed = true;
                } else {
                    out.put(key, v);
                }
            } catch (BadValueException e) {
                entry.report(t.getValueNode(), e.getMessage() + "; expected " + valueType.accepted());
                failed = true;
            }
        }
        return failed ? null : Collections.unmodifiableMap(out);
    }

    @Override
    public String render(Map<String, V> value) {
        return value.isEmpty() ? "{}" : value.toString();
    }
}
