package org.opencpm.server.pf;

import org.opencpm.server.edge.Binding;
import org.opencpm.server.edge.Tags;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.server.pf.imdn.NotificationDeferral;
import org.opencpm.server.pf.imdn.Notifications;
import org.opencpm.server.pf.pager.DeferralDecision;
import org.opencpm.server.pf.pager.OriginatingPagerMessage;
import org.opencpm.server.pf.pager.PagerOutcome;
import org.opencpm.server.pf.pager.TerminatingPagerMessage;
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
 * them to the procedure of §8.2 / §8.3 ({@link Procedure}, PF-T-DSP): CPM Session invitations, pager-mode
 * CPM Standalone Messages ({@code pager} package), and explicit answers for the handlers not implemented
 * yet (large message, deferred, file transfer: 488; deferred-messages SUBSCRIBE: 489). It also routes
 * in-dialog requests, ACKs and CANCELs to the CPM Session they belong to.
 */
public final class ParticipatingFunction {

    private static final Logger log = LoggerFactory.getLogger(ParticipatingFunction.class);

    private final PfServices pf;
    private final SessionTable sessions = new SessionTable();
    private final OriginatingInvitation originating;
    private final TerminatingInvitation terminating;
    private final OriginatingPagerMessage originatingPager;
    private final TerminatingPagerMessage terminatingPager;
    private final Notifications notifications;
    private Rejection noProcedure = Rejection.of(403, "Forbidden");

    public ParticipatingFunction(PfServices pf) {
        this.pf = pf;
        SessionFactory factory = new SessionFactory(pf, sessions);
        this.originating = new OriginatingInvitation(pf, factory);
        this.terminating = new TerminatingInvitation(pf, factory);
        this.originatingPager = new OriginatingPagerMessage(pf);
        this.terminatingPager = new TerminatingPagerMessage(pf);
        this.notifications = new Notifications(pf, pf.config().imdnDirectForward());
        terminatingPager.setOnBehalf(notifications.onBehalf());
        factory.setInspectors(s -> notifications.forSession(s.servedUser(), s.id()).withPeer(s.peer()));
    }

    /** The disposition-notification procedures (§8.2.4, §8.2.5, §8.3.4, §8.3.5; package {@code imdn}). */
    public Notifications notifications() {
        return notifications;
    }

    public SessionTable sessions() {
        return sessions;
    }

