package org.opencpm.server.config;

import java.time.Duration;

/**
 * MSRP settings ({@code msrp:}), including when a connection counts as lost (requirements.md AMB-01).
 *
 * @param chunkSize          largest chunk body the relay sends; bigger messages are split (RFC 4975 §7.1)
 * @param maxMessageSize     largest complete message accepted (advertised with a=max-size); bigger gets 413
 * @param transactionTimeout a SEND unanswered for this long fails; the connection counts as lost (RFC 4975 suggests 30 s)
 * @param idleProbeInterval  after this long without traffic, an empty SEND probes the connection
 * @param connectTimeout     an outgoing connection not established within this counts as a setup failure
 */
public record MsrpConfig(int chunkSize, long maxMessageSize, Duration transactionTimeout,
                         Duration idleProbeInterval, Duration connectTimeout) {
}
