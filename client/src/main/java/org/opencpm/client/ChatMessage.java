package org.opencpm.client;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A chat message received, in a session or in pager mode.
 *
 * @param from             the sender's address, e.g. {@code sip:bob@example.com}: the CPIM From, or for a 1-1
 *                         session (whose CPIM From is anonymous, reference §8) the SIP identity of the peer
 * @param text             the text content
 * @param messageId        the {@code imdn.Message-ID}, or a generated one if the sender gave none
 * @param dateTime         the CPIM {@code DateTime}, if the sender gave one
 * @param conversationId   the Conversation-ID of the session or MESSAGE, or null
 * @param session          the session it arrived on, or empty for pager mode
 * @param displayRequested true if the sender asked for a display notification; see
 *                         {@link CpmClient#markDisplayed(ChatMessage)}
 */
public record ChatMessage(String from, String text, String messageId, Optional<OffsetDateTime> dateTime,
                          String conversationId, Optional<ChatSession> session, boolean displayRequested) {
}
