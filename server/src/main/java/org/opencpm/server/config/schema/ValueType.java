package org.opencpm.server.config.schema;

import org.yaml.snakeyaml.nodes.Node;

/**
 * How one kind of configuration value is read from YAML, validated and described. The standard types
 * are in {@link ValueTypes}; structured ones are {@link ListType}, {@link MapType} and {@link ObjectType}.
 *
 * @param <T> the Java type produced
 */
public interface ValueType<T> {

    /** Short name for the reference's type column, such as {@code duration}. */
    String typeName();

    /** What values are accepted, appended to error messages after "expected". */
    String accepted();

    /**
     * Converts {@code node}. A scalar type throws {@link BadValueException} with what is wrong; a nested
     * type may instead report each bad element with {@link Reading#report} and return {@code null}.
     */
    T read(Node node, Reading reading) throws BadValueException;

    /** The value as it would be written in the file; used for defaults in the reference. */
    default String render(T value) {
        return String.valueOf(value);
    }
}
