package org.opencpm.client;

/**
 * A disposition notification (IMDN, RFC 5438) received for a message this client sent.
 *
 * @param messageId the {@code imdn.Message-ID} of the message it is about
 * @param recipient who produced it: the peer of the session, or the notifying address in pager mode
 * @param type      {@code delivery}, {@code display}, {@code processing} or {@code interworking}
 * @param status    the status element, e.g. {@code delivered}, {@code displayed}, {@code failed}
 */
public record DispositionReport(String messageId, String recipient, String type, String status) {
}
