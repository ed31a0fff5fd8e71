package org.opencpm.server.config;

import java.time.Duration;

/**
 * Retention of the durable stores ({@code store:}).
 *
 * @param deferredExpiry how long a deferred message or session waits for its recipient before it is discarded
 * @param imdnCacheTtl   how long a forwarded IMDN's message-id and disposition types are remembered (AMB-03)
 */
public record StoreConfig(Duration deferredExpiry, Duration imdnCacheTtl) {
}
