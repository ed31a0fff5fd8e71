package org.opencpm.msrp;

import java.util.List;
import java.util.Objects;

/**
 * What a session needs from the SDP offer/answer: this end's URI, the peer's path, who connects, and which
 * content types this end accepts. See {@link org.opencpm.msrp.sdp.MsrpMedia} for deriving them from SDP.
 *
 * @param localUri    this end's {@code a=path} URI (from {@link MsrpEndpoint#newLocalUri()})
 * @param remotePath  the peer's {@code a=path} URIs
 * @param role        {@link SetupRole#ACTIVE} to connect, {@link SetupRole#PASSIVE} to wait
 * @param acceptTypes this end's {@code a=accept-types}; empty or {@code *} accepts anything, others get 415
 * @param peerMaxSize the peer's {@code a=max-size}, or {@code null}: larger messages fail at once
 *                    ({@link MsrpSessionEvent.SendFailed} with code 0) instead of being sent
 */
public record MsrpSessionParameters(MsrpUri localUri, List<MsrpUri> remotePath, SetupRole role,
                                    List<String> acceptTypes, Long peerMaxSize) {

    /** Parameters without a peer {@code a=max-size}. */
    public MsrpSessionParameters(MsrpUri localUri, List<MsrpUri> remotePath, SetupRole role, List<String> acceptTypes) {
        this(localUri, remotePath, role, acceptTypes, null);
    }

    public MsrpSessionParameters {
        Objects.requireNonNull(localUri, "localUri");
        Objects.requireNonNull(role, "role");
        remotePath = List.copyOf(remotePath);
        acceptTypes = List.copyOf(acceptTypes);
        if (remotePath.isEmpty()) {
            throw new IllegalArgumentException("remote path is empty");
        }
        if (localUri.sessionId() == null) {
            throw new IllegalArgumentException("local URI has no session-id: " + localUri);
        }
    }
}
