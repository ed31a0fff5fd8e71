package org.opencpm.server.pf.pager;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;

/**
 * What the terminating PF does with a pager-mode CPM Standalone Message when the served user has no
 * suitable client (§8.3.1.1, then §8.3.1.6 "Defer Standalone CPM Messages"). {@link #REJECT} answers
 * 480, as PF-T-INV-06 does for sessions (AMB-24: undefined policy → 480); the deferral feature
 * ({@code org.opencpm.server.deferral}) stores the message and answers 202.
 *
 * <p>Called on the SIP owner thread; must not block. The decision completes later, on any thread (a
 * durable store commits on its own): the pager answers the sender on the SIP owner thread once it has.
 * A {@link Decision.Deferred} means the message is in durable storage already, so the sender can be
 * told 202 Accepted (reference.md §4.6).
 */
public interface DeferralDecision {

    /** No deferral: 480 "Temporarily Unavailable". */
    DeferralDecision REJECT = (user, message, cpim) -> CompletableFuture.completedFuture(
            new Decision.Reject(Rejection.of(480, "Temporarily Unavailable")));

    CompletionStage<Decision> noSuitableClient(SipUri servedUser, SipRequest message, CpimMessage cpim);

    /** The outcome for a message no client can take now. */
    sealed interface Decision {

        /** Answer the sender with this rejection. */
        record Reject(Rejection rejection) implements Decision {
        }

        /** The message is durable: the sender gets 202 Accepted. */
        record Deferred() implements Decision {
        }
    }
}
