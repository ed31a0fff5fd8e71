package org.opencpm.server.pf.imdn;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.opencpm.msrp.cpim.CpimAddress;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.cpim.DispositionRequest;
import org.opencpm.msrp.imdn.DeliveryNotification;
import org.opencpm.msrp.imdn.ImdnDocument;
import org.opencpm.msrp.imdn.ImdnMessages;
import org.opencpm.server.edge.Tags;
import org.opencpm.server.pf.CpmFeatureTags;
import org.opencpm.server.pf.PfServices;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.message.Uri;
import org.opencpm.sip.transaction.ClientTransaction;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.TransactionFailure;
import org.opencpm.store.imdn.DispositionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * §8.2.5 Sending a Disposition Notification on behalf of a served CPM User (seed 001, Change 4): the PF
 * generates the notification "as a receiving entity" (§5.4.1, PF-IMDN-OB-04) and sends it in a SIP MESSAGE
 * via the SIP/IP core to the original sender:
 * <ul>
 *   <li>case 1 (PF-IMDN-OB-01): delivery failed and the originator requested {@code negative-delivery} →
 *       {@code <delivery-notification><status><failed/>};</li>
 *   <li>case 2 (PF-IMDN-OB-02, AMB-20): delivered to a client that does not support IMDN for that kind of
 *       message (its User-Agent or Server names a release listed in
 *       {@code participating-function.imdn-unsupported-releases}) and the originator requested
 *       {@code positive-delivery} → {@code <delivered/>}; never a display notification;</li>
 *   <li>case 3 (PF-IMDN-OB-03, expiry of deferred messages) is run by the deferral feature through
 *       {@link #deliveryFailed}.</li>
 * </ul>
 * One MESSAGE per original message: nothing is aggregated towards a remote network (PF-IMDN-OB-07).
 */
public final class OnBehalfNotification {

    private static final Logger log = LoggerFactory.getLogger(OnBehalfNotification.class);

    private final PfServices pf;
    private final ImdnObserver observer;

    OnBehalfNotification(PfServices pf, ImdnObserver observer) {
        this.pf = pf;
        this.observer = observer;
    }

    /**
     * Case 1 / 3: {@code original} (a message to the served user) could not be delivered. Sends a
     * {@code failed} delivery notification when the originator asked for {@code negative-delivery}.
     *
     * @param originalSender the SIP identity of the original sender, used when the CPIM From is anonymous
     * @param conversationId the Conversation-ID of the original message, or null
     * @return whether a notification was sent
     */
    public boolean deliveryFailed(SipUri servedUser, CpimMessage original, String originalSender, String conversationId) {
        return generate(servedUser, original, originalSender, conversationId, DispositionRequest.NEGATIVE_DELIVERY,
                DeliveryNotification.Status.FAILED, "PF-IMDN-OB-01");
    }

    /**
     * Case 2: {@code original} was delivered to a client whose {@code userAgent} (its User-Agent or Server
     * header) shows it does not support IMDN for it. Sends a {@code delivered} notification when the
     * originator asked for {@code positive-delivery}.
     *
     * @return whether a notification was sent
     */
    public boolean deliveredToClient(SipUri servedUser, CpimMessage original, String originalSender,
                                     String conversationId, String userAgent) {
        if (!withoutImdnSupport(userAgent)) {
            return false;
        }
        return generate(servedUser, original, originalSender, conversationId, DispositionRequest.POSITIVE_DELIVERY,
                DeliveryNotification.Status.DELIVERED, "PF-IMDN-OB-02");
    }

    /** Whether a client with this User-Agent / Server value supports no IMDN (a configured release token). */
    public boolean withoutImdnSupport(String userAgent) {
        if (userAgent == null) {
            return false;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        return pf.config().imdnUnsupportedReleases().stream().anyMatch(r -> ua.contains(r.toLowerCase(Locale.ROOT)));
    }

    private boolean generate(SipUri servedUser, CpimMessage original, String originalSender, String conversationId,
                             DispositionRequest requested, DeliveryNotification.Status status, String requirement) {
        Optional<String> id = original.imdnMessageId();
        if (id.isEmpty() || !original.dispositionNotification().contains(requested)) {
            return false;
        }
        String sender = original.from().map(CpimAddress::uri)
                .filter(u -> !u.equalsIgnoreCase(CpimAddress.ANONYMOUS.uri())).orElse(originalSender);
        if (sender == null) {
            log.info("on-behalf notification for {} about {}: no original sender known; none sent", servedUser, id.get());
            return false;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(Instant.ofEpochMilli(pf.scheduler().clock().currentTimeMillis()),
                ZoneOffset.UTC);
        // OB-04: as a receiving entity (§5.4.1): same message-id and DateTime, our user as recipient
        ImdnDocument doc = new ImdnDocument(id.get(), original.dateTime().orElse(now), Optional.of(servedUser.toString()),
                Optional.empty(), Optional.empty(), new DeliveryNotification(status));
        CpimMessage cpim = ImdnMessages.notification(CpimAddress.of(servedUser.toString()), CpimAddress.of(sender),
                Tags.newTag(), now, doc);
        Uri target;
        try {
            target = Uri.parse(sender);
        } catch (RuntimeException e) {
            log.info("on-behalf notification for {} about {}: sender {} is no URI; none sent", servedUser, id.get(), sender);
            return false;
        }
        SipRequest.Builder b = SipRequest.builder(SipRequest.MESSAGE, target)
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, Address.of(servedUser).withTag(Tags.newTag()))
                .add(HeaderNames.TO, Address.of(target))
                .add(HeaderNames.CALL_ID, "imdn" + Tags.newTag() + "@" + pf.domain())
                .add(HeaderNames.CSEQ, "1 MESSAGE")
                .add(HeaderNames.P_ASSERTED_IDENTITY, "<" + servedUser + ">")
                .add(HeaderNames.ACCEPT_CONTACT, "*;+g.3gpp.icsi-ref=" + CpmFeatureTags.MSG.featureParam())
                .add(HeaderNames.CONTRIBUTION_ID, Tags.newTag() + Tags.newTag())
                .add(HeaderNames.USER_AGENT, pf.userAgent());
        if (conversationId != null) {
            b.add(HeaderNames.CONVERSATION_ID, conversationId);
        }
        SipRequest message = b.body(NotificationBody.CPIM, cpim.toBytes()).build();
        observer.decided(servedUser, new ImdnOutcome.GeneratedOnBehalf(id.get(), DispositionType.DELIVERY, requirement));
        log.info("{} for {}: {} {} notification about {} sent on the user's behalf to {}", requirement, servedUser,
                "delivery", status.element(), id.get(), sender);
        pf.sender().sendRequest(message, pf.core(), new ClientTransactionListener() {
            @Override
            public void onFinalResponse(ClientTransaction ct, SipResponse response) {
                if (!response.isSuccess()) {
                    log.info("on-behalf notification about {} for {} refused: {} {}", id.get(), servedUser,
                            response.status(), response.reason());
                }
            }

            @Override
            public void onFailure(ClientTransaction ct, TransactionFailure failure) {
                log.info("on-behalf notification about {} for {} not delivered: {}", id.get(), servedUser, failure);
            }
        });
        return true;
    }
}
