package org.opencpm.server.deferral;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.opencpm.msrp.cpim.CpimAddress;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.cpim.CpimParseException;
import org.opencpm.msrp.imdn.DeliveryNotification;
import org.opencpm.msrp.imdn.ImdnDocument;
import org.opencpm.msrp.imdn.ImdnMessages;
import org.opencpm.msrp.imdn.Notification;
import org.opencpm.msrp.imdn.ProcessingNotification;
import org.opencpm.server.edge.Tags;
import org.opencpm.server.pf.PfServices;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transaction.ClientTransaction;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.TransactionFailure;
import org.opencpm.store.deferred.DeferredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disposition notifications the PF sends on the served user's behalf about a deferred message, built as
 * a receiving entity builds them (PF-IMDN-OB-04: same message-id and DateTime, recipient-uri the served
 * user) and sent via the SIP/IP core to the original sender:
 * <ul>
 *   <li>{@code <processing-notification><status><stored/>} when the message was deferred and the sender
 *       asked for {@code processing} (reference.md §4.6, RFC 5438 §7.2.1.3);</li>
 *   <li>{@code <delivery-notification><status><failed/>} when it expired undelivered and the sender asked
 *       for {@code negative-delivery} (PF-IMDN-OB-01, PF-IMDN-OB-03).</li>
 * </ul>
 * Best effort: a notification that cannot be delivered is logged, never retried (the sender's request
 * concerns the message, which is unaffected).
 */
final class OnBehalfNotifications {

    private static final Logger log = LoggerFactory.getLogger(OnBehalfNotifications.class);

    private final PfServices pf;

    OnBehalfNotifications(PfServices pf) {
        this.pf = pf;
    }

    void stored(DeferredMessage m) {
        send(m, new ProcessingNotification(ProcessingNotification.Status.STORED));
    }

    void failed(DeferredMessage m) {
        send(m, new DeliveryNotification(DeliveryNotification.Status.FAILED));
    }

    private void send(DeferredMessage m, Notification n) {
        OffsetDateTime now = Instant.ofEpochMilli(pf.scheduler().clock().currentTimeMillis()).atOffset(ZoneOffset.UTC);
        ImdnDocument doc;
        try {
            CpimMessage original = CpimMessage.parse(m.body());
            doc = original.dateTime().isPresent() && original.imdnMessageId().isPresent()
                    ? ImdnDocument.answering(original, m.recipient(), n)
                    : ImdnDocument.of(m.messageId(), now, n).withRecipientUri(m.recipient());
        } catch (CpimParseException e) {
            doc = ImdnDocument.of(m.messageId(), now, n).withRecipientUri(m.recipient());
        }
        CpimMessage cpim = ImdnMessages.notification(CpimAddress.of(m.recipient()), CpimAddress.of(m.sender()),
                Tags.newTag() + Tags.newTag(), now, doc);
        SipRequest request = DeferredRequests.notification(m.recipient(), m.sender(), m.conversationId(),
                pf.userAgent(), cpim.toBytes(), pf.domain());
        String what = n.type().name().toLowerCase(java.util.Locale.ROOT) + " " + n.statusElement();
        pf.sender().sendRequest(request, pf.core(), new ClientTransactionListener() {
            @Override
            public void onFinalResponse(ClientTransaction ct, SipResponse response) {
                if (response.isSuccess()) {
                    log.debug("{} notification for {} to {}: {}", what, m.messageId(), m.sender(), response.status());
                } else {
                    log.info("{} notification for message {} of {} to {} refused with {}; not retried", what,
                            m.messageId(), m.recipient(), m.sender(), response.status());
                }
            }

            @Override
            public void onFailure(ClientTransaction ct, TransactionFailure failure) {
                log.info("{} notification for message {} of {} to {} failed ({}); not retried", what, m.messageId(),
                        m.recipient(), m.sender(), failure);
            }
        });
    }
}
