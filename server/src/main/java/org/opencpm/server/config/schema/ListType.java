package org.opencpm.server.config.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML list of one element type. A single scalar is accepted as a list of one
 * ({@code blacklist: sip:x@example.com}) when the element type is a scalar type. Each bad element is
 * reported with its own index and line.
 *
 * @param <E> the element type
 */
public final class ListType<E> implements ValueType<List<E>> {
    private final ValueType<E> element;

    private ListType(ValueType<E> element) {
        this.element = element;
    }

    public static <E> ListType<E> of(ValueType<E> element) {
        return new ListType<>(element);
    }

    public ValueType<E> element() {
        return element;
    }

    @Override
    public String typeName() {
        return "list of " + element.typeName();
    }

    @Override
    public String accepted() {
        return "a list whose items are each " + element.accepted();
    }

    @Override
    public List<E> read(Node node, Reading reading) throws BadValueException {
        if (node instanceof ScalarNode && !(element instanceof ObjectType)) {
            return List.of(element.read(node, reading));
        }
        if (!(node instanceof SequenceNode seq)) {
            throw YamlNodes.notAccepted(node);
        }
        List<E> out = new ArrayList<>();
        boolean failed = false;
        List<Node> items = seq.getValue();
        for (int i = 0; i < items.size(); i++) {
            Reading item = reading.item(i);
            int before = item.problemCount();
            try {
                E e = element.read(items.get(i), item);
                if (e == null || item.problemCount() != before) {
                    failed = true;
                } else {
                    out.add(e);
                }
            } catch (BadValueException e) {
                item.report(items.get(i), e.getMessage() + "; expected " + element.accepted());
                failed = true;
            }
        }
        return failed ? null : List.copyOf(out);
    }

    @Override
    public String render(List<E> value) {
        return value.stream().map(element::render).collect(Collectors.joining(", ", "[", "]"));
    }
}
