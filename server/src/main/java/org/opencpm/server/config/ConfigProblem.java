package org.opencpm.server.config;

/**
 * One error found in a configuration file: where it is (source and 1-based line), which key (the full
 * dotted path, with {@code [i]} for list items and {@code ["…"]} for map entries), and what is wrong
 * together with what would be accepted.
 *
 * <p>{@link #toString()} gives the one-line form used in {@link ConfigException} messages:
 * {@code config.yaml:7: participating-function.mode: 'bidirectional' is not accepted; expected one of: b2bua, proxy}.
 */
public record ConfigProblem(String source, int line, String keyPath, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? source + ":" + line : source;
        return keyPath.isEmpty() ? where + ": " + message : where + ": " + keyPath + ": " + message;
    }
}
