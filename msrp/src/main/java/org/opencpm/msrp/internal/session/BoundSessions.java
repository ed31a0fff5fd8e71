package org.opencpm.msrp.internal.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencpm.msrp.MsrpUri;

/**
 * The sessions bound to one connection, by local URI. Most connections carry one session (a client's), so that
 * one is held in a field; a map is made only when a second session binds (RFC 4975 §8.1 connection reuse).
 * Not thread-safe: owned by the connection's scheduler.
 */
final class BoundSessions {

    /** The only session while there is at most one, else null. */
    private RealMsrpSession only;
    /** All sessions once a second one bound; null before. */
    private Map<MsrpUri, RealMsrpSession> byUri;

    void put(RealMsrpSession session) {
        if (byUri != null) {
            byUri.put(session.localUri(), session);
        } else if (only == null || only.localUri().equals(session.localUri())) {
            only = session;
        } else {
            byUri = new HashMap<>();
            byUri.put(only.localUri(), only);
            byUri.put(session.localUri(), session);
            only = null;
        }
    }

    RealMsrpSession get(MsrpUri localUri) {
        if (byUri != null) {
            return byUri.get(localUri);
        }
        return only != null && only.localUri().equals(localUri) ? only : null;
    }

    void remove(RealMsrpSession session) {
        if (byUri != null) {
            byUri.remove(session.localUri(), session);
        } else if (only == session) {
            only = null;
        }
    }

    boolean isEmpty() {
        return byUri != null ? byUri.isEmpty() : only == null;
    }

    /** A snapshot of the sessions. */
    List<RealMsrpSession> snapshot() {
        if (byUri != null) {
            return new ArrayList<>(byUri.values());
        }
        return only == null ? List.of() : List.of(only);
    }

    void clear() {
        only = null;
        byUri = null;
    }
}
