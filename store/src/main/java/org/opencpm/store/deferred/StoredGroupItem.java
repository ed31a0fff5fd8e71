package org.opencpm.store.deferred;

import java.time.Instant;

/**
 * An intercepted group item as the {@link DeferredGroupStore} holds it.
 *
 * @param seq        the store's sequence number; it grows in order of interception across all sessions
 * @param sessionId  the {@link DeferredGroupSession#id()} it belongs to
 * @param item       the item as intercepted
 * @param receivedAt when it was intercepted
 * @param expiresAt  when it expires undelivered
 */
public record StoredGroupItem(long seq, long sessionId, GroupItem item, Instant receivedAt, Instant expiresAt) {
}
