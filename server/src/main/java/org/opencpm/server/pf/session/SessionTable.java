package org.opencpm.server.pf.session;

import java.util.HashMap;
import java.util.Map;

/**
 * The PF's B2BUA sessions by dialog: each leg is found by its Call-ID and the tag the PF chose for it
 * (From tag on the outgoing leg, To tag on the incoming leg), which is what every in-dialog request
 * on that leg carries as its To tag.
 */
public final class SessionTable {

    private final Map<String, CpmSession> byLeg = new HashMap<>();
    private final Map<String, CpmSession> byId = new HashMap<>();
    private final Map<org.opencpm.sip.transaction.ServerTransaction, CpmSession> byInvite = new java.util.IdentityHashMap<>();

    static String key(String callId, String localTag) {
        return callId + "\u0000" + localTag;
    }

    void register(String callId, String localTag, CpmSession s) {
        byLeg.put(key(callId, localTag), s);
        byId.put(s.id(), s);
    }

    void unregister(String callId, String localTag) {
        byLeg.remove(key(callId, localTag));
    }

    void removed(CpmSession s) {
        byId.remove(s.id());
        byInvite.values().remove(s);
    }

    void registerInvite(org.opencpm.sip.transaction.ServerTransaction tx, CpmSession s) {
        byInvite.put(tx, s);
    }

    /** The session started by the INVITE of {@code tx}, for CANCEL; null if none. */
    public CpmSession byInvite(org.opencpm.sip.transaction.ServerTransaction tx) {
        return byInvite.get(tx);
    }

    /** The session a request with this Call-ID and To tag belongs to, or null. */
    public CpmSession find(String callId, String toTag) {
        return toTag == null ? null : byLeg.get(key(callId, toTag));
    }

    /** Live sessions; tests assert it returns to 0 (no session object survives). */
    public int size() {
        return byId.size();
    }

    /** Legs still indexed; tests assert it returns to 0 too. */
    public int legs() {
        return byLeg.size();
    }
}
