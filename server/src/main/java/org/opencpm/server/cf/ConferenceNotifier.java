package org.opencpm.server.cf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencpm.msrp.conference.ConferenceDescription;
import org.opencpm.msrp.conference.ConferenceEndpoint;
import org.opencpm.msrp.conference.ConferenceInfo;
import org.opencpm.msrp.conference.ConferenceState;
import org.opencpm.msrp.conference.ConferenceUser;
import org.opencpm.msrp.conference.ElementState;
import org.opencpm.msrp.conference.EndpointStatus;
import org.opencpm.msrp.conference.ExecutionInfo;
import org.opencpm.server.edge.Tags;
import org.opencpm.sip.dialog.Dialog;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transaction.ServerTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier of the conference event package (RFC 4575 over RFC 6665) for one group session's focus:
 * a SUBSCRIBE gets 200 and a NOTIFY with the full document (version 1); every change of a participant
 * gets a partial document (version +1) to every subscriber; a subscription ends on expiry, on
 * unsubscription, when its subscriber leaves or is removed (CF-RM-08, AMB-35 d: {@code reason=noresource})
 * and when the session ends ({@code reason=noresource}, so the PF stores the final Group State Object,
 * PF-O-PIN-02).
 */
final class ConferenceNotifier {

    private static final Logger log = LoggerFactory.getLogger(ConferenceNotifier.class);

    /** RFC 6665 §4.2.1.1: the notifier chooses the duration; one hour unless the subscriber asks for less. */
    static final int MAX_EXPIRES = 3600;

    private final GroupSession group;
    private final List<ConferenceSubscription> subscriptions = new ArrayList<>();

    ConferenceNotifier(GroupSession group) {
        this.group = group;
    }

    int size() {
        return subscriptions.size();
    }

    /** An initial SUBSCRIBE to the focus by {@code subscriber} (already authorised). */
    void subscribe(ServerTransaction tx, SipRequest subscribe, String subscriber) {
        int expires = expiresOf(subscribe);
        SipResponse ok = group.signalling().recordRouted(subscribe, subscribe.createResponse(200).toBuilder()
                .set(HeaderNames.TO, subscribe.to().withTag(Tags.newTag()))
                .set(HeaderNames.CONTACT, group.focusContact())
                .set(HeaderNames.EXPIRES, Integer.toString(expires)))
                .build();
        ConferenceSubscription s = new ConferenceSubscription(subscriber, group, Dialog.asUas(subscribe, ok));
        group.signalling().respond(tx, ok);
        if (expires == 0) {
            // RFC 6665 §4.4.3: a fetch gets one NOTIFY with the state, and the subscription is over.
            notify(s, full(++s.version), "terminated;reason=timeout");
            s.dialog.terminate();
            return;
        }
        subscriptions.add(s);
        group.table().register(s.dialog, s);
        schedule(s, expires);
        notify(s, full(++s.version), "active;expires=" + expires);
        log.debug("focus {}: {} subscribed for {} s", group.id(), subscriber, expires);
    }

    /** A SUBSCRIBE inside an existing subscription: refresh, or unsubscribe with Expires 0. */
    void refresh(ServerTransaction tx, SipRequest subscribe, ConferenceSubscription s) {
        int expires = expiresOf(subscribe);
        group.signalling().respond(tx, subscribe.createResponse(200).toBuilder()
                .set(HeaderNames.EXPIRES, Integer.toString(expires)).build());
        s.expiry.cancel();
        if (expires == 0) {
            terminate(s, "timeout");
            return;
        }
        schedule(s, expires);
        // RFC 4575 §4.6: a refresh is answered with the full state again.
        notify(s, full(++s.version), "active;expires=" + expires);
    }

    /** A participant's entry changed: a partial document to every subscriber. */
    void changed(Participant p) {
        for (ConferenceSubscription s : List.copyOf(subscriptions)) {
            ConferenceInfo doc = ConferenceInfo.partial(group.focusUri(), ++s.version,
                    List.of(user(p, ElementState.PARTIAL)));
            notify(s, doc, "active");
        }
    }

