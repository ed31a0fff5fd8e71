package org.opencpm.msrp.conference;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@code <endpoint>} of a conference user (RFC 4575): one device or session of the user
 * and its place in the conference.
 *
 * <pre>
 * &lt;endpoint entity="tel:+15550003"&gt;
 *   &lt;status&gt;disconnected&lt;/status&gt;
 *   &lt;disconnection-method&gt;booted&lt;/disconnection-method&gt;
 *   &lt;disconnection-info&gt;&lt;when&gt;2025-06-10T09:20:00Z&lt;/when&gt;&lt;by&gt;tel:+15550001&lt;/by&gt;&lt;/disconnection-info&gt;
 * &lt;/endpoint&gt;
 * </pre>
 *
 * <p>Children not modelled (referred, media, call-info) are skipped on input.
 *
 * @param entity the endpoint URI, the key within its user
 * @param state full, partial or deleted
 * @param displayText {@code <display-text>}
 * @param status {@code <status>}
 * @param joiningMethod {@code <joining-method>}
 * @param joiningInfo {@code <joining-info>}
 * @param disconnectionMethod {@code <disconnection-method>}
 * @param disconnectionInfo {@code <disconnection-info>}
 */
public record ConferenceEndpoint(String entity, ElementState state, Optional<String> displayText,
        Optional<EndpointStatus> status, Optional<JoiningMethod> joiningMethod, Optional<ExecutionInfo> joiningInfo,
        Optional<DisconnectionMethod> disconnectionMethod, Optional<ExecutionInfo> disconnectionInfo) {

    /** Requires every component. */
    public ConferenceEndpoint {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(displayText, "displayText");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(joiningMethod, "joiningMethod");
        Objects.requireNonNull(joiningInfo, "joiningInfo");
        Objects.requireNonNull(disconnectionMethod, "disconnectionMethod");
        Objects.requireNonNull(disconnectionInfo, "disconnectionInfo");
    }

    /** A full endpoint with only a status. */
    public static ConferenceEndpoint of(String entity, EndpointStatus status) {
        return new ConferenceEndpoint(entity, ElementState.FULL, Optional.empty(), Optional.of(status),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A copy with another element state. */
    public ConferenceEndpoint withState(ElementState newState) {
        return new ConferenceEndpoint(entity, newState, displayText, status, joiningMethod, joiningInfo,
                disconnectionMethod, disconnectionInfo);
    }

    /** A copy with a joining method and info. */
    public ConferenceEndpoint withJoining(JoiningMethod method, ExecutionInfo info) {
        return new ConferenceEndpoint(entity, state, displayText, status, Optional.of(method), Optional.of(info),
                disconnectionMethod, disconnectionInfo);
    }

    /** A copy with a disconnection method and info. */
    public ConferenceEndpoint withDisconnection(DisconnectionMethod method, ExecutionInfo info) {
        return new ConferenceEndpoint(entity, state, displayText, status, joiningMethod, joiningInfo,
                Optional.of(method), Optional.of(info));
    }

    /**
     * This endpoint with the children present in a partial {@code change} replacing its own
     * (RFC 4575); the result is a full endpoint.
     */
    public ConferenceEndpoint mergedWith(ConferenceEndpoint change) {
        return new ConferenceEndpoint(entity, ElementState.FULL, change.displayText.or(() -> displayText),
                change.status.or(() -> status), change.joiningMethod.or(() -> joiningMethod),
                change.joiningInfo.or(() -> joiningInfo), change.disconnectionMethod.or(() -> disconnectionMethod),
                change.disconnectionInfo.or(() -> disconnectionInfo));
    }
}
