package org.opencpm.server.config.schema;

import java.util.List;

/**
 * What one server feature declares about its configuration, in the manner of a Flexisip module: a
 * section name, a purpose, and every key it reads with its type, default and description.
 *
 * <p>The loader validates a file against the union of all declarations (an undeclared key is an error,
 * never silently ignored), and {@code docs/configuration.md} is generated from them. A declaration is
 * a stateless singleton: its keys are {@code static final} constants that {@link #build} reads back from
 * the {@link ConfigValues}.
 *
 * @param <C> the immutable settings record this feature gets
 */
public interface ConfigDeclaration<C> {

    /** YAML section of the keys, such as {@code participating-function}; empty for top-level keys. */
    String section();

    /** Heading of this feature in the configuration reference. */
    String title();

    /** One paragraph for the configuration reference: what the feature is and where the keys apply. */
    String description();

    /** The keys, with paths relative to {@link #section()}, in documentation order. */
    List<ConfigKey<?>> keys();

    /**
     * Checks that involve several keys, run once the whole file has been read. Guard each check with
     * {@link ConfigValues#allGood} on the keys it reads, so that a bad value is not reported twice, and
     * report with {@link ConfigValues#reject}. The default has none.
     */
    default void checkTogether(ConfigValues values) {
    }

    /** Builds this feature's settings; called only when the whole file is free of errors. */
    C build(ConfigValues values);

    /** The full dotted path of {@code key} in the file, such as {@code participating-function.mode}. */
    default String pathOf(ConfigKey<?> key) {
        return section().isEmpty() ? key.path() : section() + "." + key.path();
    }
}
