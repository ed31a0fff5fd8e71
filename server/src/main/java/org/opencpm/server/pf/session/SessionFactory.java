package org.opencpm.server.pf.session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.opencpm.msrp.sdp.MsrpMedia;
import org.opencpm.server.edge.NextHop;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.server.pf.media.Sdp;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.sip.transport.Target;

/**
 * The part of the invitation procedures common to both roles once admission passed: check that the
 * request can make a CPM Session at all (Conversation-ID, Contribution-ID, an SDP offer with MSRP
 * media: 400 or 488 naming the fault otherwise, with no state left behind), allocate the two MSRP
 * URIs, build the outgoing INVITE, and start the session on its branches.
 */
public final class SessionFactory {

    private final PfServices pf;
    private final SessionTable table;
    private final AtomicLong ids = new AtomicLong();
    private java.util.function.Function<CpmSession, org.opencpm.server.pf.media.MessageInspector> inspectors =
            s -> org.opencpm.server.pf.media.MessageInspector.PASS;

    public SessionFactory(PfServices pf, SessionTable table) {
        this.pf = pf;
        this.table = table;
    }

    /** Who inspects the messages crossing each new session's relay (the PF's IMDN rules, package {@code imdn}). */
    public void setInspectors(java.util.function.Function<CpmSession, org.opencpm.server.pf.media.MessageInspector> f) {
        this.inspectors = f;
    }

    /** Validates what a B2BUA needs from the INVITE; empty if it can proceed. */
    public Optional<Rejection> validate(SipRequest invite) {
        if (invite.header(HeaderNames.CONTRIBUTION_ID) == null) {
            return Optional.of(Rejection.of(400, "Missing Contribution-ID"));
        }
        if (invite.header(HeaderNames.CONVERSATION_ID) == null) {
            return Optional.of(Rejection.of(400, "Missing Conversation-ID"));
        }
        if (!InviteBuilder.isSdp(invite)) {
            return Optional.of(Rejection.of(488, "SDP offer required"));
        }
        try {
            String section = Sdp.parse(invite.bodyAsString()).msrpSection();
            if (section == null) {
                return Optional.of(Rejection.of(488, "No MSRP media"));
            }
            MsrpMedia.parse(section);
        } catch (RuntimeException e) {
            return Optional.of(Rejection.of(400, "Bad SDP: " + e.getMessage()));
        }
        return Optional.empty();
    }

    /**
     * Starts a B2BUA session for a validated INVITE.
     *
     * @param hops where the outgoing INVITE goes: the core, the ISF, or each suitable client
     * @param extraHeaders set on the outgoing INVITE (Reject-Contact, Request-Disposition ...), name/value pairs
     */
    public CpmSession start(Role role, SipUri servedUser, ServerTransaction tx, List<NextHop> hops,
                            String assertedIdentity, String... extraHeaders) {
        SipRequest invite = tx.request();
        MsrpMedia inOffer = MsrpMedia.parse(Sdp.parse(invite.bodyAsString()).msrpSection());
        String id = Long.toString(ids.incrementAndGet(), 36) + Long.toHexString(System.nanoTime() & 0xffffffL);
        CpmSession session = new CpmSession(id, role, servedUser, pf, table, tx, pf.media().newLocalUri(),
                pf.media().newLocalUri(), inOffer);
        session.setInspectors(inspectors);
        String offer = InviteBuilder.offer(invite, inOffer, session.outLocal(), pf, ids.get());
        Target first = hops.get(0).target();
        SipRequest out = InviteBuilder.build(session, invite, pf, assertedIdentity, first.transport(), offer);
        if (extraHeaders.length > 0) {
            SipRequest.Builder b = out.toBuilder();
            for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
                b.add(extraHeaders[i], extraHeaders[i + 1]);
            }
            out = b.build();
        }
        session.start(new Outgoing(out, hops));
        return session;
    }
}
