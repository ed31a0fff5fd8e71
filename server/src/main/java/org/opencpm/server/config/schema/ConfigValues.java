package org.opencpm.server.config.schema;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The values read for a set of declared keys (the whole file, or one mapping such as a route), with the
 * YAML node of each so that checks across keys can report the right line. A key that is absent reads as
 * its default.
 */
public final class ConfigValues {
    private final Reading reading;
    private final Node objectNode;
    private final Map<ConfigKey<?>, String> paths;
    private final Map<ConfigKey<?>, Object> values = new HashMap<>();
    private final Map<ConfigKey<?>, Node> nodes = new HashMap<>();
    private final Set<ConfigKey<?>> failed = new HashSet<>();

    ConfigValues(Reading reading, Node objectNode, Map<ConfigKey<?>, String> paths) {
        this.reading = reading;
        this.objectNode = objectNode;
        this.paths = paths;
    }

    void put(ConfigKey<?> key, Object value, Node node) {
        values.put(key, value);
        nodes.put(key, node);
    }

    void fail(ConfigKey<?> key) {
        failed.add(key);
    }

    /** The value, or the key's default when absent. Optional keys without a default are read with {@link #find}. */
    public <T> T get(ConfigKey<T> key) {
        checkDeclared(key);
        Object v = values.get(key);
        if (v == null && key.defaultValue() == null) {
            throw new IllegalStateException(key.path() + " is optional without a default; use find()");
        }
        @SuppressWarnings("unchecked")
        T t = v != null ? (T) v : key.defaultValue();
        return t;
    }

    /** The value when set in the file, else the default when the key has one, else empty. */
    public <T> Optional<T> find(ConfigKey<T> key) {
        checkDeclared(key);
        @SuppressWarnings("unchecked")
        T v = (T) values.get(key);
        return Optional.ofNullable(v != null ? v : key.defaultValue());
    }

    /** Whether the file sets this key (to a non-empty value). */
    public boolean isSet(ConfigKey<?> key) {
        checkDeclared(key);
        return values.containsKey(key);
    }

    /** Whether every one of these keys was read without error (absent keys count as good). Guard cross-key checks with it. */
    public boolean allGood(ConfigKey<?>... keys) {
        for (ConfigKey<?> k : keys) {
            if (failed.contains(k)) {
                return false;
            }
        }
        return true;
    }

    /** Reports a problem with {@code key}, at its line (or the enclosing mapping's when it is absent). */
    public void reject(ConfigKey<?> key, String message) {
        reject(key, key, message);
    }

    /** Reports a problem with {@code key} at the line of {@code lineOf}, for a key that is missing because of another. */
    public void reject(ConfigKey<?> key, ConfigKey<?> lineOf, String message) {
        checkDeclared(key);
        Node at = nodes.containsKey(lineOf) ? nodes.get(lineOf) : nodes.getOrDefault(key, objectNode);
        Reading r = reading;
        for (String segment : paths.get(key).split("\\.")) {
            r = r.child(segment);
        }
        r.report(at, message);
    }

    private void checkDeclared(ConfigKey<?> key) {
        if (!paths.containsKey(key)) {
            throw new IllegalArgumentException(key + " is not declared where these values were read");
        }
    }
}
