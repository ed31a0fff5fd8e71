package org.opencpm.server.pf;

import org.opencpm.server.edge.Binding;
import org.opencpm.server.edge.Tags;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.server.pf.session.CpmSession;
import org.opencpm.server.pf.session.InvitationOutcome;
import org.opencpm.server.pf.session.SessionFactory;
import org.opencpm.server.pf.session.SessionTable;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPM Participating Function of every served user: decides which requests it serves and in which
 * role (the embedded core's initial filter criteria: a request carrying a CPM ICSI, from a registered
 * client of a served user → originating, else addressed to a served user → terminating), dispatches
 * them to the procedure of §8.2 / §8.3 (PF-T-DSP), and routes in-dialog requests, ACKs and CANCELs to
 * the CPM Session they belong to.
 */
public final class ParticipatingFunction {

    private static final Logger log = LoggerFactory.getLogger(ParticipatingFunction.class);

    private final PfServices pf;
    private final SessionTable sessions = new SessionTable();
    private final OriginatingInvitation originating;
    private final TerminatingInvitation terminating;

    public ParticipatingFunction(PfServices pf) {
        this.pf = pf;
        SessionFactory factory = new SessionFactory(pf, sessions);
        this.originating = new OriginatingInvitation(pf, factory);
        this.terminating = new TerminatingInvitation(pf, factory);
    }

    public SessionTable sessions() {
        return sessions;
    }

    /** Whom the PF serves for an initial request arriving on {@code flow}, or null if the PF is not involved. */
    public Served classify(SipRequest request, Flow flow) {
        if (!CpmFeatureTags.anyIn(request)) {
            return null; // no CPM ICSI: plain SIP, the core routes it
        }
        Binding b = pf.locations().findBySource(flow);
        if (b != null) {
            return new Served.Originating(b.aor());
        }
        if (pf.routing().isServedUser(request.requestUri())) {
            return new Served.Terminating(((org.opencpm.sip.message.SipUri) request.requestUri()).aor());
        }
        return null;
    }

    /** An initial request the PF serves (§8.3 dispatch, PF-T-DSP). */
    public void onInitialRequest(ServerTransaction tx, SipRequest request, Served served) {
        if (!request.isMethod(SipRequest.INVITE)) {
            reject(tx, request, Rejection.of(501, request.method() + " not yet supported by the PF"));
            return;
        }
        // PF-T-DSP-02/03/06: large message, deferred and file-transfer INVITEs reach their handlers
        if (CpmFeatureTags.LARGEMSG.inAcceptContact(request) || CpmFeatureTags.DEFERRED.inAcceptContact(request)
                || CpmFeatureTags.FILETRANSFER.inAcceptContact(request)) {
            reject(tx, request, Rejection.of(488, "Large message, deferred and file transfer sessions not yet supported"));
            return;
        }
        if (!CpmFeatureTags.SESSION.inAcceptContact(request)) {
            reject(tx, request, Rejection.of(403, "No CPM session feature tag"));
            return;
        }
        InvitationOutcome outcome = served instanceof Served.Originating
                ? originating.handle(tx, request, served.user())
                : terminating.handle(tx, request, served.user());
        if (outcome instanceof InvitationOutcome.Rejected r) {
            reject(tx, request, r.rejection());
        }
    }

    /** A request inside a dialog; false if it belongs to no PF session. */
    public boolean onInDialogRequest(ServerTransaction tx, SipRequest request) {
        CpmSession s = sessions.find(request.callId(), request.to().tag());
        if (s == null) {
            return false;
        }
        s.onRequest(tx, request);
        return true;
    }

    /** An ACK for a 2xx; false if it belongs to no PF session. */
    public boolean onAck(Inbound ack) {
        SipRequest r = (SipRequest) ack.message();
        CpmSession s = sessions.find(r.callId(), r.to().tag());
        if (s == null) {
            return false;
        }
        s.onAck(ack);
        return true;
    }

    /** A CANCEL matched an INVITE server transaction; false if that INVITE started no PF session. */
    public boolean onCancel(ServerTransaction inviteTx) {
        CpmSession s = sessions.byInvite(inviteTx);
        if (s == null) {
            return false;
        }
        s.onCancel();
        return true;
    }

    private void reject(ServerTransaction tx, SipRequest request, Rejection r) {
        SipResponse.Builder b = request.createResponse(r.status(), r.reason()).toBuilder()
                .set(HeaderNames.TO, request.to().withTag(Tags.newTag()))
                .set(HeaderNames.SERVER, pf.serverToken());
        if (r.warningText() != null) {
            // AMB-27: warn-code 399, the PF's host, the OMA code and text as warn-text
            b.set(HeaderNames.WARNING, "399 " + pf.domain() + " \"" + r.warningText() + "\"");
        }
        tx.respond(b.build());
        log.debug("{} rejected {} {}", request.summary(), r.status(), r.reason());
    }
}
