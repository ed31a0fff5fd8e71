package org.opencpm.server.pf;

import org.opencpm.sip.message.SipUri;

/** Whom the PF acts for on an initial request, and in which role (design.md §3 "Wire behaviour"). */
public sealed interface Served {

    SipUri user();

    /** The request comes from a registered client of {@code user}: originating traffic (§8.2). */
    record Originating(SipUri user) implements Served {
    }

    /** The request is addressed to {@code user}, a user of the served domain: terminating traffic (§8.3). */
    record Terminating(SipUri user) implements Served {
    }
}
