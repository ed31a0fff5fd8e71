package org.opencpm.server.deferral;

import java.time.Instant;
import org.opencpm.server.pf.checks.Rejection;

/** What became of a message offered for deferral (§8.3.1.6): a test asserts which step decided. */
public sealed interface DeferOutcome {

    /**
     * The message is durable: the sender may be told 202 Accepted.
     *
     * @param id        the store's id
     * @param duplicate a retransmission of a message already stored (same recipient and {@code imdn.Message-ID}):
     *                  stored once, and no second {@code stored} notification was sent
     * @param expiresAt when it expires undelivered
     */
    record Stored(long id, boolean duplicate, Instant expiresAt) implements DeferOutcome {
    }

    /** Not deferred: the sender gets {@code rejection}. */
    record Refused(Rejection rejection) implements DeferOutcome {
    }
}
