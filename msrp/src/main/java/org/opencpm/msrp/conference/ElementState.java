package org.opencpm.msrp.conference;

import java.util.Optional;

/**
 * The {@code state} attribute of {@code <conference-info>}, {@code <user>} and {@code <endpoint>}
 * (RFC 4575): whether the element carries its full state, a change, or its removal.
 */
public enum ElementState {
    /** {@code full}: the element carries its complete state (the default when the attribute is absent). */
    FULL("full"),
    /** {@code partial}: only the children present changed; the others keep their value. */
    PARTIAL("partial"),
    /** {@code deleted}: the element is removed. */
    DELETED("deleted");

    private final String token;

    ElementState(String token) {
        this.token = token;
    }

    /** The XML value. */
    public String token() {
        return token;
    }

    /** The constant for an XML value; empty if the schema does not define it. */
    public static Optional<ElementState> fromToken(String token) {
        for (ElementState v : values()) {
            if (v.token.equals(token)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
