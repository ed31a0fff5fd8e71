package org.opencpm.store.imdn;

import java.util.Objects;

/**
 * What the {@link ImdnCache} remembers forwarded notifications by (AMB-03, AMB-21): the served user, on
 * which side of the served user the notifications travel, the CPIM {@code imdn.Message-ID} of the message
 * they are about, and the recipient whose disposition they report. Never the Call-ID: each notification
 * is a new SIP transaction (or an MSRP SEND), so the Call-ID says nothing about the message.
 *
 * <p>The recipient is part of the key because a message may have several recipients (a group chat
 * message, one id): Bob's delivery notification must not suppress Carol's. On the sending side
 * (§8.2.4) the recipient is the served user (its devices are the endpoints to de-duplicate); on the
 * receiving side (§8.3.4) it is the user who notifies. The direction keeps the two apart when a user
 * writes to herself and both of her PFs run in one server.
 *
 * @param servedUser the served user's address (AoR)
 * @param direction  whether the served user sends the notifications (§8.2.4) or receives them (§8.3.4)
 * @param messageId  the {@code <message-id>} of the notification: the original message's {@code imdn.Message-ID}
 * @param recipient  the recipient whose disposition is notified; may be empty when unknown
 */
public record ImdnKey(String servedUser, Direction direction, String messageId, String recipient) {

    /** On which side of the served user the notifications travel. */
    public enum Direction {
        /** §8.2.4: notifications the served user's clients (or an IWF on its behalf) send. */
        SENT,
        /** §8.3.4: notifications for messages the served user sent, arriving from the network. */
        RECEIVED;

        int code() {
            return ordinal();
        }
    }

    public ImdnKey {
        Objects.requireNonNull(servedUser, "servedUser");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(recipient, "recipient");
    }

    /** A receiving-side key without a recipient: the form of the original two-part key. */
    public static ImdnKey of(String servedUser, String messageId) {
        return new ImdnKey(servedUser, Direction.RECEIVED, messageId, "");
    }
}
