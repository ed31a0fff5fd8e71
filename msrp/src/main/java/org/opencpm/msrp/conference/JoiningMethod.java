package org.opencpm.msrp.conference;

import java.util.Optional;

/**
 * The {@code <joining-method>} of an endpoint (RFC 4575).
 */
public enum JoiningMethod {
    /** {@code dialed-in}: the endpoint called the focus. */
    DIALED_IN("dialed-in"),
    /** {@code dialed-out}: the focus invited the endpoint. */
    DIALED_OUT("dialed-out"),
    /** {@code focus-owner}: the endpoint owns the focus (created the conference). */
    FOCUS_OWNER("focus-owner");

    private final String token;

    JoiningMethod(String token) {
        this.token = token;
    }

    /** The XML value. */
    public String token() {
        return token;
    }

    /** The constant for an XML value; empty if the schema does not define it. */
    public static Optional<JoiningMethod> fromToken(String token) {
        for (JoiningMethod v : values()) {
            if (v.token.equals(token)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
