package org.opencpm.store.deferred;

import java.time.Instant;

/**
 * The outcome of {@link DeferredMessageStore#accept}: the message is durable.
 *
 * @param id        the store's id of the message
 * @param duplicate true if the store already held a message with the same recipient and
 *                  {@code imdn.Message-ID} (a retransmission): {@code id} is the existing one, and the
 *                  procedure should not send a second {@code stored} processing notification
 * @param expiresAt when the message expires undelivered
 */
public record Accepted(long id, boolean duplicate, Instant expiresAt) {
}
