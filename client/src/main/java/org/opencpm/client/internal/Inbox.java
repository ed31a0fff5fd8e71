package org.opencpm.client.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.opencpm.client.ChatMessage;
import org.opencpm.client.ChatSession;
import org.opencpm.client.CpmClientListener;
import org.opencpm.client.DispositionReport;
import org.opencpm.msrp.cpim.CpimAddress;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.cpim.DispositionRequest;
import org.opencpm.msrp.imdn.DeliveryNotification;
import org.opencpm.msrp.imdn.DisplayNotification;
import org.opencpm.msrp.imdn.ImdnDocument;
import org.opencpm.msrp.imdn.ImdnMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the client does with received content, the same for sessions and pager mode: the delivery
 * notification back to the sender (RFC 5438), dropping a message already reported (same sender and
 * {@code imdn.Message-ID}: a server may redeliver after a crash), reporting notifications once, and the
 * display notification when the application has shown a message. Owned by the event thread.
 */
final class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final RealCpmClient client;
    private final CpmClientListener listener;
    private final RecentIds receivedMessages = new RecentIds(RecentIds.DEFAULT_CAPACITY);
    private final RecentIds reportedNotifications = new RecentIds(RecentIds.DEFAULT_CAPACITY);

    Inbox(RealCpmClient client, CpmClientListener listener) {
        this.client = client;
        this.listener = listener;
    }

    /**
     * A text message from {@code from}: the delivery notification goes back through {@code reply}
     * if asked for (again for a duplicate, whose first notification may have been lost), then the
     * listener hears of it unless it is a duplicate.
     *
     * @param anonymous true inside a 1-1 session, where CPIM From/To are anonymous (reference §8)
     */
    void onText(Content.Text text, String from, String conversationId, RealChatSession session, boolean anonymous,
                Consumer<CpimMessage> reply) {
        Optional<String> id = text.messageId();
        if (id.isPresent() && text.requests().contains(DispositionRequest.POSITIVE_DELIVERY)) {
            reply.accept(Content.notification(us(anonymous), them(anonymous, from), client.newId(), client.now(),
                    text, client.user(), new DeliveryNotification(DeliveryNotification.Status.DELIVERED)));
        }
        if (id.isPresent() && !receivedMessages.firstTime(from.toLowerCase(Locale.ROOT) + " " + id.get())) {
            log.debug("duplicate message {} from {} dropped", id.get(), from);
            return;
        }
        listener.messageReceived(new ChatMessage(from, text.text(), id.orElseGet(client::newId), text.dateTime(),
                conversationId, Optional.ofNullable(session),
                id.isPresent() && text.requests().contains(DispositionRequest.DISPLAY)));
    }

    /** Notifications received; {@code recipient} is who sent them when a document does not say. */
    void onNotifications(List<ImdnDocument> documents, String recipient) {
        for (ImdnDocument d : documents) {
            String who = d.recipientUri().orElse(recipient);
            String type = d.notification().type().name().toLowerCase(Locale.ROOT);
            String status = d.notification().statusElement();
            if (reportedNotifications.firstTime(d.messageId() + " " + type + " " + status + " " + who)) {
                listener.notificationReceived(new DispositionReport(d.messageId(), who, type, status));
            }
        }
    }

    /** The display notification for a message shown to the user: over its session if still active, else by MESSAGE. */
    void displayed(ChatMessage message) {
        ImdnDocument doc = ImdnDocument.of(message.messageId(), message.dateTime().orElse(client.now()),
                new DisplayNotification(DisplayNotification.Status.DISPLAYED)).withRecipientUri(client.user());
        Optional<ChatSession> s = message.session();
        boolean inSession = s.isPresent() && s.get() instanceof RealChatSession rs && rs.state() == ChatSession.State.ACTIVE;
        CpimMessage cpim = ImdnMessages.notification(us(inSession), them(inSession, message.from()), client.newId(),
                client.now(), doc);
        if (inSession) {
            ((RealChatSession) s.get()).sendNotification(cpim);
        } else {
            client.pager().sendNotification(message.from(), message.conversationId(), cpim);
        }
    }

    private CpimAddress us(boolean anonymous) {
        return anonymous ? CpimAddress.ANONYMOUS : CpimAddress.of(client.user());
    }

    private static CpimAddress them(boolean anonymous, String peer) {
        return anonymous ? CpimAddress.ANONYMOUS : CpimAddress.of(peer);
    }
}
