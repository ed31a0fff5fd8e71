package org.opencpm.msrp.internal.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.msrp.MsrpUri;

/**
 * Passive sessions of one endpoint waiting for the peer's first request (RFC 4975 §5.4), by local URI.
 * Thread-safe: connections on any event loop look sessions up here.
 */
public final class SessionRegistry {

    private final Map<MsrpUri, RealMsrpSession> byLocalUri = new ConcurrentHashMap<>();

    void register(RealMsrpSession session) {
        if (byLocalUri.putIfAbsent(session.localUri(), session) != null) {
            throw new IllegalStateException("a session already uses " + session.localUri());
        }
    }

    void remove(RealMsrpSession session) {
        byLocalUri.remove(session.localUri(), session);
    }

    RealMsrpSession find(MsrpUri localUri) {
        return byLocalUri.get(localUri);
    }

    public int size() {
        return byLocalUri.size();
    }
}
