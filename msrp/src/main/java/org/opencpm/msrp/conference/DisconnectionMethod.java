package org.opencpm.msrp.conference;

import java.util.Optional;

/**
 * The {@code <disconnection-method>} of an endpoint (RFC 4575): {@code departed} when a
 * participant left, {@code booted} when removed (reference §5.3).
 */
public enum DisconnectionMethod {
    /** {@code departed}: the participant left on its own. */
    DEPARTED("departed"),
    /** {@code booted}: the participant was removed by someone else. */
    BOOTED("booted"),
    /** {@code failed}: the focus could not reach the participant. */
    FAILED("failed"),
    /** {@code busy}: the participant was busy. */
    BUSY("busy");

    private final String token;

    DisconnectionMethod(String token) {
        this.token = token;
    }

    /** The XML value. */
    public String token() {
        return token;
    }

    /** The constant for an XML value; empty if the schema does not define it. */
    public static Optional<DisconnectionMethod> fromToken(String token) {
        for (DisconnectionMethod v : values()) {
            if (v.token.equals(token)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
