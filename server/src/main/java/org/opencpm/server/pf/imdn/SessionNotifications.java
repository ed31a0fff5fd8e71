package org.opencpm.server.pf.imdn;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.cpim.CpimParseException;
import org.opencpm.msrp.imdn.ImdnDocument;
import org.opencpm.msrp.iscomposing.IsComposing;
import org.opencpm.server.pf.PfServices;
import org.opencpm.server.pf.media.MediaPlane.Side;
import org.opencpm.server.pf.media.MessageInspector;
import org.opencpm.sip.message.SipUri;
import org.opencpm.store.imdn.DispositionType;
import org.opencpm.store.imdn.ImdnKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IMDN rules for the disposition notifications inside one CPM Session, where the PF is a B2BUA and sees
 * every MSRP message ({@link MessageInspector} on the session's relay). What matters is the direction a
 * notification travels, not the PF's role for the session:
 * <ul>
 *   <li>from the served user's client (CLIENT leg) — §8.2.4: de-duplicated across the user's devices
 *       (PF-IMDN-O-02), a read report sets {@code \Seen} (PF-IMDN-O-03), nothing stored (PF-IMDN-O-04),
 *       forwarded to the network leg (PF-IMDN-O-01);</li>
 *   <li>from the network (NETWORK leg) about the served user's messages — §8.3.4: the cache and its rules
 *       (PF-IMDN-T-02…09), plus rule 2.a.iii.2: an interworking notification is not forwarded once an
 *       isComposing came from the other party's side of this session (PF-IMDN-T-07, AMB-19 b); what remains
 *       goes to the client leg and, when the user allows storage, is stored next to the original message
 *       (PF-IMDN-TD-05/06).</li>
 * </ul>
 * A notification is taken off the relay at once (the decision needs the cache, which answers on its own
 * thread), decided on the SIP owner thread, and sent on by the PF. Everything else passes untouched.
 */
public final class SessionNotifications implements MessageInspector {

    private static final Logger log = LoggerFactory.getLogger(SessionNotifications.class);

    private final PfServices pf;
    private final Deduplication dedup;
    private final ImdnObserver observer;
    private final SipUri servedUser;
    private final String session;
    private volatile String peer = "";
    private volatile boolean composingFromPeer;
    private volatile LegSender sender;

    SessionNotifications(PfServices pf, Deduplication dedup, ImdnObserver observer, SipUri servedUser, String session) {
        this.pf = pf;
        this.dedup = dedup;
        this.observer = observer;
        this.servedUser = servedUser;
        this.session = session;
    }

    /** The other party of a 1-1 session (its CPIM From is anonymous, reference.md §8): the recipient of the key. */
    public SessionNotifications withPeer(String peerUri) {
        this.peer = NotificationBody.normalize(peerUri);
        return this;
    }

    @Override
    public void attached(LegSender sender) {
        this.sender = sender;
    }

    @Override
    public Verdict inspect(Side from, String contentType, byte[] body) {
        if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith(NotificationBody.CPIM)) {
            return Verdict.PASS;
        }
        Optional<NotificationBody> notification;
        try {
            notification = NotificationBody.of(body);
        } catch (NotificationBody.BadNotification e) {
            log.info("CPM session {} ({}): unreadable IMDN from the {} leg relayed unchanged: {}", session, servedUser,
                    from, e.getMessage());
            return Verdict.PASS;
        }
        if (notification.isEmpty()) {
            if (from == Side.NETWORK && isComposing(body)) {
                composingFromPeer = true;
            }
            return Verdict.PASS;
        }
        NotificationBody n = notification.get();
        pf.scheduler().execute(() -> decide(from, n));
        return Verdict.TAKE;
    }

    private static boolean isComposing(byte[] body) {
        try {
            return CpimMessage.parse(body).mediaType().map(IsComposing.CONTENT_TYPE::equals).orElse(false);
        } catch (CpimParseException e) {
            return false;
        }
    }

    /** On the SIP owner thread: the cache, then the rules of the notification's direction. */
    void decide(Side from, NotificationBody body) {
        String user = servedUser.toString();
        boolean sent = from == Side.CLIENT;
        dedup.check(body.documents(), d -> sent
                        ? new ImdnKey(user, ImdnKey.Direction.SENT, d.messageId(), user)
                        : new ImdnKey(user, ImdnKey.Direction.RECEIVED, d.messageId(), body.recipientOf(d, peer)),
                verdicts -> decided(from, body, verdicts));
    }

    private void decided(Side from, NotificationBody body, List<Deduplication.Verdict> verdicts) {
        List<ImdnDocument> kept = new java.util.ArrayList<>();
        for (Deduplication.Verdict v : verdicts) {
            String id = v.document().messageId();
            if (!v.forward()) {
                observer.decided(servedUser, new ImdnOutcome.Suppressed(id, v.type(),
                        from == Side.CLIENT ? "PF-IMDN-O-02/" + v.requirement() : v.requirement()));
            } else if (from == Side.NETWORK && v.type() == DispositionType.INTERWORKING && composingFromPeer) {
                // §8.3.4 2.a.iii.2: "a 'isComposing' was sent in the CPM Session … SHALL NOT forward"
                observer.decided(servedUser, new ImdnOutcome.Suppressed(id, v.type(), "PF-IMDN-T-07"));
            } else {
                kept.add(v.document());
                observer.decided(servedUser, new ImdnOutcome.Forwarded(id, v.type()));
                if (from == Side.CLIENT && v.type() == DispositionType.DISPLAY) {
                    pf.history().messageDisplayed(servedUser, id); // PF-IMDN-O-03
                }
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        NotificationBody onward = body.only(kept);
        Side to = from == Side.CLIENT ? Side.NETWORK : Side.CLIENT;
        LegSender s = sender;
        if (s == null || !s.send(to, NotificationBody.CPIM, onward.cpim().toBytes())) {
            log.info("CPM session {} ({}): {} notification(s) not relayed, the {} leg is gone", session, servedUser,
                    kept.size(), to);
            return;
        }
        if (to == Side.CLIENT && pf.users().preferencesOf(servedUser.toString()).allowOfflineStorage()) {
            for (ImdnDocument d : kept) {
                pf.history().notificationDelivered(servedUser, d.messageId(), onward.only(List.of(d)).cpim()); // TD-05/06
            }
        }
    }
}
