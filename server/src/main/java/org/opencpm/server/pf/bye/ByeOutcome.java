package org.opencpm.server.pf.bye;

/**
 * What the PF decided to do with a BYE (§8.2.2.3 / §8.3.2.3): one record per branch of the seed, so
 * that a test asserts the decision, and the session runs the steps of the branch.
 */
public sealed interface ByeOutcome {

    /** PF-O-BYE-10 (AMB-15): only that client's leg failed; answered at once, the session goes on for the others. */
    record LeaveOneDevice() implements ByeOutcome {
    }

    /**
     * Step 1 (PF-O-BYE-08…15, PF-T-BYE-02…06): the served user leaves.
     *
     * @param byeOtherDevices PF-O-BYE-09: the user's other connected clients get a BYE with {@code SIP;cause=200}
     */
    record ClientLeaves(boolean byeOtherDevices) implements ByeOutcome {
    }

    /** Step 2 (PF-O-BYE-16…20, PF-T-BYE-07…10): the other CPM entity ended the session. */
    record PeerEnds(ByeClass.OtherEntityEnded by) implements ByeOutcome {
    }

    /** Step 3.a (PF-O-BYE-21, PF-T-BYE-11, AMB-31): only the IWF's media streams close, by re-INVITE. */
    record IwfStreamsClose() implements ByeOutcome {
    }

    /** Step 3.b (PF-O-BYE-22/23, PF-T-BYE-12): the IWF's BYE ends the session. */
    record IwfEndsSession() implements ByeOutcome {
    }

    /**
     * Step 4 (PF-O-BYE-24…28): connection loss in a group session and one of (a)-(d) holds: the PF stays in
     * the media path towards the CF.
     *
     * @param intercept PF-O-BYE-27: (a), (b) or (c) holds, so messages and notifications are intercepted
     */
    record RemainInGroup(boolean intercept) implements ByeOutcome {
    }

    /**
     * Step 4 final paragraph (PF-O-BYE-29) and AMB-37 for 1-1 sessions: answer the core at once, release,
     * and propagate the BYE to the other CPM entity.
     *
     * @param record AMB-37: a 1-1 session is recorded first (§8.5.2) when {@code <allow-offline-storage>} is true
     */
    record Propagate(boolean record) implements ByeOutcome {
    }
}
