package org.opencpm.store.deferred;

import java.time.Instant;

/**
 * A deferred message as the {@link DeferredMessageStore} holds it.
 *
 * @param id         the store's id; ids grow in acceptance order, so sorting by id is acceptance order
 * @param message    the message as accepted
 * @param acceptedAt when the store accepted it (the instant its {@code 202 Accepted} could be sent)
 * @param expiresAt  when it expires undelivered (policy {@code store.deferred-expiry})
 * @param attempts   delivery attempts started so far ({@link DeferredMessageStore#markInFlight}); a
 *                   message with {@code attempts > 0} may already have reached the user once, and is
 *                   redelivered with the same {@code imdn.Message-ID} so that the client drops the copy
 */
public record StoredMessage(long id, DeferredMessage message, Instant acceptedAt, Instant expiresAt, int attempts) {
}
