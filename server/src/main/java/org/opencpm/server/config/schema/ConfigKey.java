package org.opencpm.server.config.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One declared configuration key: its dotted path relative to its section, its {@link ValueType}, its
 * default (or none, for an optional key), a description for the reference, and value checks.
 *
 * <p>Build with {@link #key(String, ValueType)}:
 * <pre>{@code
 * static final ConfigKey<Duration> SESSION_EXPIRES = ConfigKey.key("session-expires", ValueTypes.duration(true))
 *         .defaultValue(Duration.ofSeconds(1800))
 *         .check(d -> d.getSeconds() >= 90, "at least 90 seconds (RFC 4028 Min-SE)")
 *         .description("Session-Expires the PF asks for (RFC 4028), in seconds.")
 *         .build();
 * }</pre>
 *
 * @param <T> the Java type of the value
 */
public final class ConfigKey<T> {

    /** A value check: the predicate, and the requirement it states, used in the error message. */
    public record Check<T>(Predicate<T> test, String requirement) {
    }

    private final String path;
    private final ValueType<T> type;
    private final T defaultValue;
    private final String defaultText;
    private final String description;
    private final List<Check<T>> checks;
    private final boolean required;

    private ConfigKey(Builder<T> b) {
        this.required = b.required;
        this.path = b.path;
        this.type = b.type;
        this.defaultValue = b.defaultValue;
        this.defaultText = b.defaultText != null ? b.defaultText
                : b.defaultValue != null ? b.type.render(b.defaultValue) : b.required ? "required" : "";
        this.description = b.description;
        this.checks = List.copyOf(b.checks);
    }

    public static <T> Builder<T> key(String path, ValueType<T> type) {
        return new Builder<>(path, type);
    }

    /** Dotted path relative to the section, such as {@code imap.host}. */
    public String path() {
        return path;
    }

    public ValueType<T> type() {
        return type;
    }

    /** The default, or {@code null} for an optional key without one. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the reference shows it; empty when there is none. */
    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    public List<Check<T>> checks() {
        return checks;
    }

    /** Whether the enclosing mapping must set this key (used inside list items, such as a route's next hop). */
    public boolean required() {
        return required;
    }

    @Override
    public String toString() {
        return "ConfigKey[" + path + "]";
    }

    /** Builder for {@link ConfigKey}; {@link #description} and either a default or {@link #optional()} are required. */
    public static final class Builder<T> {
        private final String path;
        private final ValueType<T> type;
        private T defaultValue;
        private String defaultText;
        private String description;
        private boolean optional;
        private boolean required;
        private final List<Check<T>> checks = new ArrayList<>();

        private Builder(String path, ValueType<T> type) {
            this.path = Objects.requireNonNull(path, "path");
            this.type = Objects.requireNonNull(type, "type");
            if (!path.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*")) {
                throw new IllegalArgumentException("config key path must be lower-case words with dashes and dots: " + path);
            }
        }

        public Builder<T> defaultValue(T value) {
            this.defaultValue = Objects.requireNonNull(value, "default");
            return this;
        }

        /** How the reference shows the default, when it is derived from other keys (e.g. {@code sip:chat@<domain>}). */
        public Builder<T> defaultText(String text) {
            this.defaultText = text;
            return this;
        }

        /** The key may be absent and then has no value; read it with {@link ConfigValues#find}. */
        public Builder<T> optional() {
            this.optional = true;
            return this;
        }

        /** The enclosing mapping must set the key; it has no default. */
        public Builder<T> required() {
            this.required = true;
            this.optional = true;
            return this;
        }

        public Builder<T> description(String text) {
            this.description = text;
            return this;
        }

        public Builder<T> check(Predicate<T> test, String requirement) {
            checks.add(new Check<>(test, requirement));
            return this;
        }

        public ConfigKey<T> build() {
            if (description == null || description.isBlank()) {
                throw new IllegalStateException("config key " + path + " needs a description");
            }
            if (defaultValue == null && !optional) {
                throw new IllegalStateException("config key " + path + " needs a default or optional()");
            }
            for (Check<T> c : checks) {
                if (defaultValue != null && !c.test().test(defaultValue)) {
                    throw new IllegalStateException("default of " + path + " fails its own check: " + c.requirement());
                }
            }
            return new ConfigKey<>(this);
        }
    }
}
