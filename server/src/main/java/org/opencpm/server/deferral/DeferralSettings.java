package org.opencpm.server.deferral;

import java.time.Duration;

/**
 * Tuning of the deferral procedures (not user-facing configuration; the policy expiry is
 * {@code store.deferred-expiry}).
 *
 * @param holdOff       the wait between a trigger and the first delivery, so that a client that has just
 *                      registered has its 200 before the first MESSAGE (cf. AMB-18's hold-off)
 * @param window        deferred messages of one user in flight at once during delivery; sent in order
 * @param pageSize      messages read from the store per query during delivery
 * @param retryBackoff  the wait before the first retry after a failed delivery; doubled each further retry
 * @param maxRetries    retries after a failed delivery before waiting for the next trigger
 * @param sweepInterval how often expired messages are looked for
 */
public record DeferralSettings(Duration holdOff, int window, int pageSize, Duration retryBackoff, int maxRetries, Duration sweepInterval) {

    public static final DeferralSettings DEFAULTS =
            new DeferralSettings(Duration.ofMillis(200), 32, 256, Duration.ofSeconds(2), 4, Duration.ofSeconds(60));

    public DeferralSettings {
        if (window < 1 || pageSize < 1 || maxRetries < 0) {
            throw new IllegalArgumentException("window and pageSize must be positive, maxRetries not negative");
        }
        if (holdOff.isNegative() || retryBackoff.isNegative() || retryBackoff.isZero() || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("retryBackoff and sweepInterval must be positive");
        }
    }

    public DeferralSettings withSweepInterval(Duration value) {
        return new DeferralSettings(holdOff, window, pageSize, retryBackoff, maxRetries, value);
    }

    public DeferralSettings withWindow(int value) {
        return new DeferralSettings(holdOff, value, pageSize, retryBackoff, maxRetries, sweepInterval);
    }
}
