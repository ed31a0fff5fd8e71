package org.opencpm.server.pf.pager;

import org.opencpm.server.pf.checks.Rejection;

/** How a pager-mode procedure ended its synchronous part: a test asserts which step decided. */
public sealed interface PagerOutcome {

    /** An admission step refused the message; the caller answers with {@code rejection}. */
    record Rejected(Rejection rejection) implements PagerOutcome {
    }

    /** The message went onward on {@code branches} client transactions; the sender is answered from them. */
    record Forwarded(int branches) implements PagerOutcome {
    }

    /**
     * No suitable client: the {@link DeferralDecision} was asked, and the sender is answered when it has
     * decided (202 once the message is durable, else its rejection) — §8.3.1.6.
     */
    record AwaitingDeferral() implements PagerOutcome {
    }
}
