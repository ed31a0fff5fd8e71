package org.opencpm.server.pf.session;

import org.opencpm.server.pf.checks.Rejection;

/** How an invitation procedure ended its admission part: a rejection (the only response), or a session started. */
public sealed interface InvitationOutcome {

    record Rejected(Rejection rejection) implements InvitationOutcome {
    }

    record Started(CpmSession session) implements InvitationOutcome {
    }
}
