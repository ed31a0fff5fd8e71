package org.opencpm.server.cf;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencpm.msrp.conference.DisconnectionMethod;
import org.opencpm.msrp.conference.JoiningMethod;
import org.opencpm.server.edge.Tags;
import org.opencpm.sip.dialog.Dialog;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.message.Uri;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.sip.transport.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPM Controlling Function (§9): the focus of CPM Group Sessions. The edge hands it the initial
 * requests addressed to the conference factory URI ({@code controlling-function.factory-uri}) or to a
 * focus URI it owns, unless they are a registered client's originating traffic (its originating PF
 * handles those first), and the requests, ACKs of the dialogs it keeps in its own dialog table.
 *
 * <p>Dispatch of initial requests:
 * <ul>
 * <li>INVITE to the factory or a focus → {@link GroupAdmission}: create, re-join, restart or refuse;</li>
 * <li>SUBSCRIBE with {@code Event: conference} to a focus → {@link ConferenceNotifier} (members only);</li>
 * <li>anything else → 405 (489 for another event package).</li>
 * </ul>
 * All methods run on the SIP owner thread.
 */
public final class ControllingFunction {

    private static final Logger log = LoggerFactory.getLogger(ControllingFunction.class);

    private final CfServices services;
    private final CfSignalling signalling;
    private final SipUri factory;
    private final GroupCreation creation;
    private final Map<String, GroupSession> byId = new HashMap<>();
    private final Map<String, GroupSession> byConversation = new HashMap<>();
    private final Map<String, DialogUsage> dialogs = new HashMap<>();

    public ControllingFunction(CfServices services) {
        this(services, DisconnectionMethod.DEPARTED);
    }

    /**
     * @param removalDisconnectionMethod AMB-35 (a): what a REFER-initiated removal reports; the seed's
     *                                   "departed" by default, {@code booted} by choice
     */
    public ControllingFunction(CfServices services, DisconnectionMethod removalDisconnectionMethod) {
        this.services = services;
        this.signalling = new CfSignalling(services);
        this.factory = SipUri.parse(services.config().factoryUri());
        this.creation = new GroupCreation(services, signalling, this, removalDisconnectionMethod);
    }

    /** True if {@code uri} is the conference factory URI or the focus of a group this CF keeps. */
    public boolean owns(Uri uri) {
        if (!(uri instanceof SipUri s) || s.rawUser() == null) {
            return false;
        }
        if (sameUser(s, factory)) {
            return true;
        }
        return s.host().equalsIgnoreCase(services.domain()) && byId.containsKey(s.user());
    }

    private static boolean sameUser(SipUri a, SipUri b) {
        return a.user().equals(b.user()) && a.host().equalsIgnoreCase(b.host());
    }

    /** An initial request for which {@link #owns} is true. */
    public void onInitialRequest(ServerTransaction tx, SipRequest request) {
        SipUri ruri = (SipUri) request.requestUri();
        boolean toFactory = sameUser(ruri, factory);
        GroupSession focusGroup = toFactory ? null : byId.get(ruri.user());
        switch (request.method()) {
            case SipRequest.INVITE -> onInvite(tx, request, toFactory, focusGroup);
            case SipRequest.SUBSCRIBE -> onSubscribe(tx, request, focusGroup);
            case SipRequest.OPTIONS -> signalling.respond(tx, request.createResponse(200).toBuilder()
                    .set(HeaderNames.TO, request.to().withTag(Tags.newTag()))
                    .set(HeaderNames.ALLOW, GroupSession.ALLOW).build());
            default -> signalling.respond(tx, request.createResponse(405).toBuilder()
                    .set(HeaderNames.TO, request.to().withTag(Tags.newTag()))
                    .set(HeaderNames.ALLOW, GroupSession.ALLOW).build());
        }
    }

    private void onInvite(ServerTransaction tx, SipRequest invite, boolean toFactory, GroupSession focusGroup) {
        GroupAdmission.Body body = GroupAdmission.offer(invite);
        if (body instanceof GroupAdmission.BadBody bad) {
            signalling.reject(tx, invite, bad.rejection(), Tags.newTag());
            return;
        }
        GroupAdmission.Offer offer = (GroupAdmission.Offer) body;
        InviteDecision decision = GroupAdmission.decide(invite, offer, focusGroup, toFactory, this);
        String requester = GroupAdmission.requester(invite);
        if (decision instanceof InviteDecision.Refuse r) {
            log.info("CF: {} from {} refused {} {}", invite.summary(), requester, r.rejection().status(),
                    r.rejection().warningText() != null ? r.rejection().warningText() : r.rejection().reason());
            signalling.reject(tx, invite, r.rejection(), Tags.newTag());
        } else if (decision instanceof InviteDecision.Create c) {
            creation.create(tx, invite, offer, requester, c.invitees());
        } else if (decision instanceof InviteDecision.Rejoin j) {
            j.group().accept(tx, invite, offer.sdp(), requester, JoiningMethod.DIALED_IN);
        } else if (decision instanceof InviteDecision.Restart r) {
            creation.restart(tx, invite, offer, requester, r.group());
        }
    }

