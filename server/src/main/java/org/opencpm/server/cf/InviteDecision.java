package org.opencpm.server.cf;

import java.util.List;

/**
 * What an INVITE to the focus side makes of the group (reference §5.1, §5.5), decided by
 * {@link GroupAdmission} before anything is sent.
 */
sealed interface InviteDecision {

    /** A new ad-hoc group session with these invitees (reference §5.1, RFC 5366). */
    record Create(List<String> invitees) implements InviteDecision {
    }

    /** A member joins the running session of {@code group} again (reference §5.5 re-join). */
    record Rejoin(GroupSession group) implements InviteDecision {
    }

    /** A member restarts the inactive session of {@code group}: every other member is invited again. */
    record Restart(GroupSession group) implements InviteDecision {
    }

    /** Refused, with the answer to send. */
    record Refuse(CfRejection rejection) implements InviteDecision {
    }
}