    /**
     * Whom the PF serves for an initial request arriving on {@code flow}, or null if the PF is not involved:
     * a request with a CPM ICSI (or a SUBSCRIBE to {@code deferred-messages}, PF-T-DSP-04) from a
     * registered client is originating, one addressed to a served user terminating.
     */
    public Served classify(SipRequest request, Flow flow) {
        if (!CpmFeatureTags.anyIn(request) && !isDeferredMessagesSubscribe(request)) {
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

    /**
     * The procedure an initial request goes to: the §8.3 dispatch table (PF-T-DSP-01…06) with AMB-23's
     * precedence for INVITE (deferred &gt; largemsg &gt; filetransfer &gt; session). The originating side
     * uses the same table, so a client's request reaches the procedure of the same name in §8.2.
     */
    public enum Procedure {
        /** PF-T-DSP-01: MESSAGE with msg, largemsg, session or filetransfer → §8.3.1.1 (pager mode). */
        PAGER_MESSAGE,
        /** PF-T-DSP-03: INVITE with deferred → §8.3.1.6.3. */
        DEFERRED_INVITE,
        /** PF-T-DSP-02: INVITE with largemsg → §8.3.1.2. */
        LARGE_MESSAGE,
        /** PF-T-DSP-06: INVITE with filetransfer → §8.3.3.1. */
        FILE_TRANSFER,
        /** PF-T-DSP-05: INVITE with session → §8.3.2.1 / §8.2.2.1. */
        SESSION_INVITATION,
        /** PF-T-DSP-04: SUBSCRIBE with Event deferred-messages → §8.3.1.6.4. */
        DEFERRED_MESSAGES_SUBSCRIBE,
        /** AMB-23: no CPM feature tag that selects a procedure for this method → 403. */
        NONE;

        /**
         * Selects the procedure for {@code request}. Additional Accept-Contact strings (IARIs) do not change
         * the choice: PF-T-DSP-07 lets the SP skip services for them, and the default policy skips none.
         */
        public static Procedure select(SipRequest request) {
            switch (request.method()) {
                case SipRequest.MESSAGE -> {
                    return CpmFeatureTags.MSG.inAcceptContact(request) || CpmFeatureTags.LARGEMSG.inAcceptContact(request)
                            || CpmFeatureTags.SESSION.inAcceptContact(request)
                            || CpmFeatureTags.FILETRANSFER.inAcceptContact(request) ? PAGER_MESSAGE : NONE;
                }
                case SipRequest.INVITE -> {
                    if (CpmFeatureTags.DEFERRED.inAcceptContact(request)) {
                        return DEFERRED_INVITE;
                    }
                    if (CpmFeatureTags.LARGEMSG.inAcceptContact(request)) {
                        return LARGE_MESSAGE;
                    }
                    if (CpmFeatureTags.FILETRANSFER.inAcceptContact(request)) {
                        return FILE_TRANSFER;
                    }
                    return CpmFeatureTags.SESSION.inAcceptContact(request) ? SESSION_INVITATION : NONE;
                }
                case SipRequest.SUBSCRIBE -> {
                    return isDeferredMessagesSubscribe(request) ? DEFERRED_MESSAGES_SUBSCRIBE : NONE;
                }
                default -> {
                    return NONE;
                }
            }
        }
    }

    /** The answer to a request that selects no procedure (AMB-23: 403, logged); a deployment may change it. */
    public void setNoProcedureRejection(Rejection rejection) {
        this.noProcedure = rejection;
    }

    /** Installs the deferral of standalone messages (issue 6, §8.3.1.6); the default rejects with 480. */
    public void setDeferralDecision(DeferralDecision deferral) {
        terminatingPager.setDeferralDecision(deferral);
        // PF-IMDN-TD-01: a notification for a user with no available client is deferred "following 8.3.1.6"
        // (the decision completes on the store's thread; the result is handed back to the SIP owner thread)
        notifications.setDeferral((user, message, cpim, done) -> deferral.noSuitableClient(user, message, cpim)
                .whenComplete((d, failure) -> pf.scheduler().execute(() -> done.accept(
                        failure != null ? new NotificationDeferral.Result.Rejected(
                                Rejection.of(500, "Deferred storage failed"))
                        : d instanceof DeferralDecision.Decision.Reject r
                        ? new NotificationDeferral.Result.Rejected(r.rejection())
                        : new NotificationDeferral.Result.Deferred()))));
    }

    /** An initial request the PF serves: dispatched by {@link Procedure#select} (§8.3, PF-T-DSP). */
    public void onInitialRequest(ServerTransaction tx, SipRequest request, Served served) {
        boolean orig = served instanceof Served.Originating;
        Procedure procedure = Procedure.select(request);
        switch (procedure) {
            case PAGER_MESSAGE -> {
                // a MESSAGE carrying a disposition notification goes to §8.2.4 / §8.3.4 instead (package imdn)
                if (notifications.handle(tx, request, served, r -> reject(tx, request, r))) {
                    return;
                }
                PagerOutcome outcome = orig ? originatingPager.handle(tx, request, served.user())
                        : terminatingPager.handle(tx, request, served.user());
                if (outcome instanceof PagerOutcome.Rejected r) {
                    reject(tx, request, r.rejection());
                }
            }
            case SESSION_INVITATION -> {
                InvitationOutcome outcome = orig ? originating.handle(tx, request, served.user())
                        : terminating.handle(tx, request, served.user());
                if (outcome instanceof InvitationOutcome.Rejected r) {
                    reject(tx, request, r.rejection());
                }
            }
            // The handlers of §8.3.1.2, §8.3.1.6.3 and §8.3.3.1 are not implemented yet (README feature list).
            case LARGE_MESSAGE -> reject(tx, request, Rejection.of(488, "Large message mode not yet supported"));
            case DEFERRED_INVITE -> reject(tx, request, Rejection.of(488, "Deferred message delivery not yet supported"));
            case FILE_TRANSFER -> reject(tx, request, Rejection.of(488, "File transfer not yet supported"));
            // RFC 6665 §8.3.2: 489 for an event package the notifier does not (yet) serve
            case DEFERRED_MESSAGES_SUBSCRIBE -> reject(tx, request, Rejection.of(489, "Bad Event: deferred-messages not yet supported"));
            case NONE -> {
                log.info("{} for {}: no CPM feature tag selects a procedure (AMB-23)", request.summary(), served.user());
                reject(tx, request, noProcedure);
            }
        }
    }

    private static boolean isDeferredMessagesSubscribe(SipRequest request) {
        if (!request.isMethod(SipRequest.SUBSCRIBE)) {
            return false;
        }
        String event = request.header(HeaderNames.EVENT);
        if (event == null) {
            return false;
        }
        int semi = event.indexOf(';');
        return (semi < 0 ? event : event.substring(0, semi)).trim().equalsIgnoreCase("deferred-messages");
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
