package org.opencpm.server.pf.session;

/** The PF's role in a CPM Session: acting for the caller (§8.2, originating) or the callee (§8.3, terminating). */
public enum Role {
    ORIGINATING,
    TERMINATING;

    /** The side of the B2BUA that faces the served user's client(s): the incoming side when originating. */
    public boolean clientIsIncoming() {
        return this == ORIGINATING;
    }
}
