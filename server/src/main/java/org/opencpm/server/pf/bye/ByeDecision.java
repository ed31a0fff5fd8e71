package org.opencpm.server.pf.bye;

import org.opencpm.server.config.ParticipatingFunctionConfig.IwfByeCloses;
import org.opencpm.server.config.UserPreferences;

/**
 * The classification and decision part of §8.2.2.3 (and of §8.3.2.3 through RD-13), as pure functions
 * so that tables of leg × Reason × profile can test them: {@link #classify} (PF-O-BYE-02…07, AMB-05)
 * and {@link #decide} (which branch of steps 1-4 runs).
 */
public final class ByeDecision {

    private ByeDecision() {
    }

    /**
     * What the session looks like when the BYE arrives.
     *
     * @param otherClientsConnected other client legs of the served user stay connected to this session
     * @param iwfLegs               IWF legs of the session
     * @param group                 the session is a CPM Group Session (the other entity is a focus)
     * @param prefs                 the served user's preferences
     * @param iwfByeCloses          SP policy for a BYE from one IWF of several
     * @param directDeliveryAllClients SP policy of direct delivery to all clients (PF-O-BYE-09)
     * @param longLivedRestartAllowed  PF-O-BYE-24 (d)
     */
    public record Facts(boolean otherClientsConnected, int iwfLegs, boolean group, UserPreferences prefs,
                        IwfByeCloses iwfByeCloses, boolean directDeliveryAllClients, boolean longLivedRestartAllowed) {
    }

    /** PF-O-BYE-02…07 as AMB-05 resolves them: the leg decides, the Reason refines (RD-02: leg only in CPM20-EARLY). */
    public static ByeClass classify(LegKind leg, String reasonHeader, ByeVariant v) {
        ReasonAnalysis r = ReasonAnalysis.of(reasonHeader);
        return switch (leg) {
            // PF-O-BYE-03/05: no Reason or a voluntary leave; PF-O-BYE-07: any other value
            case CLIENT -> !v.analyseReason() || v.connectionLoss() == ByeVariant.ConnectionLossRule.NONE
                    || r.meaning() == ReasonAnalysis.Meaning.NONE || r.meaning() == ReasonAnalysis.Meaning.LEAVE
                    ? new ByeClass.ClientLeft(r) : new ByeClass.ConnectionLost(r);
            // PF-O-BYE-04/06: the other CPM entity's leg is step 2 whatever the Reason
            case NETWORK -> new ByeClass.OtherEntityEnded(r);
            case IWF -> new ByeClass.IwfEnded(r);
        };
    }

    /** Which branch of §8.2.2.3 steps 1-4 runs for a classified BYE. */
    public static ByeOutcome decide(ByeClass c, Facts f, ByeVariant v) {
        if (c instanceof ByeClass.ClientLeft left) {
            return clientLeft(left, f, v);
        }
        if (c instanceof ByeClass.OtherEntityEnded peer) {
            return new ByeOutcome.PeerEnds(peer);
        }
        if (c instanceof ByeClass.IwfEnded) {
            // PF-O-BYE-21/22, PF-T-BYE-11/12: streams only needs several IWFs and the policy
            return f.iwfLegs() > 1 && f.iwfByeCloses() == IwfByeCloses.STREAMS
                    ? new ByeOutcome.IwfStreamsClose() : new ByeOutcome.IwfEndsSession();
        }
        return connectionLost(f, v);
    }

    private static ByeOutcome clientLeft(ByeClass.ClientLeft left, Facts f, ByeVariant v) {
        if (!f.otherClientsConnected() || !v.multiDevice()) {
            return new ByeOutcome.ClientLeaves(false);
        }
        // PF-O-BYE-09: SIP;cause=200 with direct delivery to all clients: BYE the other devices too
        if (left.reason().meaning() == ReasonAnalysis.Meaning.LEAVE && left.reason().sipCause() == 200
                && f.directDeliveryAllClients()) {
            return new ByeOutcome.ClientLeaves(true);
        }
        // 001 §8.2.2.3 step 1.b.i: "If the Reason header field has a different value, then it MAY determine that an
        // error occurred on the leg towards that CPM User's Client ... and skip the remaining steps". PF-O-BYE-10 is
        // adopted (AMB-15), and a BYE without Reason from one of several devices is read the same way.
        return new ByeOutcome.LeaveOneDevice();
    }

    private static ByeOutcome connectionLost(Facts f, ByeVariant v) {
        // RD-03 / PF-O-BYE-07: in CPM21 another connected client keeps the session (PF-O-BYE-10)
        if (f.otherClientsConnected() && v.connectionLoss() == ByeVariant.ConnectionLossRule.NO_OTHER_CLIENT) {
            return new ByeOutcome.LeaveOneDevice();
        }
        UserPreferences p = f.prefs();
        if (!f.group()) {
            // AMB-37 / AMB-16: a 1-1 session never remains; record if allowed, then propagate
            return new ByeOutcome.Propagate(p.allowOfflineStorage());
        }
        // PF-O-BYE-24 (a)-(d)
        boolean intercept = p.allowOfflineStorage() || p.allowStore() || p.allowDefer();
        if (intercept || f.longLivedRestartAllowed()) {
            return new ByeOutcome.RemainInGroup(intercept); // PF-O-BYE-25…28
        }
        return new ByeOutcome.Propagate(false); // PF-O-BYE-29
    }
}
