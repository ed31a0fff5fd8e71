package org.opencpm.store.deferred;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A message or disposition notification the Participating Function intercepted in a group session for
 * an unavailable served user (PF-T-DEF-02, AMB-39), to be delivered when the client comes back.
 *
 * @param kind          a chat message, or a disposition notification
 * @param sender        who sent it (the CPIM {@code From})
 * @param messageId     its own CPIM {@code imdn.Message-ID}; the item is stored once per session and id,
 *                      and a redelivery carries the same id so that the client drops copies
 * @param contentType   the MSRP {@code Content-Type} of {@code body} (normally {@code message/cpim})
 * @param body          the MSRP message content, byte for byte (handed over, not copied)
 * @param notifications for a chat message, the notifications its sender asked for (a negative-delivery
 *                      one is due on expiry, PF-IMDN-OB-03); empty for a notification
 */
public record GroupItem(Kind kind, String sender, String messageId, String contentType, byte[] body,
                        Set<RequestedNotification> notifications) {

    /** What was intercepted. The codes are part of the on-disk format. */
    public enum Kind {
        MESSAGE(0), NOTIFICATION(1);

        final int code;

        Kind(int code) {
            this.code = code;
        }

        static Kind of(int code) {
            return code == 0 ? MESSAGE : NOTIFICATION;
        }
    }

    public GroupItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        notifications = notifications == null || notifications.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(RequestedNotification.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(notifications));
    }
}