    /** Ends the subscriptions held by {@code subscriber} (CF-RM-08). */
    void terminateFor(String subscriber, String reason) {
        for (ConferenceSubscription s : List.copyOf(subscriptions)) {
            if (s.subscriber.equals(subscriber)) {
                terminate(s, reason);
            }
        }
    }

    /** Ends every subscription: the session ended (AMB-35 d: noresource). */
    void terminateAll(String reason) {
        for (ConferenceSubscription s : List.copyOf(subscriptions)) {
            terminate(s, reason);
        }
    }

    private void terminate(ConferenceSubscription s, String reason) {
        if (s.terminated) {
            return;
        }
        s.terminated = true;
        s.expiry.cancel();
        subscriptions.remove(s);
        // The final NOTIFY carries the state as it is now: the PF stores it as the Group State Object.
        notify(s, full(++s.version), "terminated;reason=" + reason);
        s.dialog.terminate();
        group.table().unregister(s.dialog);
    }

    private void schedule(ConferenceSubscription s, int expires) {
        s.expiry = group.services().scheduler().schedule(Duration.ofSeconds(expires), () -> {
            s.expiry = org.opencpm.common.time.Cancellable.NONE;
            terminate(s, "timeout");
        });
    }

    private void notify(ConferenceSubscription s, ConferenceInfo doc, String state) {
        String body = new String(doc.toXml(), StandardCharsets.UTF_8);
        group.signalling().inDialog(s.dialog, SipRequest.NOTIFY, b -> b
                .add(HeaderNames.EVENT, "conference")
                .add(HeaderNames.SUBSCRIPTION_STATE, state)
                .body(ConferenceInfo.CONTENT_TYPE, body), status -> {
                    if ((status == 481 || status == CfSignalling.NO_RESPONSE) && !s.terminated) {
                        // RFC 6665 §4.2.2: a 481 (or no answer) to a NOTIFY ends the subscription.
                        s.terminated = true;
                        s.expiry.cancel();
                        subscriptions.remove(s);
                        s.dialog.terminate();
                        group.table().unregister(s.dialog);
                    }
                });
    }

    /** The whole state: subject, user count and whether a session runs, every user with its role. */
    ConferenceInfo full(long version) {
        List<ConferenceUser> users = new ArrayList<>();
        int connected = 0;
        for (Participant p : group.participants()) {
            users.add(user(p, ElementState.FULL));
            connected += p.status == EndpointStatus.CONNECTED ? 1 : 0;
        }
        return ConferenceInfo.full(group.focusUri(), version, users)
                .withDescription(new ConferenceDescription(Optional.empty(), Optional.ofNullable(group.subject()),
                        Optional.empty()))
                .withConferenceState(new ConferenceState(Optional.of(connected),
                        Optional.of(group.state() == GroupSession.State.ACTIVE), Optional.empty()));
    }

    private ConferenceUser user(Participant p, ElementState state) {
        ConferenceEndpoint e = new ConferenceEndpoint(p.uri, ElementState.FULL, Optional.empty(), Optional.of(p.status),
                Optional.of(p.joining), Optional.empty(),
                p.status == EndpointStatus.DISCONNECTED ? Optional.ofNullable(p.disconnection) : Optional.empty(),
                p.status == EndpointStatus.DISCONNECTED && (p.disconnectedAt != null || p.disconnectedBy != null)
                        ? Optional.of(new ExecutionInfo(Optional.ofNullable(p.disconnectedAt), Optional.empty(),
                        Optional.ofNullable(p.disconnectedBy)))
                        : Optional.empty());
        // RFC 4575 §5.6.3: roles; the creator is the chairman (the only one who may remove others)
        return ConferenceUser.of(p.uri, Optional.empty(), List.of(e)).withState(state)
                .withRoles(List.of(p.uri.equals(group.creator()) ? "chairman" : "participant"));
    }

    private static int expiresOf(SipRequest r) {
        String v = r.header(HeaderNames.EXPIRES);
        if (v == null) {
            return MAX_EXPIRES;
        }
        try {
            return (int) Math.min(MAX_EXPIRES, Math.max(0, Long.parseLong(v.trim())));
        } catch (NumberFormatException e) {
            return MAX_EXPIRES;
        }
    }
}