    private void onSubscribe(ServerTransaction tx, SipRequest subscribe, GroupSession g) {
        String event = subscribe.header(HeaderNames.EVENT);
        String pkg = event == null ? "" : event.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!pkg.equals("conference")) {
            signalling.respond(tx, subscribe.createResponse(489, "Bad Event").toBuilder()
                    .set(HeaderNames.TO, subscribe.to().withTag(Tags.newTag()))
                    .set(HeaderNames.ALLOW_EVENTS, "conference").build());
            return;
        }
        if (g == null || g.state() != GroupSession.State.ACTIVE) {
            signalling.reject(tx, subscribe, CfRejection.of(404, "No active group session"), Tags.newTag());
            return;
        }
        String subscriber = GroupAdmission.requester(subscribe);
        Participant p = g.participant(subscriber);
        if (p == null || !p.member) {
            signalling.reject(tx, subscribe, CfRejection.NOT_A_MEMBER, Tags.newTag());
            return;
        }
        g.notifier().subscribe(tx, subscribe, subscriber);
    }

    // ------------------------------------------------------------------ in-dialog

    /** A request inside a dialog; false if the dialog is not the CF's. */
    public boolean onInDialogRequest(ServerTransaction tx, SipRequest request) {
        DialogUsage usage = dialogs.get(key(request.callId(), request.to().tag()));
        if (usage == null) {
            return false;
        }
        Dialog d = usage.dialog();
        if (d.isOutOfOrder(request)) {
            signalling.respond(tx, request.createResponse(500, "CSeq out of order"));
            return true;
        }
        d.onRequest(request);
        if (usage instanceof Participant p) {
            p.group().onRequest(tx, request, p);
        } else if (usage instanceof ConferenceSubscription s && request.isMethod(SipRequest.SUBSCRIBE)) {
            s.group().notifier().refresh(tx, request, s);
        } else {
            signalling.respond(tx, request.createResponse(405).toBuilder().set(HeaderNames.ALLOW, "SUBSCRIBE").build());
        }
        return true;
    }

    /** An ACK for one of our 2xx; false if the dialog is not the CF's. */
    public boolean onAck(Inbound ack) {
        SipRequest r = (SipRequest) ack.message();
        return dialogs.containsKey(key(r.callId(), r.to().tag()));
    }

    // ------------------------------------------------------------------ tables

    void register(Dialog d, DialogUsage usage) {
        dialogs.put(key(d.id().callId(), d.id().localTag()), usage);
    }

    void unregister(Dialog d) {
        if (d != null) {
            dialogs.remove(key(d.id().callId(), d.id().localTag()));
        }
    }

    void keep(GroupSession g) {
        byId.put(g.id(), g);
        byConversation.put(g.conversationId(), g);
    }

    void forget(GroupSession g) {
        byId.remove(g.id());
        byConversation.remove(g.conversationId(), g);
    }

    GroupSession byConversation(String conversationId) {
        return byConversation.get(conversationId);
    }

    GroupSession byContribution(String contributionId) {
        for (GroupSession g : byId.values()) {
            if (contributionId.equals(g.contributionId())) {
                return g;
            }
        }
        return null;
    }

    private static String key(String callId, String localTag) {
        return callId + "|" + localTag;
    }

    // ------------------------------------------------------------------ observability (leak checks)

    /** Group sessions running now (ACTIVE or ENDING). */
    public int activeSessions() {
        return (int) byId.values().stream().filter(g -> g.state() == GroupSession.State.ACTIVE
                || g.state() == GroupSession.State.ENDING).count();
    }

    /** Groups kept, including inactive ones that may be restarted. */
    public int groups() {
        return byId.size();
    }

    /** Dialogs in the CF's dialog table (participants' INVITE dialogs and subscriptions). */
    public int dialogs() {
        return dialogs.size();
    }

    /** Conference-event subscriptions. */
    public int subscriptions() {
        return byId.values().stream().mapToInt(g -> g.notifier().size()).sum();
    }

    /** Inactivity timers running. */
    public int timers() {
        return (int) byId.values().stream().filter(GroupSession::hasTimer).count() + subscriptions();
    }

    /** Requests sent that await their final outcome. */
    public int pendingRequests() {
        return signalling.pending();
    }

    /** The focus URI of the group with {@code conversationId}, or null (tests, operations). */
    public String focusOf(String conversationId) {
        GroupSession g = byConversation.get(conversationId);
        return g == null ? null : g.focusUri();
    }
}
