package org.opencpm.msrp.internal.session;

import org.opencpm.msrp.MsrpUri;

/**
 * Opens or reuses a connection to a first hop for an active session (RFC 4975 §8.1: sessions to the same
 * peer may share a connection). When done it calls {@link MsrpConnection#attach} or
 * {@link RealMsrpSession#onConnectFailed}.
 */
public interface Connector {

    void connect(MsrpUri firstHop, RealMsrpSession session);
}
