package org.opencpm.server.pf.bye;

/**
 * Who sent a BYE, as §8.2.2.3 classifies it (PF-O-BYE-02…07) and AMB-05 resolves it: the leg decides,
 * the Reason refines. Each class names the step of §8.2.2.3 it leads to.
 */
public sealed interface ByeClass {

    /** Step 1: the served client left (no Reason or a voluntary-leave Reason on a client leg; PF-O-BYE-03/05). */
    record ClientLeft(ReasonAnalysis reason) implements ByeClass {
    }

    /** Step 2: the other CPM entity ended the session (any Reason on the network leg; PF-O-BYE-04/06). */
    record OtherEntityEnded(ReasonAnalysis reason) implements ByeClass {
        /** PF-O-BYE-06: 410 = the CF ended the group session for good; kept for the group-session procedures. */
        public boolean restartable() {
            return reason.meaning() == ReasonAnalysis.Meaning.GROUP_INACTIVE;
        }
    }

    /** Step 3: an IWF ended its part (any BYE on an IWF leg). */
    record IwfEnded(ReasonAnalysis reason) implements ByeClass {
    }

    /** Step 4: a core node ended the client leg, possibly connection loss (other SIP cause on a client leg; PF-O-BYE-07). */
    record ConnectionLost(ReasonAnalysis reason) implements ByeClass {
    }

    ReasonAnalysis reason();
}
