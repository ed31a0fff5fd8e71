package org.opencpm.msrp.conference;

import java.util.Optional;

/**
 * The {@code <status>} of an endpoint (RFC 4575): where the endpoint stands in the
 * conference. RCS clients use {@code connected}, {@code disconnected}, {@code pending} and
 * {@code dialing-out} (reference §5.4).
 */
public enum EndpointStatus {
    /** {@code pending}: not yet contacted (the focus will dial out or wait for a dial-in). */
    PENDING("pending"),
    /** {@code dialing-out}: the focus is inviting the endpoint. */
    DIALING_OUT("dialing-out"),
    /** {@code dialing-in}: the endpoint is joining. */
    DIALING_IN("dialing-in"),
    /** {@code alerting}: the endpoint is being alerted. */
    ALERTING("alerting"),
    /** {@code on-hold}: the endpoint is held. */
    ON_HOLD("on-hold"),
    /** {@code connected}: the endpoint takes part. */
    CONNECTED("connected"),
    /** {@code muted-via-focus}: the focus mutes the endpoint. */
    MUTED_VIA_FOCUS("muted-via-focus"),
    /** {@code disconnecting}: the endpoint is leaving or being removed. */
    DISCONNECTING("disconnecting"),
    /** {@code disconnected}: the endpoint left; see the disconnection method. */
    DISCONNECTED("disconnected");

    private final String token;

    EndpointStatus(String token) {
        this.token = token;
    }

    /** The XML value. */
    public String token() {
        return token;
    }

    /** The constant for an XML value; empty if the schema does not define it. */
    public static Optional<EndpointStatus> fromToken(String token) {
        for (EndpointStatus v : values()) {
            if (v.token.equals(token)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
