package org.opencpm.server.config.schema;

/**
 * Thrown by a {@link ValueType} when a YAML value cannot be converted. The reader turns it into a
 * {@link org.opencpm.server.config.ConfigProblem} that adds the key path, the file, the line and what
 * the type accepts, so the message here only says what is wrong with the value itself
 * (for example {@code "'bidirectional' is not one of them"}).
 */
public final class BadValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadValueException(String detail) {
        super(detail, null, false, false);
    }
}
