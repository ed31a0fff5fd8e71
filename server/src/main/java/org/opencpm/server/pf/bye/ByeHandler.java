package org.opencpm.server.pf.bye;

import org.opencpm.server.config.ParticipatingFunctionConfig;
import org.opencpm.server.config.Profile;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.transaction.ServerTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one BYE handler of the B2BUA Participating Function, used by §8.2.2.3 (originating) and §8.3.2.3
 * (terminating) as RD-11 and RD-13 recommend, parameterised by side and by profile ({@link ByeVariant},
 * chosen once):
 * <ol>
 * <li>PF-O-BYE-02: look at the Reason header; classify the BYE by its leg, refined by the Reason
 *     (PF-O-BYE-03…07, AMB-05; {@link ByeDecision#classify});</li>
 * <li>decide the branch (steps 1-4, PF-O-BYE-10, AMB-15/AMB-37; {@link ByeDecision#decide});</li>
 * <li>run it: {@link ClientLeaves} (step 1), {@link OtherEntityEnds} (step 2), {@link IwfEnds} (step 3),
 *     {@link ConnectionLoss} (step 4), or PF-O-BYE-10 here.</li>
 * </ol>
 * In proxy mode the PF is not in the dialog and RFC 3261 proxying applies (PF-O-BYE-01, PF-T-BYE-01).
 */
public final class ByeHandler {

    private static final Logger log = LoggerFactory.getLogger(ByeHandler.class);

    private final ByeVariant originating;
    private final ByeVariant terminating;
    private final ParticipatingFunctionConfig config;

    public ByeHandler(ParticipatingFunctionConfig config) {
        this.config = config;
        Profile p = config.profile();
        this.originating = ByeVariant.of(p, true);
        this.terminating = ByeVariant.of(p, false);
    }

    /** Handles a BYE received on {@code sender}, a live leg of {@code session}; returns the decision taken. */
    public ByeOutcome onBye(ByeSession session, Leg sender, ServerTransaction tx, SipRequest bye) {
        ByeVariant v = session.originating() ? originating : terminating;
        String reason = reasonOf(bye);
        ByeClass c = ByeDecision.classify(sender.kind(), reason, v);
        boolean others = session.legs().stream().anyMatch(l -> l != sender && l.kind() == LegKind.CLIENT);
        int iwfs = (int) session.legs().stream().filter(l -> l.kind() == LegKind.IWF).count();
        ByeDecision.Facts facts = new ByeDecision.Facts(others, iwfs, session.isGroup(), session.preferences(),
                config.iwfByeCloses(), config.directDeliveryAllClients(), true);
        ByeOutcome o = ByeDecision.decide(c, facts, v);
        log.debug("session {}: BYE on {} with Reason {} → {} → {}", session.id(), sender, reason, c, o);
        if (o instanceof ByeOutcome.LeaveOneDevice) {
            // PF-O-BYE-10 (AMB-15): answer at once, release that leg only; the session goes on
            session.answer(tx, bye, null);
            session.releaseMedia(sender);
            session.dropLeg(sender);
        } else if (o instanceof ByeOutcome.ClientLeaves cl) {
            new ClientLeaves(session, v, sender, tx, bye, reason, cl.byeOtherDevices()).run();
        } else if (o instanceof ByeOutcome.PeerEnds) {
            new OtherEntityEnds(session, v, sender, tx, bye, reason).run();
        } else if (o instanceof ByeOutcome.IwfStreamsClose || o instanceof ByeOutcome.IwfEndsSession) {
            new IwfEnds(session, v, sender, tx, bye, reason, o instanceof ByeOutcome.IwfStreamsClose).run();
        } else {
            new ConnectionLoss(session, v, sender, tx, bye, reason, o).run();
        }
        return o;
    }

    /** All Reason header values of a request as one list (RFC 3326 allows several, one per protocol). */
    static String reasonOf(SipRequest r) {
        java.util.List<String> values = r.headerValues(HeaderNames.REASON);
        return values.isEmpty() ? null : String.join(", ", values);
    }
}
