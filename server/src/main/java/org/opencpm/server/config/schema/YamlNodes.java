package org.opencpm.server.config.schema;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Small helpers over SnakeYAML's composed nodes, shared by the value types. */
public final class YamlNodes {
    private YamlNodes() {
    }

    /** {@code key:} with nothing after it, or {@code ~} / {@code null}: treated as "not set". */
    public static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** How a value is named in an error message: {@code 'text'}, {@code the number 70000}, {@code a list}. */
    public static String describe(Node node) {
        if (isNull(node)) {
            return "an empty value";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        if (Tag.BOOL.equals(s.getTag())) {
            return "the boolean " + s.getValue();
        }
        if (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag())) {
            return "the number " + s.getValue();
        }
        return "'" + s.getValue() + "'";
    }

    /** The standard complaint about a value: {@code 'x' is not accepted}. */
    public static BadValueException notAccepted(Node node) {
        return new BadValueException(describe(node) + " is not accepted");
    }
}
