package org.opencpm.store.deferred;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A standalone CPM message (pager mode or large message mode) that the terminating Participating
 * Function accepted for a served user with no suitable client available (OMA CPM Conv Fnct §8.3.1.6),
 * as handed to {@link DeferredMessageStore#accept}.
 *
 * @param recipient       the served user's CPM Address (AoR), e.g. {@code sip:bob@example.com}
 * @param sender          the originator's CPM Address as authenticated by the network
 * @param messageId       the CPIM {@code imdn.Message-ID}; with the recipient it identifies the message, so
 *                        a retransmitted MESSAGE is stored once and a redelivery carries the same id
 * @param conversationId  the {@code Conversation-ID} header value, or null
 * @param contributionId  the {@code Contribution-ID} header value, or null
 * @param contentType     the {@code Content-Type} of {@code body} (normally {@code message/cpim})
 * @param body            the whole SIP MESSAGE body (or the large message's content), kept byte for byte so
 *                        that the original {@code DateTime}, {@code imdn.Message-ID} and headers are
 *                        delivered unchanged; the array is handed over, not copied: do not modify it
 * @param notifications   the dispositions the sender asked for ({@code imdn.Disposition-Notification})
 */
public record DeferredMessage(String recipient, String sender, String messageId, String conversationId,
                              String contributionId, String contentType, byte[] body,
                              Set<RequestedNotification> notifications) {

    public DeferredMessage {
        requireText(recipient, "recipient");
        requireText(sender, "sender");
        requireText(messageId, "messageId");
        requireText(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        notifications = notifications == null || notifications.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(RequestedNotification.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(notifications));
    }

    /** True if the sender asked for {@code notification}. */
    public boolean requested(RequestedNotification notification) {
        return notifications.contains(notification);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    @Override
    public String toString() {
        return "DeferredMessage[" + recipient + " <- " + sender + ", imdn.Message-ID " + messageId + ", "
                + contentType + ", " + body.length + " bytes]";
    }
}
