package org.opencpm.server.config.schema;

import java.util.List;
import org.opencpm.server.config.ConfigProblem;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Where a {@link ValueType} is reading: the source name, the key path of the value, and the problem list
 * of the whole file. Nested types report per element with {@link #report}; scalar types just throw
 * {@link BadValueException}.
 */
public final class Reading {
    private final String source;
    private final String path;
    private final List<ConfigProblem> problems;

    public Reading(String source, String path, List<ConfigProblem> problems) {
        this.source = source;
        this.path = path;
        this.problems = problems;
    }

    public String source() {
        return source;
    }

    /** The key path of the value being read, such as {@code routes[0].next-hop}. */
    public String path() {
        return path;
    }

    /** The reading of the mapping key {@code name} below this one. */
    public Reading child(String name) {
        return new Reading(source, path.isEmpty() ? name : path + "." + name, problems);
    }

    /** The reading of list item {@code index}. */
    public Reading item(int index) {
        return new Reading(source, path + "[" + index + "]", problems);
    }

    /** The reading of the map entry keyed {@code key} (for keys that are data, such as user URIs). */
    public Reading entry(String key) {
        return new Reading(source, path + "[\"" + key + "\"]", problems);
    }

    /** Records a problem at {@code node}'s line for this path. */
    public void report(Node node, String message) {
        problems.add(new ConfigProblem(source, lineOf(node), path, message));
    }

    /** How many problems the whole file has so far; compare before and after to see if a part failed. */
    public int problemCount() {
        return problems.size();
    }

    /** 1-based line of a node, 0 when unknown. */
    public static int lineOf(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
